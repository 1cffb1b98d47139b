// flash: the bytes a deployment stores for the network at the target's widths. Weights of
// convolution and linear layers at the weight width; for an integer target every output channel of
// those layers also stores a bias and its requantisation metadata (whether or not the float layer
// had a bias); other parameters (norm scale and shift, PReLU slopes) at the bias width; plus the
// target's descriptor bytes per layer that runs code.
#include <algorithm>

#include "engine/cost/cost_def.h"
#include "engine/cost/layer_terms.h"

namespace secateur {
namespace {

bool weighted(LayerKind kind) {
    return isConvolution(kind) || kind == LayerKind::TransposedConv || kind == LayerKind::Linear;
}

// The axis of the output tensor that holds a weighted layer's output channels.
int outputChannelAxis(const Node& node, const Graph& graph) {
    if (layerKind(node) != LayerKind::Linear) return 1;
    return static_cast<int>(graph.tensor(node.outputs[0]).shape.size()) - 1;
}

class FlashCost final : public CostDef {
public:
    CostInfo info() const override {
        return {"flash",
                "byte",
                "Flash",
                "Bytes stored for the network at the target's widths: weights, biases, "
                "per-channel quantisation metadata and layer descriptors.",
                true,
                ""};
    }

    std::vector<CostTerm> nodeTerms(const Node& node, int index, const Graph& graph,
                                    const Target& target) const override {
        std::vector<CostTerm> terms;
        if (!runsCode(node)) return terms;
        const LayerKind kind = layerKind(node);
        const bool perChannel = weighted(kind) && target.quantised();
        if (!node.attrs.has("shared_with")) {
            for (CostTerm& term : opDef(node.op).costTerms(node, index, graph).params) {
                if (perChannel && term.param == "bias") continue;
                const bool isWeight = weighted(kind) && term.param == "weight";
                term.coefficient *= isWeight ? target.weightBytes : target.biasBytes;
                terms.push_back(std::move(term));
            }
            if (perChannel) {
                const CostFactor out{CostFactor::Kind::Channels, node.outputs[0],
                                     outputChannelAxis(node, graph)};
                terms.push_back(
                    {static_cast<double>(target.biasBytes + target.quantBytesPerChannel),
                     {out},
                     ""});
            }
        }
        if (const int64_t descriptor = target.layerFlash(kind); descriptor > 0)
            terms.push_back({static_cast<double>(descriptor), {}, ""});
        return terms;
    }

    double measureNode(const Node& node, const Graph& graph, const Target& target) const override {
        if (!runsCode(node)) return 0.0;
        const LayerKind kind = layerKind(node);
        const bool perChannel = weighted(kind) && target.quantised();
        double bytes = static_cast<double>(target.layerFlash(kind));
        if (node.attrs.has("shared_with")) return bytes;
        if (kind == LayerKind::Opaque)
            return bytes +
                   static_cast<double>(opDef(node.op).measureParams(node)) * target.biasBytes;
        for (const auto& [name, weight] : node.params) {
            if (perChannel && name == "bias") continue;
            const bool isWeight = weighted(kind) && name == "weight";
            bytes += static_cast<double>(weight.numel()) *
                     (isWeight ? target.weightBytes : target.biasBytes);
        }
        if (perChannel) {
            const Shape& y = graph.tensor(node.outputs[0]).shape;
            bytes += static_cast<double>(y.at(static_cast<size_t>(outputChannelAxis(node, graph))) *
                                         (target.biasBytes + target.quantBytesPerChannel));
        }
        return bytes;
    }
};

}  // namespace

void registerFlashCost(CostRegistry& registry) {
    registry.add(std::make_shared<FlashCost>());
}

}  // namespace secateur
