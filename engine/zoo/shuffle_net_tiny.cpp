// A small ShuffleNet for 32x32 images mixing both versions: V1 units (grouped 1x1 convs with
// groups 2 and 4, channel shuffle, depthwise 3x3, residual add) and V2 units (channel split,
// branch, concat, shuffle; a two-branch unit downsamples).
#include <cstdint>
#include <string>

#include "engine/zoo/blocks.h"
#include "engine/zoo/models.h"

namespace secateur {
namespace {

int shuffleV1Unit(GraphBuilder& b, int x, int64_t groups, const std::string& name) {
    const int64_t c = zoo::channels(b, x);
    int y = b.convBnAct(x, c, {1, 1}, zoo::conv2d(1, 0, groups), "relu", name + ".gconv1");
    y = zoo::channelShuffle(b, y, groups, name + ".shuffle");
    y = b.convBnAct(y, c, {3, 3}, zoo::conv2d(1, 1, c), "", name + ".dw");
    y = b.convBnAct(y, c, {1, 1}, zoo::conv2d(1, 0, groups), "", name + ".gconv2");
    return b.activation("relu", b.add(x, y, name + ".add"), name + ".relu");
}

// 1x1 + BN + ReLU, depthwise 3x3 (stride) + BN, 1x1 + BN + ReLU.
int shuffleV2Branch(GraphBuilder& b, int x, int64_t channels, int64_t stride,
                    const std::string& name) {
    x = b.convBnAct(x, channels, {1, 1}, zoo::conv2d(1, 0), "relu", name + ".pw1");
    x = b.convBnAct(x, channels, {3, 3}, zoo::conv2d(stride, 1, channels), "", name + ".dw");
    return b.convBnAct(x, channels, {1, 1}, zoo::conv2d(1, 0), "relu", name + ".pw2");
}

int shuffleV2Unit(GraphBuilder& b, int x, const std::string& name) {
    const int64_t half = zoo::channels(b, x) / 2;
    const std::vector<int> parts = b.split(x, {half, half}, 1, name + ".split");
    const int branch = shuffleV2Branch(b, parts[1], half, 1, name + ".branch");
    return zoo::channelShuffle(b, b.cat({parts[0], branch}, 1, name + ".cat"), 2,
                               name + ".shuffle");
}

// Both branches stride 2; output channels double.
int shuffleV2Down(GraphBuilder& b, int x, const std::string& name) {
    const int64_t c = zoo::channels(b, x);
    int left = b.convBnAct(x, c, {3, 3}, zoo::conv2d(2, 1, c), "", name + ".left.dw");
    left = b.convBnAct(left, c, {1, 1}, zoo::conv2d(1, 0), "relu", name + ".left.pw");
    const int right = shuffleV2Branch(b, x, c, 2, name + ".right");
    return zoo::channelShuffle(b, b.cat({left, right}, 1, name + ".cat"), 2, name + ".shuffle");
}

}  // namespace

Graph buildShuffleNetTiny(const ZooOptions& o) {
    GraphBuilder b(o.seed);
    int x = b.input("image", o.inputOr({1, 3, 32, 32}));
    x = b.convBnAct(x, 24, {3, 3}, zoo::conv2d(1, 1), "relu", "stem");
    x = shuffleV1Unit(b, x, 2, "unit1");  // 24 channels, 32x32
    x = shuffleV2Down(b, x, "down2");     // 48 channels, 16x16
    x = shuffleV2Unit(b, x, "unit2");
    x = shuffleV1Unit(b, x, 4, "unit3");
    x = shuffleV2Down(b, x, "down3");  // 96 channels, 8x8
    x = shuffleV2Unit(b, x, "unit4");
    x = b.convBnAct(x, 128, {1, 1}, zoo::conv2d(1, 0), "relu", "head");
    x = b.adaptiveAvgPool(x, {1, 1}, "pool");
    x = b.flatten(x, 1, -1, "flatten");
    b.output(b.linear(x, o.classesOr(10), true, "fc"));
    return b.build();
}

}  // namespace secateur
