// Keyword spotting on MFCC frames treated as 1-D sequences: cepstral mean normalisation, a conv
// front end (hardswish, max pooling, depthwise-separable 1-D conv with SiLU), a per-frame MLP with
// GELU and a residual, a WaveNet-style gate tanh(a) * sigmoid(b) from a feature split, and mean
// pooling over time.
#include "engine/graph/builder.h"
#include "engine/zoo/models.h"

namespace secateur {

Graph buildKwsMixer(const ZooOptions& o) {
    GraphBuilder b(o.seed);
    int x = b.input("mfcc", o.inputOr({1, 10, 49}));  // [N, coefficients, frames]
    x = b.sub(x, b.mean(x, {2}, true, "cmn.mean"), "cmn.sub");

    ConvOptions same;
    same.samePadding = true;
    same.bias = false;
    x = b.convBnAct(x, 32, {5}, same, "hardswish", "conv1");
    PoolOptions pool;
    pool.kernel = {2};
    x = b.maxPool(x, pool, "pool1");  // 24 frames
    ConvOptions depthwise = same;
    depthwise.groups = 32;
    x = b.convBnAct(x, 32, {5}, depthwise, "", "conv2.dw");
    ConvOptions pointwise;
    pointwise.bias = false;
    x = b.convBnAct(x, 64, {1}, pointwise, "silu", "conv2.pw");

    x = b.permute(x, {0, 2, 1}, "to_frames");  // [N, frames, 64]
    int h = b.activation("gelu", b.linear(x, 128, true, "mlp.fc1"), "mlp.gelu");
    x = b.add(x, b.linear(h, 64, true, "mlp.fc2"), "mlp.add");

    const std::vector<int> halves = b.split(x, {32, 32}, 2, "gate.split");
    const int filter = b.activation("tanh", halves[0], "gate.tanh");
    const int gate = b.activation("sigmoid", halves[1], "gate.sigmoid");
    x = b.mul(filter, gate, "gate.mul");
    x = b.mean(x, {1}, false, "time_mean");  // [N, 32]
    b.output(b.linear(x, o.classesOr(12), true, "fc"));
    return b.build();
}

}  // namespace secateur
