// The hard decisions of a Space as plain data, per layer the views draw: convolutions (transposed
// too), linear layers and modules kept whole. The geometry comes from the two mechanisms (channel
// masks, tap gates); each dimension then adds its entry.
#include "engine/space/space_impl.h"

namespace secateur {

Decisions Space::decisions() const {
    const SpaceImpl& s = impl();
    const std::vector<bool> keep = s.keptChannels();
    const std::vector<bool> open = s.openGates();
    const torch::Tensor probability = torch::sigmoid(s.channelLogits.detach()).contiguous();
    const float* keepProbability = probability.data_ptr<float>();
    std::vector<std::string> names;  // of the space's dimensions, read once per call
    for (const DimensionDef* def : s.dimensions) names.push_back(def->info().name);
    Decisions result;
    for (size_t i = 0; i < s.graph.nodes().size(); ++i) {
        const Node& node = s.graph.nodes()[i];
        const LayerKind kind = layerKind(node);
        const bool opaque = kind == LayerKind::Opaque;
        if (!isConvolution(kind) && kind != LayerKind::TransposedConv &&
            kind != LayerKind::Linear && !opaque)
            continue;
        LayerDecision d;
        d.node = node.name;
        d.op = node.op;
        d.kind = kind;
        const int y = node.outputs[0];
        const std::vector<int>& pos = s.groups.positions(y);
        const Shape& out = s.graph.tensor(y).shape;
        d.totalChannels = opaque ? (out.size() >= 2 ? out[1] : 1)
                          : kind == LayerKind::TransposedConv
                              ? node.params.at("weight").shape[1] * node.attrs.getInt("groups", 1)
                              : node.params.at("weight").shape[0];
        const bool tracked = static_cast<int64_t>(pos.size()) == d.totalChannels;
        for (int64_t c = 0; c < d.totalChannels; ++c) {
            const int l = tracked ? pos[static_cast<size_t>(c)] : -1;
            const bool prunable = s.searchChannels && l >= 0;
            d.kept.push_back(!prunable || keep[static_cast<size_t>(l)]);
            d.keepProbability.push_back(prunable ? keepProbability[l] : 1.0F);
            d.keptChannels += d.kept.back() ? 1 : 0;
        }
        if (!opaque) {
            const Shape& w = node.params.at("weight").shape;
            d.seedKernel.assign(w.begin() + 2, w.end());
        }
        d.kernel = d.seedKernel;
        if (node.attrs.has("dilation")) {
            d.seedDilation = node.attrs.getInts("dilation");
            d.dilation = d.seedDilation;
        }
        if (const int t = s.tapOfNode[i]; t >= 0) {
            const TapSearch& search = s.taps[static_cast<size_t>(t)];
            const auto kept = search.keptIndices(open);
            for (size_t k = 0; k < kept.size(); ++k) {
                d.kernel[k] = static_cast<int64_t>(kept[k].size());
                if (kept[k].size() > 1)
                    d.dilation[k] = d.seedDilation[k] * (kept[k][1] - kept[k][0]);
            }
        }
        for (size_t k = 0; k < s.dimensions.size(); ++k)
            if (auto entry = s.dimensions[k]->decide(s, static_cast<int>(i), d))
                d.dimensions[names[k]] = std::move(*entry);
        result.layers.push_back(std::move(d));
    }
    return result;
}

}  // namespace secateur
