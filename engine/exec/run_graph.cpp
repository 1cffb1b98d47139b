#include "engine/exec/run_graph.h"

#include "engine/graph/ops/op.h"
#include "engine/util/error.h"

namespace secateur {

std::vector<torch::Tensor> runGraph(const Graph& graph, const std::vector<torch::Tensor>& inputs) {
    if (inputs.size() != graph.inputs().size())
        throw Error("the network has " + std::to_string(graph.inputs().size()) + " input(s), " +
                    std::to_string(inputs.size()) + " given");
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> values(graph.tensors().size());
    for (size_t i = 0; i < inputs.size(); ++i)
        values[static_cast<size_t>(graph.inputs()[i])] = inputs[i];
    for (const Node& node : graph.nodes()) {
        TensorList in;
        for (const int t : node.inputs) in.push_back(values[static_cast<size_t>(t)]);
        ParamMap params;
        for (const auto* group : {&node.params, &node.buffers})
            for (const auto& [name, w] : *group) params[name] = toTensor(w);
        const TensorList out = opDef(node.op).forward(node, in, params, false);
        for (size_t i = 0; i < out.size(); ++i)
            values[static_cast<size_t>(node.outputs[i])] = out[i];
    }
    std::vector<torch::Tensor> outputs;
    for (const int y : graph.outputs()) outputs.push_back(values[static_cast<size_t>(y)]);
    return outputs;
}

}  // namespace secateur
