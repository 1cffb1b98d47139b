#include "engine/exec/executor.h"

#include "engine/util/error.h"

namespace secateur {

std::vector<torch::Tensor> runSearchable(const SpaceImpl& space,
                                         const std::vector<torch::Tensor>& inputs,
                                         const StepMasks& masks, bool training) {
    const Graph& graph = space.graph;
    if (inputs.size() != graph.inputs().size())
        throw Error("the network has " + std::to_string(graph.inputs().size()) + " input(s), " +
                    std::to_string(inputs.size()) + " given");
    std::vector<torch::Tensor> values(graph.tensors().size());
    for (size_t i = 0; i < inputs.size(); ++i) {
        const Shape& expected = graph.tensor(graph.inputs()[i]).shape;
        const auto given = inputs[i].sizes().vec();
        if (given.size() != expected.size() ||
            !std::equal(given.begin() + 1, given.end(), expected.begin() + 1))
            throw Error("input '" + graph.tensor(graph.inputs()[i]).name + "' has shape " +
                        toString(given) + "; the network expects " + toString(expected) +
                        " (any batch size)");
        values[static_cast<size_t>(graph.inputs()[i])] = inputs[i];
    }
    // Each dimension's per-pass values (products batched over every node), then its hooks.
    std::map<const DimensionState*, std::vector<torch::Tensor>> perPass;
    for (const auto& state : space.states) perPass[state.get()] = state->beginForward(space, masks);
    for (size_t n = 0; n < graph.nodes().size(); ++n) {
        const Node& node = graph.nodes()[n];
        TensorList in;
        for (const int t : node.inputs) in.push_back(values[static_cast<size_t>(t)]);
        TensorList out;
        if (space.paramHooks[n].empty()) {
            out = opDef(node.op).forward(node, in, space.params[n], training);
        } else {
            ParamMap params = space.params[n];
            for (const DimensionState* state : space.paramHooks[n])
                state->applyToParams(space, n, params, masks, perPass[state]);
            out = opDef(node.op).forward(node, in, params, training);
        }
        for (size_t i = 0; i < out.size(); ++i) {
            const auto t = static_cast<size_t>(node.outputs[i]);
            for (const DimensionState* state : space.outputHooks[t])
                state->applyToOutput(space, t, out[i], masks);
            values[t] = out[i];
        }
    }
    std::vector<torch::Tensor> outputs;
    for (const int y : graph.outputs()) outputs.push_back(values[static_cast<size_t>(y)]);
    return outputs;
}

}  // namespace secateur
