#include "engine/quant/quantiser.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/util/error.h"

namespace secateur {
namespace {

void checkBits(int bits, const char* what) {
    if (bits < 2 || bits > 8)
        throw Error(std::string(what) + " of " + std::to_string(bits) +
                    " bits cannot be quantised: choose 2 to 8 bits");
}

// The shape that spreads one value per output channel over a weight's other axes.
std::vector<int64_t> rowShape(const torch::Tensor& weight) {
    std::vector<int64_t> shape(static_cast<size_t>(weight.dim()), 1);
    shape[0] = weight.size(0);
    return shape;
}

}  // namespace

QuantLevels weightLevels(int bits) {
    checkBits(bits, "a weight");
    const int64_t top = (int64_t{1} << (bits - 1)) - 1;
    return {-top, top};
}

QuantLevels activationLevels(int bits, bool isUnsigned) {
    checkBits(bits, "an activation");
    if (isUnsigned) return {0, (int64_t{1} << bits) - 1};
    return {-(int64_t{1} << (bits - 1)), (int64_t{1} << (bits - 1)) - 1};
}

torch::Tensor weightScales(const torch::Tensor& weight, int bits, const torch::Tensor& counted) {
    const torch::NoGradGuard noGrad;
    const QuantLevels levels = weightLevels(bits);
    const torch::Tensor values =
        counted.defined() ? weight.detach() * counted.detach() : weight.detach();
    const torch::Tensor largest = values.reshape({weight.size(0), -1}).abs().amax(1);
    const torch::Tensor scales = largest / static_cast<double>(levels.max);
    return torch::where(largest > 0, scales, torch::ones_like(scales)).to(torch::kFloat);
}

torch::Tensor quantiseWeight(const torch::Tensor& weight, int bits, const torch::Tensor& counted) {
    if (bits == 0) return torch::zeros_like(weight);
    const QuantLevels levels = weightLevels(bits);
    const torch::Tensor zeroPoints =
        torch::zeros({weight.size(0)}, torch::TensorOptions().dtype(torch::kInt));
    return torch::fake_quantize_per_channel_affine(weight, weightScales(weight, bits, counted),
                                                   zeroPoints, 0, levels.min, levels.max);
}

torch::Tensor mixWeight(const torch::Tensor& weight, const std::vector<int>& bits,
                        const torch::Tensor& probabilities) {
    const auto candidates = static_cast<int64_t>(bits.size());
    if (probabilities.dim() != 2 || probabilities.size(1) != candidates ||
        (probabilities.size(0) != 1 && probabilities.size(0) != weight.size(0)))
        throw Error("mixWeight: probabilities of shape " + std::to_string(probabilities.size(0)) +
                    "x" + std::to_string(probabilities.size(1)) + " for " +
                    std::to_string(weight.size(0)) + " output channels and " +
                    std::to_string(candidates) + " bit-widths");
    std::vector<int64_t> shape = rowShape(weight);
    shape[0] = probabilities.size(0);
    torch::Tensor mixed;
    for (int64_t k = 0; k < candidates; ++k) {
        if (bits[static_cast<size_t>(k)] == 0) continue;  // a pruned channel adds nothing
        const torch::Tensor term = quantiseWeight(weight, bits[static_cast<size_t>(k)]) *
                                   probabilities.select(1, k).reshape(shape);
        mixed = mixed.defined() ? mixed + term : term;
    }
    return mixed.defined() ? mixed : torch::zeros_like(weight);
}

torch::Tensor quantiseActivation(const torch::Tensor& x, const torch::Tensor& logClip, int bits,
                                 bool isUnsigned) {
    const QuantLevels levels = activationLevels(bits, isUnsigned);
    const torch::Tensor scale = logClip.exp().reshape({1}) / static_cast<double>(levels.max);
    const torch::Tensor zeroPoint = torch::zeros({1}, torch::TensorOptions().dtype(torch::kFloat));
    // The step size's gradient is scaled down by sqrt(elements x top level), as learned-step-size
    // quantisation does, so that it trains at the pace of the weights.
    const double gradFactor = 1.0 / std::sqrt(static_cast<double>(std::max<int64_t>(1, x.numel())) *
                                              static_cast<double>(levels.max));
    return torch::_fake_quantize_learnable_per_tensor_affine(x, scale, zeroPoint, levels.min,
                                                             levels.max, gradFactor);
}

torch::Tensor mixActivation(const torch::Tensor& x, const torch::Tensor& logClip,
                            const std::vector<int>& bits, bool isUnsigned,
                            const torch::Tensor& probabilities) {
    if (probabilities.dim() != 1 || probabilities.size(0) != static_cast<int64_t>(bits.size()))
        throw Error("mixActivation: " + std::to_string(probabilities.numel()) +
                    " probabilities for " + std::to_string(bits.size()) + " bit-widths");
    if (bits.size() == 1) return quantiseActivation(x, logClip, bits.front(), isUnsigned);
    torch::Tensor mixed;
    for (size_t k = 0; k < bits.size(); ++k) {
        const torch::Tensor term = quantiseActivation(x, logClip, bits[k], isUnsigned) *
                                   probabilities[static_cast<int64_t>(k)];
        mixed = mixed.defined() ? mixed + term : term;
    }
    return mixed;
}

void ClipObserver::observe(const torch::Tensor& x, bool isUnsigned) {
    const torch::NoGradGuard noGrad;
    const torch::Tensor values = x.detach();
    const double largest = (isUnsigned ? values.max() : values.abs().max()).item<double>();
    if (largest > 0 && std::isfinite(largest)) {
        clip_ = seen_ ? std::max(clip_, largest) : largest;
        seen_ = true;
    }
}

double TemperatureSchedule::at(double progress) const {
    const double t = std::clamp(progress, 0.0, 1.0);
    return start * std::pow(end / start, t);
}

torch::Tensor bitProbabilities(const torch::Tensor& logits, double temperature) {
    return torch::softmax(logits / temperature, -1);
}

std::vector<int> chosenBits(const torch::Tensor& logits, const std::vector<int>& bits) {
    const torch::Tensor rows = logits.detach().reshape({-1, static_cast<int64_t>(bits.size())});
    const torch::Tensor best = rows.argmax(1).to(torch::kLong).contiguous();
    std::vector<int> chosen;
    chosen.reserve(static_cast<size_t>(best.size(0)));
    const int64_t* index = best.data_ptr<int64_t>();
    for (int64_t r = 0; r < best.size(0); ++r)
        chosen.push_back(bits[static_cast<size_t>(index[r])]);
    return chosen;
}

}  // namespace secateur
