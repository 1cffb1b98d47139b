// Channel keep decisions: a logit per logical channel, kept when positive, at least one kept in
// every tensor whose channels are all prunable (the most confident one).
#include "engine/space/space_impl.h"

namespace secateur {

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
    if (searchChannels && channelLogits.numel() > 0) result.push_back(channelLogits);
    if (tapLogits.numel() > 0) result.push_back(tapLogits);
    return result;
}

}  // namespace secateur
