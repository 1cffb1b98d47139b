// MLPerf Tiny keyword spotting DS-CNN: 49x10 MFCC, 64 channels, 4 depthwise-separable blocks.
#include <string>

#include "engine/zoo/blocks.h"
#include "engine/zoo/models.h"

namespace secateur {

Graph buildDsCnn(const ZooOptions& o) {
    GraphBuilder b(o.seed);
    int x = b.input("mfcc", o.inputOr({1, 1, 49, 10}));

    // 10x4 stride 2; padding (5,1) gives MLPerf's 25x5 feature map ('same' in Keras).
    ConvOptions first = zoo::conv2d(2, 0);
    first.padding = {5, 1};
    x = b.convBnAct(x, o.wide(64), {10, 4}, first, "relu", "conv1");
    x = b.activation("identity", x, "dropout1");  // Dropout(0.2) at inference

    for (int i = 1; i <= 4; ++i)
        x = zoo::depthwiseSeparable(b, x, o.wide(64), 1, "relu", "block" + std::to_string(i));
    x = b.activation("identity", x, "dropout2");  // Dropout(0.4) at inference

    x = b.adaptiveAvgPool(x, {1, 1}, "pool");  // 25x5 for MLPerf's 49x10 input
    x = b.flatten(x, 1, -1, "flatten");
    b.output(b.linear(x, o.classesOr(12), true, "fc"));
    return b.build();
}

}  // namespace secateur
