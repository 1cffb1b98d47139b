// A per-layer description of a plain network: what `secateur info` prints and the studio shows.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/cost/cost.h"
#include "engine/graph/ir.h"
#include "engine/graph/layer_kind.h"

namespace secateur {

struct LayerRow {
    std::string node, op;
    LayerKind kind = LayerKind::Other;
    int64_t channels = 0;         // output channels (features for linear)
    std::vector<int64_t> kernel;  // empty when the layer has none
    std::vector<int64_t> dilation;
    CostValues costs;  // every registered cost of the node
    Shape outputShape;
    int64_t elements = 0;  // input + output activation elements, batch 1 (a measured CSV's column)
    std::vector<int64_t> weightBits;  // per output channel of a quantised layer; empty: float32
};

// Rows for every node with a non-zero cost.
std::vector<LayerRow> layerTable(const Graph& graph, const std::string& target = kDefaultTarget);

}  // namespace secateur
