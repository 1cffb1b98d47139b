// MobileNetV2 cut down for 32x32 images: inverted residual blocks with ReLU6, linear bottlenecks
// and residual adds where stride is 1 and channels match.
#include <cstdint>
#include <string>

#include "engine/zoo/blocks.h"
#include "engine/zoo/models.h"

namespace secateur {
namespace {

// Expand 1x1 (skipped for expansion 1), depthwise 3x3, project 1x1 without activation.
int invertedResidual(GraphBuilder& b, int x, int64_t expansion, int64_t outChannels, int64_t stride,
                     const std::string& name) {
    const int64_t in = zoo::channels(b, x);
    const int64_t hidden = in * expansion;
    int y = x;
    if (expansion != 1)
        y = b.convBnAct(y, hidden, {1, 1}, zoo::conv2d(1, 0), "relu6", name + ".expand");
    y = b.convBnAct(y, hidden, {3, 3}, zoo::conv2d(stride, 1, hidden), "relu6", name + ".dw");
    y = b.convBnAct(y, outChannels, {1, 1}, zoo::conv2d(1, 0), "", name + ".project");
    if (stride == 1 && in == outChannels) y = b.add(x, y, name + ".add");
    return y;
}

struct StageSpec {
    int64_t expansion, channels, repeats, stride;
};

}  // namespace

Graph buildMobileNetV2Tiny(const ZooOptions& o) {
    GraphBuilder b(o.seed);
    int x = b.input("image", o.inputOr({1, 3, 32, 32}));
    x = b.convBnAct(x, 16, {3, 3}, zoo::conv2d(1, 1), "relu6", "stem");
    const StageSpec stages[] = {{1, 8, 1, 1}, {4, 16, 2, 2}, {4, 24, 2, 2}, {4, 32, 2, 1}};
    int stageIndex = 0;
    for (const StageSpec& stage : stages) {
        ++stageIndex;
        for (int64_t r = 0; r < stage.repeats; ++r)
            x = invertedResidual(
                b, x, stage.expansion, stage.channels, r == 0 ? stage.stride : 1,
                "stage" + std::to_string(stageIndex) + "." + std::to_string(r + 1));
    }
    x = b.convBnAct(x, 128, {1, 1}, zoo::conv2d(1, 0), "relu6", "head");
    x = b.adaptiveAvgPool(x, {1, 1}, "pool");
    x = b.flatten(x, 1, -1, "flatten");
    b.output(b.linear(x, o.classesOr(10), true, "fc"));
    return b.build();
}

}  // namespace secateur
