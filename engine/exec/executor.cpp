#include "engine/exec/executor.h"

#include "engine/graph/error.h"

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
    // Every 1-D channel-scaling parameter times its mask, in one product.
    std::vector<torch::Tensor> scaled;  // per SpaceImpl::scaledVectors
    if (!space.scaledVectors.empty()) {
        std::vector<torch::Tensor> flat;
        for (const auto& v : space.scaledVectors) flat.push_back(space.params[v.node].at(v.name));
        scaled = (torch::cat(flat) * masks.vectorScale).split_with_sizes(space.scaledVectorLengths);
    }
    for (size_t n = 0; n < graph.nodes().size(); ++n) {
        const Node& node = graph.nodes()[n];
        TensorList in;
        for (const int t : node.inputs) in.push_back(values[static_cast<size_t>(t)]);
        const int tap = space.tapOfNode[n];
        const SpaceImpl::Slice paramMask = space.paramMask[n];
        TensorList out;
        if (tap >= 0 || paramMask.length > 0) {
            ParamMap params = space.params[n];
            if (tap >= 0)
                params["weight"] = params["weight"] * masks.tapWeights[static_cast<size_t>(tap)];
            if (paramMask.length > 0) {
                for (const size_t v : space.scaledVectorsOfNode[n])
                    params[space.scaledVectors[v].name] = scaled[v];
                const torch::Tensor& m = masks.channelSlices[static_cast<size_t>(paramMask.index)];
                for (const auto& [name, dim] : space.scaling[n].params) {
                    torch::Tensor& p = params[name];
                    if (p.dim() == 1) continue;  // scaled above
                    std::vector<int64_t> view(static_cast<size_t>(p.dim()), 1);
                    view[static_cast<size_t>(dim)] = -1;
                    p = p * m.view(view);
                }
            }
            out = opDef(node.op).forward(node, in, params, training);
        } else {
            out = opDef(node.op).forward(node, in, space.params[n], training);
        }
        for (size_t i = 0; i < out.size(); ++i) {
            const auto t = static_cast<size_t>(node.outputs[i]);
            const SpaceImpl::Slice mask = space.tensorMask[t];
            if (mask.length > 0) {
                std::vector<int64_t> view(static_cast<size_t>(out[i].dim()), 1);
                view[static_cast<size_t>(space.groups.axis(node.outputs[i]))] = -1;
                out[i] = out[i] * masks.channelSlices[static_cast<size_t>(mask.index)].view(view);
            }
            values[t] = out[i];
        }
    }
    std::vector<torch::Tensor> outputs;
    for (const int y : graph.outputs()) outputs.push_back(values[static_cast<size_t>(y)]);
    return outputs;
}

}  // namespace secateur
