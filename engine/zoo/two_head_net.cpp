// A shared conv trunk with two heads: class logits and a bounded regression value (e.g. object
// class and its normalised position), for multi-output graphs.
#include "engine/zoo/blocks.h"
#include "engine/zoo/models.h"

namespace secateur {

Graph buildTwoHeadNet(const ZooOptions& o) {
    GraphBuilder b(o.seed);
    int x = b.input("image", o.inputOr({1, 3, 32, 32}));
    x = b.prelu(b.batchNorm(b.conv(x, 16, {3, 3}, zoo::conv2d(1, 1), "trunk1.conv"), "trunk1.bn"),
                true, "trunk1.prelu");
    x = b.prelu(b.batchNorm(b.conv(x, 32, {3, 3}, zoo::conv2d(2, 1), "trunk2.conv"), "trunk2.bn"),
                false, "trunk2.prelu");
    x = b.convBnAct(x, 64, {3, 3}, zoo::conv2d(2, 1), "relu", "trunk3");
    x = b.adaptiveAvgPool(x, {1, 1}, "pool");
    const int features = b.flatten(x, 1, -1, "flatten");

    int logits = b.activation("relu", b.linear(features, 32, true, "cls.fc1"), "cls.relu");
    b.output(b.linear(logits, 10, true, "cls.fc2"));

    int value = b.activation("relu", b.linear(features, 16, true, "reg.fc1"), "reg.relu");
    value = b.linear(value, 1, true, "reg.fc2");
    b.output(b.activation("hardtanh", value, "reg.bound"));  // in [-1, 1]
    return b.build();
}

}  // namespace secateur
