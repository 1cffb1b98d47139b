// Private to the random-network tests: the generator behind randomNetwork(), its small helpers
// inline and its pieces defined in random_network.cpp (convolutional) and random_network_mlp.cpp.
#pragma once

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "engine/graph/builder.h"

namespace secateur::random_net {

inline const std::vector<std::string> kActivations{"relu",    "relu6", "hardtanh",  "leaky_relu",
                                                   "gelu",    "silu",  "hardswish", "hardsigmoid",
                                                   "sigmoid", "tanh"};

// Output length of a sliding window, as PyTorch computes it (0 when the window does not fit).
inline int64_t windowLength(int64_t length, int64_t padTotal, int64_t span, int64_t stride) {
    const int64_t room = length + padTotal - span;
    return room < 0 ? 0 : room / stride + 1;
}

class Generator {
public:
    explicit Generator(uint64_t seed) : rng_(seed), b_(seed * 2654435761ULL + 17) {}

    Graph build() {
        const int64_t kind = between(0, 2);
        mlp_ = kind == 2;
        if (mlp_) return mlp();
        return convNet(kind == 0 ? 1 : 2);
    }

private:
    // Conv padding: none, symmetric, the same as the input (total dilation * (kernel - 1)) split
    // evenly or, in 1-D, causally.
    enum class Padding { Valid, Symmetric, Same, Causal };

    int64_t between(int64_t lo, int64_t hi) {
        return std::uniform_int_distribution<int64_t>(lo, hi)(rng_);
    }
    bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
    template <typename T>
    T oneOf(const std::vector<T>& values) {
        return values[static_cast<size_t>(between(0, static_cast<int64_t>(values.size()) - 1))];
    }

    const Shape& shape(int x) const { return b_.shape(x); }
    int64_t channels(int x) const { return shape(x).at(1); }
    size_t spatialDims(int x) const { return shape(x).size() - 2; }
    int64_t smallestSide(int x) const {
        return *std::min_element(shape(x).begin() + 2, shape(x).end());
    }
    std::vector<int64_t> spatialAxes(int x) const {
        std::vector<int64_t> axes;
        for (size_t d = 2; d < shape(x).size(); ++d) axes.push_back(static_cast<int64_t>(d));
        return axes;
    }
    std::vector<int64_t> ones(int x) const { return std::vector<int64_t>(spatialDims(x), 1); }
    int64_t spatialSize(int x) const {
        int64_t n = 1;
        for (size_t d = 2; d < shape(x).size(); ++d) n *= shape(x)[d];
        return n;
    }
    // Upsampling and transposed convs double the sides: only on small maps, to stay fast.
    bool canGrow(int x) const {
        const int64_t largest = *std::max_element(shape(x).begin() + 2, shape(x).end());
        return largest <= (spatialDims(x) == 1 ? 32 : 12);
    }

    // --- convolutional pieces ---

    // Random conv. `keepLength`: padding keeps each side at ceil(side / stride).
    int conv(int x, int64_t outChannels, bool keepLength, int64_t stride = 1);

    int pointwise(int x, int64_t outChannels, int64_t stride = 1) {
        ConvOptions options;
        options.bias = chance(0.5);
        options.stride.assign(spatialDims(x), stride);
        return b_.conv(x, outChannels, ones(x), options);
    }

    int activation(int x) {
        if (chance(0.15)) return b_.prelu(x, chance(0.5));
        return b_.activation(oneOf(kActivations), x);
    }

    // Batch norm mostly; group norm (groups dividing the channels) or instance norm sometimes,
    // where their statistics cover more than one value.
    int norm(int x);

    int maybeNormAct(int x) {
        if (chance(0.5)) x = norm(x);
        return chance(0.7) ? activation(x) : x;
    }

    // Spatial padding in torch order (last dimension first), 0-2 per side, never all zero;
    // reflection stays below the side.
    std::vector<int64_t> spatialPadding(int x, const std::string& mode);

    std::string padMode(int x) {
        const std::string mode = oneOf<std::string>({"constant", "reflect", "replicate"});
        return mode == "reflect" && smallestSide(x) < 2 ? "replicate" : mode;
    }

    // Zero channels at the end (or split around) of a shortcut, to match a wider path.
    int padChannels(int x, int64_t extra) {
        const int64_t before = chance(0.5) ? 0 : extra / 2;
        std::vector<int64_t> pads(2 * spatialDims(x), 0);
        pads.insert(pads.end(), {before, extra - before});
        return b_.pad(x, pads);
    }

    int64_t newChannels(int x) { return chance(0.3) ? channels(x) : between(2, 16); }

    int convBlock(int x) {
        const int64_t stride = smallestSide(x) >= 4 && chance(0.25) ? 2 : 1;
        return maybeNormAct(conv(x, newChannels(x), false, stride));
    }

    // Residual add or sub of a conv branch and the input: as it is, projected by a pointwise conv
    // or, when the branch is wider, (subsampled and) padded with zero channels.
    int residual(int x);

    // x * gate(conv1x1(act(conv1x1(pool(x))))).
    int squeezeExcite(int x) {
        int s = chance(0.5) ? b_.adaptiveAvgPool(x, ones(x)) : b_.mean(x, spatialAxes(x), true);
        s = activation(pointwise(s, std::max<int64_t>(1, channels(x) / between(1, 4))));
        s = b_.activation(chance(0.5) ? "sigmoid" : "hardsigmoid", pointwise(s, channels(x)));
        return chance(0.8) ? b_.mul(x, s) : b_.mul(s, x);
    }

    // A shape-keeping branch: identity, activation, conv or a stride-1 max pool.
    int branch(int x);

    int catBranches(int x) {
        std::vector<int> parts{branch(x), branch(x)};
        if (chance(0.2)) parts.push_back(branch(x));
        return b_.cat(parts, 1);
    }

    // A candidate operation of a supernet cell: keeps the shape of x.
    int candidate(int x);

    // Supernet mixed op: 2-3 candidates stacked along a new axis (usually 1), averaged or summed.
    int mixedBlock(int x, bool convCandidates);

    // Pad (constant, reflect or replicate), then a pool without padding, an activation or a
    // conv.
    int padThen(int x);

    // Hand-written normalisation over `dims`: (x - mean) / (std + eps) or / sqrt(var + eps).
    int standardise(int x, const std::vector<int64_t>& dims) {
        const int centred = b_.sub(x, b_.mean(x, dims, true));
        const int64_t correction = chance(0.5) ? 1 : 0;
        if (chance(0.6))
            return b_.div(centred, b_.scalar("add", b_.stdDev(x, dims, true, correction), 1e-5));
        const int var = b_.variance(x, dims, true, correction);
        return b_.div(centred, b_.activation("sqrt", b_.scalar("add", var, 1e-5)));
    }

    // Nearest or (bi)linear upsampling by a scale factor or to a size, then a conv.
    int upsampleConv(int x);

    // A stride-2 transposed conv (kernel 2-4); sometimes as the decoder of a pooled copy of x,
    // padded back to x's size and concatenated or added to it, as in a U-Net.
    int transposedBlock(int x);

    // Channels last, a layer norm over them, channels first again; sometimes the whole
    // ConvNeXt block: depthwise conv, layer norm, pointwise MLP as linears, residual add.
    // In 2-D always the block: permuting a [N,H,W,C] layer norm back gives a channels_last
    // tensor, and LibTorch 1.13's backward of a 1x1 stride-2 conv2d over a channels_last input
    // with fewer than 8 channels corrupts the heap; add(x, y) makes it contiguous again.
    int channelsLastNorm(int x);

    // x / sqrt(mean(x * x over the channels) + eps), as RMSNorm. In MLPs over every axis but the
    // batch: after token mixing, the searched channels of [N,T,F] are along T.
    int rmsNorm(int x) {
        std::vector<int64_t> axes{1};
        for (int64_t d = 2; mlp_ && d <= lastAxis(x); ++d) axes.push_back(d);
        const int meanSquare = b_.mean(b_.mul(x, x), axes, true);
        return b_.div(x, b_.activation("sqrt", b_.scalar("add", meanSquare, 1e-6)));
    }

    // Functions that are not activations: clamps, |x|, sqrt(|x| + eps) or an RMS norm, exp,
    // (log-)softmax over the channel or the last axis.
    int oddity(int x);

    // Split along an axis into 2 or 3 pieces, transform them, and merge them again (or drop one,
    // or send one to a second output).
    int splitAndMerge(int x, int64_t axis, bool convPieces);

    int pool(int x);

    // [N,C,H,W] -> [N,C,H*W]: the rest of the network is 1-D.
    int toSequence(int x) {
        const Shape& s = shape(x);
        return chance(0.5) ? b_.reshape(x, {s[1], s[2] * s[3]}) : b_.flatten(x, 2, -1);
    }

    int convStep(int x);

    // Sometimes log_softmax over the classes of a [N, classes] head (two classes or more).
    int logProbabilities(int y) {
        if (shape(y).size() != 2 || shape(y)[1] < 2 || !chance(0.15)) return y;
        return b_.logSoftmax(y, chance(0.5) ? 1 : -1);
    }

    // A head on a feature map; `dense` allows heads that keep the spatial axes.
    int convHead(int x, bool dense);

    Graph convNet(size_t dims);

    // --- MLPs over [N,F] or [N,T,F] (linear over the last axis) ---

    int64_t features(int x) const { return shape(x).back(); }
    int64_t lastAxis(int x) const { return static_cast<int64_t>(shape(x).size()) - 1; }

    // A shape-keeping candidate of an MLP supernet cell.
    int mlpCandidate(int x);

    // A transformer-style residual with a layer norm before (pre-norm) or after (post-norm).
    int normResidual(int x) {
        const bool pre = chance(0.6);
        int y = pre ? b_.layerNorm(x, 1, chance(0.8)) : x;
        const int64_t hidden = between(2, 24);
        y = activation(b_.linear(y, hidden, chance(0.5)));
        y = b_.add(x, b_.linear(y, features(x), chance(0.5)));
        return pre ? y : b_.layerNorm(y, 1, chance(0.8));
    }

    int mlpStep(int x);

    Graph mlp();

    std::mt19937_64 rng_;
    GraphBuilder b_;
    bool mlp_ = false;
};

}  // namespace secateur::random_net
