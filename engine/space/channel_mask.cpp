// The channel mechanism: a logit per logical channel, kept when positive, at least one kept in
// every tensor whose channels are all prunable (the most confident one); masks multiplied into
// channel-scaling parameters where a node has them, into tensors otherwise.
#include "engine/space/space_impl.h"

namespace secateur {
namespace {

class ChannelMaskState final : public DimensionState {
public:
    explicit ChannelMaskState(const SpaceImpl& space) : logits_(space.channelLogits) {}

    std::string name() const override { return "channels"; }
    std::vector<torch::Tensor> parameters() const override {
        if (logits_.numel() == 0) return {};
        return {logits_};
    }
    // Every 1-D channel-scaling parameter times its mask, in one product.
    std::vector<torch::Tensor> beginForward(const SpaceImpl& s,
                                            const StepMasks& masks) const override {
        if (s.scaledVectors.empty()) return {};
        std::vector<torch::Tensor> flat;
        for (const auto& v : s.scaledVectors) flat.push_back(s.params[v.node].at(v.name));
        return (torch::cat(flat) * masks.vectorScale).split_with_sizes(s.scaledVectorLengths);
    }
    bool changesParams(const SpaceImpl& s, size_t node) const override {
        return s.paramMask[node].length > 0;
    }
    bool changesOutput(const SpaceImpl& s, size_t tensor) const override {
        return s.tensorMask[tensor].length > 0;
    }
    void applyToParams(const SpaceImpl& s, size_t node, ParamMap& params, const StepMasks& masks,
                       const std::vector<torch::Tensor>& scaled) const override {
        for (const size_t v : s.scaledVectorsOfNode[node])
            params[s.scaledVectors[v].name] = scaled[v];
        const torch::Tensor& m = masks.channelSlices[static_cast<size_t>(s.paramMask[node].index)];
        for (const auto& [name, dim] : s.scaling[node].params) {
            torch::Tensor& p = params[name];
            if (p.dim() == 1) continue;  // scaled in beginForward
            std::vector<int64_t> view(static_cast<size_t>(p.dim()), 1);
            view[static_cast<size_t>(dim)] = -1;
            p = p * m.view(view);
        }
    }
    void applyToOutput(const SpaceImpl& s, size_t tensor, torch::Tensor& value,
                       const StepMasks& masks) const override {
        std::vector<int64_t> view(static_cast<size_t>(value.dim()), 1);
        view[static_cast<size_t>(s.groups.axis(static_cast<int>(tensor)))] = -1;
        value =
            value * masks.channelSlices[static_cast<size_t>(s.tensorMask[tensor].index)].view(view);
    }
    std::optional<Closable> closable(const SpaceImpl& s) const override {
        return Closable{s.channelLogits, [&s] { return s.keptChannels(); }};
    }
    void keepSmallest(SpaceImpl& s) const override { keepChannelFraction(s, 0.0); }

private:
    torch::Tensor logits_;
};

}  // namespace

std::unique_ptr<DimensionState> makeChannelMaskState(const SpaceImpl& space) {
    return std::make_unique<ChannelMaskState>(space);
}

void keepChannelFraction(SpaceImpl& space, double fraction) {
    torch::NoGradGuard noGrad;
    const torch::Tensor logits = torch::full_like(space.channelLogits, -10.0);
    auto* l = logits.data_ptr<float>();
    for (const ChannelGroup& group : space.groups.groups()) {
        const auto n = static_cast<double>(group.channels.size());
        const auto keep = std::max<size_t>(1, static_cast<size_t>(std::llround(fraction * n)));
        for (size_t i = 0; i < group.channels.size() && i < keep; ++i) l[group.channels[i]] = 10.0F;
    }
    space.channelLogits.copy_(logits);
}

std::vector<bool> SpaceImpl::keptChannels() const {
    const int64_t n = channelLogits.size(0);
    const torch::Tensor logits = channelLogits.detach().contiguous();
    const float* l = logits.data_ptr<float>();
    std::vector<bool> keep(static_cast<size_t>(n), true);
    if (!searchChannels) return keep;
    for (int64_t i = 0; i < n; ++i) keep[static_cast<size_t>(i)] = l[i] > 0.0F;
    for (const std::vector<int>& set : groups.keepOneSets()) {
        if (std::any_of(set.begin(), set.end(),
                        [&](int c) { return keep[static_cast<size_t>(c)]; }))
            continue;
        const int best =
            *std::max_element(set.begin(), set.end(), [&](int a, int b) { return l[a] < l[b]; });
        keep[static_cast<size_t>(best)] = true;
    }
    return keep;
}

torch::Tensor SpaceImpl::channelMask() const {
    const torch::Tensor one = torch::ones({1}, torch::kFloat32);
    if (!searchChannels) return torch::ones({channelLogits.size(0) + 1}, torch::kFloat32);
    const std::vector<bool> keep = keptChannels();
    std::vector<float> hardValues(keep.begin(), keep.end());
    const torch::Tensor hard = torch::tensor(hardValues, torch::kFloat32);
    const torch::Tensor soft = torch::sigmoid(channelLogits);
    return torch::cat({Relaxed{hard, soft}.value(), one});
}

void SpaceImpl::setChannelMask(StepMasks& masks, const torch::Tensor& channelMask) const {
    masks.channels = channelMask;
    masks.channelSlices.clear();
    if (!sliceLengths.empty())
        masks.channelSlices =
            channelMask.index_select(0, gatherIndex).split_with_sizes(sliceLengths);
    if (!scaledVectors.empty()) masks.vectorScale = channelMask.index_select(0, scaledVectorIndex);
}

std::vector<torch::Tensor> SpaceImpl::weightParameters() const {
    std::vector<torch::Tensor> result;
    for (size_t i = 0; i < params.size(); ++i)
        if (!graph.nodes()[i].attrs.has("shared_with"))  // the owner's tensors, listed once
            for (const auto& [name, w] : graph.nodes()[i].params)
                result.push_back(params[i].at(name));
    return result;
}

std::vector<torch::Tensor> SpaceImpl::architectureParameters() const {
    std::vector<torch::Tensor> result;
    for (const auto& state : states)
        for (const torch::Tensor& p : state->parameters()) result.push_back(p);
    return result;
}

}  // namespace secateur
