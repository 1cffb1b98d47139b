// Private header: how the TorchScript format writes each op kind. A table keyed by op kind holds,
// per kind, the lines of TorchScript (Python subset) that compute a node's outputs; each family
// file fills its part (emit_*.cpp) and emitters.cpp joins them. An op kind without an entry
// cannot be written to TorchScript (tests check that every built-in op has one).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "engine/graph/ir.h"

namespace secateur {

// Names the generated source uses for a node's inputs, outputs and parameters.
struct EmitContext {
    std::vector<std::string> in, out;
    std::vector<Shape> inShapes;
    std::map<std::string, std::string> param;  // "weight" -> "self.n3_weight"

    std::string optionalParam(const std::string& name) const;  // its name, or None
    std::string outputs() const;                               // "y0, y1"
    std::string inputs() const;                                // "x0, x1"
};

struct Emitter {
    std::function<std::string(const Node&, const EmitContext&)> lines;
    // A TorchScript archive the writer registers as the node's submodule "module" (an opaque
    // node's frozen code); unset for ops written out as source.
    std::function<std::string(const Node&)> embeddedModule;
};

using EmitterTable = std::map<std::string, Emitter>;

const EmitterTable& torchScriptEmitters();
// The entry for the node's op; throws an Error naming the node and op when there is none.
const Emitter& emitterFor(const Node& node);

// Python literals.
std::string pyInts(const std::vector<int64_t>& values);  // "[1, 2]"
std::string pyDouble(double v);                          // round-trippable
std::string pyBool(bool v);                              // "True" / "False"

// Each family adds its op kinds.
void addLayerEmitters(EmitterTable& table);      // conv, conv_transpose, linear, norms, prelu
void addPointwiseEmitters(EmitterTable& table);  // activations, arithmetic, opaque modules
void addWindowEmitters(EmitterTable& table);     // pools, upsampling, padding
void addTensorEmitters(EmitterTable& table);     // concat, slicing, reshapes, reductions

}  // namespace secateur
