// MLPerf Tiny keyword spotting DS-CNN: 49x10 MFCC, 64 channels, 4 depthwise-separable blocks.
#include <string>

#include "engine/zoo/blocks.h"
#include "engine/zoo/models.h"

namespace secateur {

Graph buildDsCnn(uint64_t seed) {
    GraphBuilder b(seed);
    int x = b.input("mfcc", {1, 1, 49, 10});

    // 10x4 stride 2; padding (5,1) gives MLPerf's 25x5 feature map ('same' in Keras).
    ConvOptions first = zoo::conv2d(2, 0);
    first.padding = {5, 1};
    x = b.convBnAct(x, 64, {10, 4}, first, "relu", "conv1");
    x = b.activation("identity", x, "dropout1");  // Dropout(0.2) at inference

    for (int i = 1; i <= 4; ++i)
        x = zoo::depthwiseSeparable(b, x, 64, 1, "relu", "block" + std::to_string(i));
    x = b.activation("identity", x, "dropout2");  // Dropout(0.4) at inference

    PoolOptions pool;
    pool.kernel = {25, 5};
    x = b.avgPool(x, pool, "pool");
    x = b.flatten(x, 1, -1, "flatten");
    b.output(b.linear(x, 12, true, "fc"));
    return b.build();
}

}  // namespace secateur
