// MobileNetV1 (alpha 0.25 channel widths) cut down for 32x32 images: a conv stem, then
// depthwise-separable blocks, three of them strided.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "engine/zoo/blocks.h"
#include "engine/zoo/models.h"

namespace secateur {

Graph buildMobileNetV1Tiny(const ZooOptions& o) {
    GraphBuilder b(o.seed);
    int x = b.input("image", o.inputOr({1, 3, 32, 32}));
    x = b.convBnAct(x, 8, {3, 3}, zoo::conv2d(1, 1), "relu", "stem");
    // (output channels, stride) per block.
    const std::vector<std::pair<int64_t, int64_t>> blocks = {{16, 1}, {32, 2},  {32, 1},  {64, 2},
                                                             {64, 1}, {128, 2}, {128, 1}, {128, 1}};
    for (size_t i = 0; i < blocks.size(); ++i)
        x = zoo::depthwiseSeparable(b, x, blocks[i].first, blocks[i].second, "relu",
                                    "block" + std::to_string(i + 1));
    x = b.adaptiveAvgPool(x, {1, 1}, "pool");
    x = b.flatten(x, 1, -1, "flatten");
    b.output(b.linear(x, o.classesOr(10), true, "fc"));
    return b.build();
}

}  // namespace secateur
