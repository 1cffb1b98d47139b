// The channel dimension: which output channels each channel group keeps (channel_mask.cpp holds
// the mechanism, channel-groups.md the coupling).
#include "engine/space/space_impl.h"

namespace secateur {
namespace {

class ChannelsDimension final : public DimensionDef {
public:
    DimensionInfo info() const override {
        return {"channels", "Channels",
                "Which output channels each layer keeps: a keep logit per channel, shared by the "
                "layers whose channels must agree (residual adds, concatenations, depthwise convs)",
                "conv, conv_transpose and linear layers", true};
    }
    std::string ineligible(const Node& node, const Graph&) const override {
        return notSearchableLayer(node);
    }
    void plan(SpacePlan& plan, const Graph&, const std::set<int>& nodes) const override {
        plan.channelLayers = nodes;
        plan.addState("channels", makeChannelMaskState);
    }
    std::optional<DimensionEntry> decide(const SpaceImpl& s, int node,
                                         LayerDecision& d) const override {
        const int y = s.graph.nodes()[static_cast<size_t>(node)].outputs[0];
        const std::vector<int>& pos = s.groups.positions(y);
        const bool tracked = static_cast<int64_t>(pos.size()) == d.totalChannels;
        if (!tracked || std::none_of(pos.begin(), pos.end(), [](int l) { return l >= 0; }))
            return std::nullopt;
        return DimensionEntry{std::to_string(d.keptChannels) + " of " +
                              std::to_string(d.totalChannels) + " channels"};
    }
};

}  // namespace

void registerChannelsDimension(DimensionRegistry& registry) {
    registry.add("channels", std::make_shared<ChannelsDimension>());
}

}  // namespace secateur
