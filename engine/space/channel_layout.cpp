// Where the channel masks apply: per tensor (multiplied after its producer) or per node
// (multiplied into its channel-scaling parameters), laid out once when the Space is built.
#include <algorithm>

#include "engine/graph/layer_kind.h"
#include "engine/space/space_impl.h"

namespace secateur {
namespace {

// Per tensor: whether its removed channels may keep non-zero values, so that it needs no mask. True
// when it is read only by batch norms (their outputs are masked), only as a divisor (the
// dividend's removed channels are zero already), or only by one-input elementwise ops whose
// outputs are such tensors: `(x - mean) / sqrt(var + eps)` then divides by sqrt(eps), not by a
// masked zero whose square root has an infinite gradient.
std::vector<char> toleratesNonZeroChannels(const Graph& graph,
                                           const std::vector<std::vector<int>>& consumers) {
    std::vector<char> tolerant(graph.tensors().size(), 0);
    const std::vector<int>& outputs = graph.outputs();
    for (size_t n = graph.nodes().size(); n-- > 0;) {
        for (const int t : graph.nodes()[n].outputs) {
            const auto& readers = consumers[static_cast<size_t>(t)];
            const auto fine = [&](int c) {
                const Node& reader = graph.nodes()[static_cast<size_t>(c)];
                if (reader.op == "batch_norm") return true;
                if (reader.op == "div")
                    return reader.inputs.size() == 2 && reader.inputs[1] == t &&
                           reader.inputs[0] != t;
                return layerKind(reader) == LayerKind::Elementwise && reader.inputs.size() == 1 &&
                       reader.params.empty() && reader.outputs.size() == 1 &&
                       tolerant[static_cast<size_t>(reader.outputs[0])];
            };
            tolerant[static_cast<size_t>(t)] =
                !readers.empty() && std::all_of(readers.begin(), readers.end(), fine) &&
                std::find(outputs.begin(), outputs.end(), t) == outputs.end();
        }
    }
    return tolerant;
}

}  // namespace

void SpaceImpl::layOutChannelMasks() {
    SpaceImpl& s = *this;
    const auto& nodes = s.graph.nodes();
    const int logical = s.groups.logicalCount();
    s.tensorMask.resize(s.graph.tensors().size());
    s.paramMask.resize(nodes.size());
    s.scaling.resize(nodes.size());
    s.scaledVectorsOfNode.resize(nodes.size());
    std::vector<int64_t> gather, vectorIndex;
    s.gatherIndex = torch::zeros({0}, torch::kLong);
    if (!s.searchChannels || logical == 0) return;
    const auto consumers = s.graph.consumers();
    const std::vector<int>& outputs = s.graph.outputs();
    const std::vector<char> tolerant = toleratesNonZeroChannels(s.graph, consumers);
    // A tensor read only by square roots is masked after them instead: the derivative of a
    // square root at a masked zero is infinite (sqrt(|x| + eps) would give NaN gradients).
    std::vector<char> maskAfter(s.graph.tensors().size(), 0);
    for (size_t t = 0; t < s.graph.tensors().size(); ++t) {
        const int producer = s.graph.tensors()[t].producer;
        const std::vector<int>& pos = s.groups.positions(static_cast<int>(t));
        const bool prunable = std::any_of(pos.begin(), pos.end(), [](int l) { return l >= 0; });
        if (producer < 0 || !prunable) continue;
        const Node& node = nodes[static_cast<size_t>(producer)];
        if (!maskAfter[t] && opDef(node.op).preservesZero(node, s.graph)) continue;
        if (tolerant[t]) continue;
        const bool onlyRoots =
            !consumers[t].empty() &&
            std::all_of(consumers[t].begin(), consumers[t].end(),
                        [&](int c) { return nodes[static_cast<size_t>(c)].op == "sqrt"; }) &&
            std::find(outputs.begin(), outputs.end(), static_cast<int>(t)) == outputs.end();
        if (onlyRoots) {
            for (const int c : consumers[t])
                maskAfter[static_cast<size_t>(nodes[static_cast<size_t>(c)].outputs[0])] = 1;
            continue;
        }
        std::vector<int64_t> index;
        for (const int l : pos) index.push_back(l >= 0 ? l : logical);
        const OpDef::ChannelScaling scaling = opDef(node.op).channelScaling(node, s.graph);
        if (!scaling.params.empty() && node.outputs.size() == 1 &&
            scaling.axis == s.groups.axis(static_cast<int>(t))) {
            s.paramMask[static_cast<size_t>(producer)] = {
                static_cast<int64_t>(index.size()), static_cast<int64_t>(s.sliceLengths.size())};
            s.scaling[static_cast<size_t>(producer)] = scaling;
        } else {
            s.tensorMask[t] = {static_cast<int64_t>(index.size()),
                               static_cast<int64_t>(s.sliceLengths.size())};
        }
        s.sliceLengths.push_back(static_cast<int64_t>(index.size()));
        gather.insert(gather.end(), index.begin(), index.end());
        if (s.paramMask[static_cast<size_t>(producer)].length == 0) continue;
        for (const auto& [name, dim] : s.scaling[static_cast<size_t>(producer)].params) {
            if (s.params[static_cast<size_t>(producer)].at(name).dim() != 1) continue;
            s.scaledVectorsOfNode[static_cast<size_t>(producer)].push_back(s.scaledVectors.size());
            s.scaledVectors.push_back(
                {static_cast<size_t>(producer), name, static_cast<int64_t>(index.size())});
            s.scaledVectorLengths.push_back(static_cast<int64_t>(index.size()));
            vectorIndex.insert(vectorIndex.end(), index.begin(), index.end());
        }
    }
    s.gatherIndex = torch::tensor(gather, torch::kLong);
    s.scaledVectorIndex = torch::tensor(vectorIndex, torch::kLong);
}

}  // namespace secateur
