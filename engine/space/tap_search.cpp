#include "engine/space/space_impl.h"

namespace secateur {

namespace {

torch::Tensor suffixProduct(const torch::Tensor& gates, const torch::Tensor& levels) {
    const torch::Tensor withOne = torch::cat({gates, torch::ones({1}, gates.options())});
    return withOne.flip({0}).cumprod(0).flip({0}).index_select(0, levels);
}

}  // namespace

torch::Tensor NestedGates::hard() const {
    return suffixProduct((logits.detach() > 0).to(torch::kFloat32), levels);
}

torch::Tensor NestedGates::soft() const {
    return suffixProduct(torch::sigmoid(logits), levels);
}

namespace {

// Mask over the taps of spatial dim d (all ones when that axis is not searched).
Relaxed axisMask(const TapSearch& search, size_t d) {
    Relaxed m{torch::ones({search.kernel[d]}, torch::kFloat32),
              torch::ones({search.kernel[d]}, torch::kFloat32)};
    if (search.axes[d]) m = {search.axes[d]->hard(), search.axes[d]->soft()};
    if (d == 0 && search.dilation)
        m = {m.hard * search.dilation->hard(), m.soft * search.dilation->soft()};
    return m;
}

}  // namespace

std::pair<torch::Tensor, torch::Tensor> TapSearch::weightMaskAndCount() const {
    const Relaxed first = axisMask(*this, 0);
    const torch::Tensor firstCount = first.value().to(torch::kFloat64).sum();
    if (kernel.size() == 1) return {first.value().view({1, 1, kernel[0]}), firstCount};
    const Relaxed second = axisMask(*this, 1);
    const Relaxed both{first.hard.view({-1, 1}) * second.hard.view({1, -1}),
                       first.soft.view({-1, 1}) * second.soft.view({1, -1})};
    return {both.value().view({1, 1, kernel[0], kernel[1]}),
            firstCount * second.value().to(torch::kFloat64).sum()};
}

std::vector<std::vector<int64_t>> TapSearch::keptIndices() const {
    std::vector<std::vector<int64_t>> result;
    for (size_t d = 0; d < kernel.size(); ++d) {
        const torch::Tensor m = axisMask(*this, d).hard;
        std::vector<int64_t> kept;
        for (int64_t t = 0; t < kernel[d]; ++t)
            if (m[t].item<float>() > 0.5F) kept.push_back(t);
        result.push_back(kept);
    }
    return result;
}

}  // namespace secateur
