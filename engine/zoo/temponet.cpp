// TEMPONet-like dilated TCN for PPG heart-rate regression (4 channels x 256 samples), kept
// deliberately large as the seed of receptive-field, dilation and channel search.
#include <string>

#include "engine/zoo/blocks.h"
#include "engine/zoo/models.h"

namespace secateur {
namespace {

// Two causal dilated convs, one strided 'same' conv, then average pooling by 2.
int tempoBlock(GraphBuilder& b, int x, int64_t tcnChannels, int64_t kernel, int64_t dilation,
               int64_t outChannels, int64_t stride, const std::string& name) {
    x = b.convBnAct(x, tcnChannels, {kernel}, zoo::causal1d(dilation), "relu", name + ".tcn1");
    x = b.convBnAct(x, tcnChannels, {kernel}, zoo::causal1d(dilation), "relu", name + ".tcn2");
    ConvOptions strided;
    strided.stride = {stride};
    strided.padding = {2};
    strided.bias = false;
    x = b.convBnAct(x, outChannels, {5}, strided, "relu", name + ".conv");
    PoolOptions pool;
    pool.kernel = {2};
    return b.avgPool(x, pool, name + ".pool");
}

}  // namespace

Graph buildTempoNet(const ZooOptions& o) {
    GraphBuilder b(o.seed);
    int x = b.input("ppg_acc", o.inputOr({1, 4, 256}));
    x = tempoBlock(b, x, 32, 5, 2, 64, 1, "block1");    // -> [64, 128]
    x = tempoBlock(b, x, 64, 7, 4, 128, 2, "block2");   // -> [128, 32]
    x = tempoBlock(b, x, 128, 9, 8, 128, 4, "block3");  // -> [128, 4]
    x = b.flatten(x, 1, -1, "flatten");
    x = b.activation("relu", b.linear(x, 256, true, "fc1"), "fc1.relu");
    x = b.activation("relu", b.linear(x, 128, true, "fc2"), "fc2.relu");
    b.output(b.linear(x, 1, true, "out"));
    return b.build();
}

}  // namespace secateur
