// Costs of a network: counted from a plain IR (`measure`), or evaluated differentiably on a Space
// at its current decisions (`costAt`); the two agree exactly at hard decisions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/graph/ir.h"

namespace secateur {

class Space;

struct LayerCost {
    std::string node, op;
    int64_t params = 0, macs = 0;
};

struct Measurement {
    int64_t params = 0;  // every trainable parameter, as PyTorch counts them (buffers excluded)
    int64_t macs = 0;    // multiply-accumulates of conv and linear layers, per sample
    std::vector<LayerCost> layers;
};

// Counts from the tensors' actual shapes, independently of the search code.
Measurement measure(const Graph& graph);

// The costs a search can optimise: "params", "macs".
const std::vector<std::string>& costNames();
// Throws an Error naming the unknown cost and the known ones.
void checkCostName(const std::string& cost);
// The differentiable cost of the Space at its current hard decisions.
double costAt(const Space& space, const std::string& cost);

}  // namespace secateur
