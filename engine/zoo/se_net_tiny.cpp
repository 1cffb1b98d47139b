// A small SE-ResNet for 32x32 images: conv stages with squeeze-excitation gates (the gate
// multiplies the feature map channel-wise), residual stages with a projection shortcut.
#include <cstdint>
#include <string>

#include "engine/zoo/blocks.h"
#include "engine/zoo/models.h"

namespace secateur {
namespace {

// x * gate(conv1x1(relu(conv1x1(adaptive_avg_pool(x))))).
int squeezeExcite(GraphBuilder& b, int x, int64_t reduction, const std::string& gate,
                  const std::string& name) {
    const int64_t c = zoo::channels(b, x);
    int s = b.adaptiveAvgPool(x, {1, 1}, name + ".squeeze");
    s = b.activation("relu", b.conv(s, c / reduction, {1, 1}, ConvOptions{}, name + ".reduce"),
                     name + ".relu");
    s = b.activation(gate, b.conv(s, c, {1, 1}, ConvOptions{}, name + ".expand"), name + ".gate");
    return b.mul(x, s, name + ".scale");
}

// conv-BN-ReLU, conv-BN, SE, add the (projected) input, ReLU.
int seResidualStage(GraphBuilder& b, int x, int64_t outChannels, int64_t stride,
                    const std::string& gate, const std::string& name) {
    int y = b.convBnAct(x, outChannels, {3, 3}, zoo::conv2d(stride, 1), "relu", name + ".conv1");
    y = b.convBnAct(y, outChannels, {3, 3}, zoo::conv2d(1, 1), "", name + ".conv2");
    y = squeezeExcite(b, y, 4, gate, name + ".se");
    const int shortcut =
        b.convBnAct(x, outChannels, {1, 1}, zoo::conv2d(stride, 0), "", name + ".shortcut");
    return b.activation("relu", b.add(y, shortcut, name + ".add"), name + ".relu");
}

}  // namespace

Graph buildSeNetTiny(const ZooOptions& o) {
    GraphBuilder b(o.seed);
    int x = b.input("image", o.inputOr({1, 3, 32, 32}));
    x = b.convBnAct(x, 16, {3, 3}, zoo::conv2d(1, 1), "relu", "stem");
    x = squeezeExcite(b, x, 4, "hardsigmoid", "stem.se");
    x = seResidualStage(b, x, 32, 2, "sigmoid", "stage1");
    x = seResidualStage(b, x, 64, 2, "hardsigmoid", "stage2");
    x = b.adaptiveAvgPool(x, {1, 1}, "pool");
    x = b.flatten(x, 1, -1, "flatten");
    b.output(b.linear(x, o.classesOr(10), true, "fc"));
    return b.build();
}

}  // namespace secateur
