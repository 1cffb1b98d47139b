// A seeded generator of small random networks built from the pieces the engine supports, for
// property tests of the invariants in DESIGN.md.
#pragma once

#include <cstdint>
#include <string>

#include "engine/graph/ir.h"

namespace secateur {

// A valid network: a 1-D ([N,C,L]) or 2-D ([N,C,H,W]) conv net, or an MLP over [N,F] or [N,T,F].
// Convs with random kernels, strides, dilations, groups, padding modes and biases; batch norms,
// activations and PReLUs; pools; residual adds and subs; squeeze-excitation gates; concats and
// channel splits; reshapes, permutes, means and linear heads; sometimes a second output. The same
// seed always gives the same network.
Graph randomNetwork(uint64_t seed);

// One line per node: name, op, attributes, parameter shapes and input -> output shapes; enough to
// rebuild a failing network by hand.
std::string describeNetwork(const Graph& graph);

}  // namespace secateur
