// The zoo of seed models: small, realistic networks for the edge tasks, built with GraphBuilder.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/graph/ir.h"

namespace secateur {

struct ZooEntry {
    std::string name;
    std::string description;
    std::string task;
    Shape inputShape;  // first input, batch 1
};

// How to build a zoo model: its weights' random seed, and the data it is shaped for.
struct ZooOptions {
    uint64_t seed = 1;
    Shape input;          // first input with batch 1 (empty: the model's own)
    int64_t classes = 0;  // classifier outputs (0: the model's own)
    double width = 1.0;   // multiplies the channels of the models that support it

    Shape inputOr(const Shape& own) const { return input.empty() ? own : input; }
    int64_t classesOr(int64_t own) const { return classes > 0 ? classes : own; }
    int64_t wide(int64_t channels) const {
        return std::max<int64_t>(1,
                                 static_cast<int64_t>(static_cast<double>(channels) * width + 0.5));
    }
};

// Every zoo model, in a stable order.
std::vector<ZooEntry> zooModels();

// Builds the named model with weights drawn from `seed`; throws an Error naming the unknown model
// and listing the known ones.
Graph zooModel(const std::string& name, uint64_t seed = 1);
// The same, shaped for the data; throws an Error naming the model when it cannot take that input.
Graph zooModel(const std::string& name, const ZooOptions& options);

}  // namespace secateur
