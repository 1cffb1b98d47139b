// Residual dilated TCN for ECG beat classification (one lead, 128 samples around the beat,
// 5 AAMI classes N/S/V/F/Q).
#include <string>

#include "engine/zoo/blocks.h"
#include "engine/zoo/models.h"

namespace secateur {
namespace {

// Two causal dilated convs with BN and leaky ReLU, a residual add (1x1 conv where channels
// change), leaky ReLU after the add.
int tcnBlock(GraphBuilder& b, int x, int64_t outChannels, int64_t kernel, int64_t dilation,
             const std::string& name) {
    int y = b.convBnAct(x, outChannels, {kernel}, zoo::causal1d(dilation), "leaky_relu",
                        name + ".conv1");
    y = b.convBnAct(y, outChannels, {kernel}, zoo::causal1d(dilation), "", name + ".conv2");
    int shortcut = x;
    if (zoo::channels(b, x) != outChannels)
        shortcut = b.conv(x, outChannels, {1}, ConvOptions{}, name + ".shortcut");
    return b.activation("leaky_relu", b.add(y, shortcut, name + ".add"), name + ".act");
}

}  // namespace

Graph buildEcgTcn(const ZooOptions& o) {
    GraphBuilder b(o.seed);
    int x = b.input("ecg", o.inputOr({1, 1, 128}));
    x = b.convBnAct(x, o.wide(16), {5}, zoo::causal1d(1), "leaky_relu", "stem");
    x = tcnBlock(b, x, o.wide(16), 3, 1, "block1");
    x = tcnBlock(b, x, o.wide(32), 3, 2, "block2");
    x = tcnBlock(b, x, o.wide(32), 3, 4, "block3");
    x = tcnBlock(b, x, o.wide(32), 3, 8, "block4");
    x = b.adaptiveAvgPool(x, {1}, "pool");
    x = b.flatten(x, 1, -1, "flatten");
    b.output(b.linear(x, o.classesOr(5), true, "fc"));
    return b.build();
}

}  // namespace secateur
