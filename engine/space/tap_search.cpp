#include "engine/space/space_impl.h"

namespace secateur {
namespace {

class StraightThrough : public torch::autograd::Function<StraightThrough> {
public:
    static torch::Tensor forward(torch::autograd::AutogradContext*, const torch::Tensor& hard,
                                 const torch::Tensor& soft) {
        return hard.to(soft.dtype(), /*non_blocking=*/false, /*copy=*/true);
    }
    static torch::autograd::variable_list backward(torch::autograd::AutogradContext*,
                                                   torch::autograd::variable_list grad) {
        return {torch::Tensor(), grad[0]};
    }
};

void appendGates(const NestedGates& gates, int64_t tap, std::vector<int64_t>& out) {
    for (int64_t g = gates.levels[static_cast<size_t>(tap)]; g < gates.count; ++g)
        out.push_back(gates.offset + g);
}

bool allOpen(const std::vector<int64_t>& gates, const std::vector<bool>& open) {
    return std::all_of(gates.begin(), gates.end(),
                       [&](int64_t g) { return open[static_cast<size_t>(g)]; });
}

}  // namespace

torch::Tensor Relaxed::value() const {
    return StraightThrough::apply(hard, soft);
}

std::vector<int64_t> TapSearch::gatesOfTap(int64_t flat) const {
    std::vector<int64_t> gates;
    for (size_t d = kernel.size(); d-- > 0;) {
        const int64_t t = flat % kernel[d];
        flat /= kernel[d];
        if (axes[d]) appendGates(*axes[d], t, gates);
        if (d == 0 && dilation) appendGates(*dilation, t, gates);
    }
    return gates;
}

std::vector<std::vector<int64_t>> TapSearch::keptIndices(const std::vector<bool>& open) const {
    std::vector<std::vector<int64_t>> result;
    for (size_t d = 0; d < kernel.size(); ++d) {
        std::vector<int64_t> kept;
        for (int64_t t = 0; t < kernel[d]; ++t) {
            std::vector<int64_t> gates;
            if (axes[d]) appendGates(*axes[d], t, gates);
            if (d == 0 && dilation) appendGates(*dilation, t, gates);
            if (allOpen(gates, open)) kept.push_back(t);
        }
        result.push_back(kept);
    }
    return result;
}

std::vector<bool> SpaceImpl::openGates() const {
    const torch::Tensor logits = tapLogits.detach().contiguous();
    const float* l = logits.data_ptr<float>();
    std::vector<bool> open(static_cast<size_t>(logits.numel()));
    for (size_t g = 0; g < open.size(); ++g) open[g] = l[g] > 0.0F;
    return open;
}

void SpaceImpl::setChannelMask(StepMasks& masks, const torch::Tensor& channelMask) const {
    masks.channels = channelMask;
    masks.channelSlices.clear();
    if (!sliceLengths.empty())
        masks.channelSlices =
            channelMask.index_select(0, gatherIndex).split_with_sizes(sliceLengths);
    if (!scaledVectors.empty()) masks.vectorScale = channelMask.index_select(0, scaledVectorIndex);
}

StepMasks SpaceImpl::stepMasks() const {
    StepMasks masks;
    setChannelMask(masks, channelMask());
    if (taps.empty()) return masks;
    const std::vector<bool> open = openGates();
    std::vector<float> hard;
    hard.reserve(rowGates.size());
    for (const auto& gates : rowGates) hard.push_back(allOpen(gates, open) ? 1.0F : 0.0F);
    // A row's soft value is the product of its gates' sigmoids, taken in log space.
    const torch::Tensor soft = torch::exp(torch::mv(tapGates, torch::log_sigmoid(tapLogits)));
    const torch::Tensor value = Relaxed{torch::tensor(hard), soft}.value();
    std::vector<int64_t> rows;  // the taps' rows follow each other (layOutTapRows)
    for (const TapSearch& t : taps) rows.push_back(numel(t.kernel));
    const std::vector<torch::Tensor> perTap = value.split_with_sizes(rows);
    for (size_t i = 0; i < taps.size(); ++i) {
        std::vector<int64_t> shape{1, 1};
        shape.insert(shape.end(), taps[i].kernel.begin(), taps[i].kernel.end());
        masks.tapWeights.push_back(perTap[i].view(shape));
    }
    masks.tapCounts = torch::mv(tapSums, value.to(torch::kFloat64));
    return masks;
}

}  // namespace secateur
