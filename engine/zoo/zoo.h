// The zoo of seed models: small, realistic networks for the edge tasks, built with GraphBuilder.
#pragma once

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

// Every zoo model, in a stable order.
std::vector<ZooEntry> zooModels();

// Builds the named model with weights drawn from `seed`; throws an Error naming the unknown model
// and listing the known ones.
Graph zooModel(const std::string& name, uint64_t seed = 1);

}  // namespace secateur
