// Private header: fake quantisation of weights and activations for quantisation-aware training,
// built on LibTorch's fake-quantisation ops (straight-through gradients), and the mixing of
// several candidate bit-widths into one tensor for the precision search.
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace secateur {

// The integer levels a quantised value may take: [min, max].
struct QuantLevels {
    int64_t min = 0, max = 0;
};

// Weights: symmetric, narrow range, zero point 0: [-(2^(b-1) - 1), 2^(b-1) - 1]
// (8 bits: [-127, 127]; 4: [-7, 7]; 2: [-1, 1], ternary). `bits` in 2..8.
QuantLevels weightLevels(int bits);
// Activations, zero point 0: [0, 2^b - 1] when unsigned (after ReLU-like ops), else
// [-2^(b-1), 2^(b-1) - 1]. `bits` in 2..8.
QuantLevels activationLevels(int bits, bool isUnsigned);

// One scale per output channel (dim 0) at `bits`: the channel's largest magnitude over the
// top level, so that its largest weight is exactly representable. An all-zero channel gets scale
// 1 (its weights stay 0). Computed without gradient: the scale follows the weights, it is not
// trained. `counted` (0/1, broadcastable to the weight) leaves out the entries a pruned network
// will not have (taps and input channels it drops): the scale is then the one of the pruned
// weight.
torch::Tensor weightScales(const torch::Tensor& weight, int bits,
                           const torch::Tensor& counted = {});

// The weight on its per-channel grid at `bits` (every value an integer multiple of its channel's
// scale); `bits` 0 gives zeros (a pruned channel). The gradient passes straight through.
torch::Tensor quantiseWeight(const torch::Tensor& weight, int bits,
                             const torch::Tensor& counted = {});

// The probability-weighted sum of the weight quantised at each candidate: sum_k p_k Q_{bits_k}(w).
// `probabilities` is [rows, candidates] (one distribution per output channel) or
// [1, candidates] (one for the whole layer). One quantised copy per candidate of the weight, and
// still one convolution per layer: the mixture is formed on the weights, not on the outputs.
torch::Tensor mixWeight(const torch::Tensor& weight, const std::vector<int>& bits,
                        const torch::Tensor& probabilities);

// The activation clipped to the range [-clip, clip] (or [0, clip] when unsigned) and rounded to
// `bits`, with clip = exp(logClip) learned: the gradient reaches `x` inside the range (straight
// through) and `logClip` from the rounding error and the clipped values (learned step size).
torch::Tensor quantiseActivation(const torch::Tensor& x, const torch::Tensor& logClip, int bits,
                                 bool isUnsigned);

// sum_k p_k Q_{bits_k}(x) for one layer's output; `probabilities` is [candidates].
torch::Tensor mixActivation(const torch::Tensor& x, const torch::Tensor& logClip,
                            const std::vector<int>& bits, bool isUnsigned,
                            const torch::Tensor& probabilities);

// The clipping range of an activation from calibration batches: the largest magnitude seen
// (max |x|, or max x when unsigned). Before any batch, 1.
class ClipObserver {
public:
    void observe(const torch::Tensor& x, bool isUnsigned);
    double clip() const { return seen_ ? clip_ : 1.0; }
    bool seen() const { return seen_; }

private:
    double clip_ = 0.0;
    bool seen_ = false;
};

// The softmax temperature of the bit-width choices over the search phase: exponential decay from
// `start` at progress 0 to `end` at progress 1 (clamped outside).
struct TemperatureSchedule {
    double start = 1.0;
    double end = 0.05;
    double at(double progress) const;
};

// softmax(logits / temperature) over the last axis.
torch::Tensor bitProbabilities(const torch::Tensor& logits, double temperature);
// The hard choice per row of `logits` ([rows, candidates]): bits[argmax]; ties go to the first.
std::vector<int> chosenBits(const torch::Tensor& logits, const std::vector<int>& bits);

}  // namespace secateur
