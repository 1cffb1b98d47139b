// MLPerf Tiny image classification ResNet-8: 32x32x3, stacks of 16/32/64 channels, 10 classes.
#include <string>

#include "engine/zoo/blocks.h"
#include "engine/zoo/models.h"

namespace secateur {
namespace {

// Two 3x3 convs with a shortcut; a strided 1x1 conv (no BN, as in MLPerf) where the shape changes.
int residualStack(GraphBuilder& b, int x, int64_t outChannels, int64_t stride,
                  const std::string& name) {
    int y = b.convBnAct(x, outChannels, {3, 3}, zoo::conv2d(stride, 1), "relu", name + ".conv1");
    y = b.convBnAct(y, outChannels, {3, 3}, zoo::conv2d(1, 1), "", name + ".conv2");
    int shortcut = x;
    if (stride != 1 || zoo::channels(b, x) != outChannels) {
        ConvOptions projection;
        projection.stride = {stride, stride};
        shortcut = b.conv(x, outChannels, {1, 1}, projection, name + ".shortcut");
    }
    return b.activation("relu", b.add(y, shortcut, name + ".add"), name + ".relu");
}

}  // namespace

Graph buildResNet8(const ZooOptions& o) {
    GraphBuilder b(o.seed);
    int x = b.input("image", o.inputOr({1, 3, 32, 32}));
    x = b.convBnAct(x, o.wide(16), {3, 3}, zoo::conv2d(1, 1), "relu", "stem");
    x = residualStack(b, x, o.wide(16), 1, "stack1");
    x = residualStack(b, x, o.wide(32), 2, "stack2");
    x = residualStack(b, x, o.wide(64), 2, "stack3");
    x = b.adaptiveAvgPool(x, {1, 1}, "pool");
    x = b.flatten(x, 1, -1, "flatten");
    b.output(b.linear(x, o.classesOr(10), true, "fc"));
    return b.build();
}

}  // namespace secateur
