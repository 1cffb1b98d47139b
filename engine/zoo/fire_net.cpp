// SqueezeNet-style network for 32x32 images: fire modules (squeeze 1x1, expand 1x1 and 3x3
// concatenated), a simple bypass around one fire module, max pooling and a conv classifier.
#include <cstdint>
#include <string>

#include "engine/zoo/blocks.h"
#include "engine/zoo/models.h"

namespace secateur {
namespace {

int fire(GraphBuilder& b, int x, int64_t squeeze, int64_t expand, const std::string& name) {
    ConvOptions pointwise;
    ConvOptions spatial;
    spatial.padding = {1, 1};
    x = b.activation("relu", b.conv(x, squeeze, {1, 1}, pointwise, name + ".squeeze"),
                     name + ".squeeze_relu");
    const int e1 = b.activation("relu", b.conv(x, expand, {1, 1}, pointwise, name + ".expand1x1"),
                                name + ".expand1x1_relu");
    const int e3 = b.activation("relu", b.conv(x, expand, {3, 3}, spatial, name + ".expand3x3"),
                                name + ".expand3x3_relu");
    return b.cat({e1, e3}, 1, name + ".cat");
}

PoolOptions halve() {
    PoolOptions pool;
    pool.kernel = {2, 2};
    return pool;
}

}  // namespace

Graph buildFireNet(const ZooOptions& o) {
    GraphBuilder b(o.seed);
    int x = b.input("image", o.inputOr({1, 3, 32, 32}));
    ConvOptions stem;
    stem.padding = {1, 1};
    x = b.activation("relu", b.conv(x, 32, {3, 3}, stem, "stem"), "stem.relu");
    x = b.maxPool(x, halve(), "pool1");                         // 16x16
    x = fire(b, x, 16, 32, "fire2");                            // 64 channels
    x = b.add(x, fire(b, x, 16, 32, "fire3"), "fire3.bypass");  // bypass across a concat
    x = b.maxPool(x, halve(), "pool3");                         // 8x8
    x = fire(b, x, 32, 64, "fire4");                            // 128 channels
    x = b.conv(x, 10, {1, 1}, ConvOptions{}, "classifier");     // logits kept linear
    x = b.adaptiveAvgPool(x, {1, 1}, "pool");
    b.output(b.flatten(x, 1, -1, "flatten"));
    return b.build();
}

}  // namespace secateur
