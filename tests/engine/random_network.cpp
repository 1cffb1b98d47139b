#include "tests/engine/random_network.h"

#include <algorithm>
#include <optional>
#include <random>
#include <sstream>
#include <vector>

#include "engine/graph/builder.h"

namespace secateur {
namespace {

const std::vector<std::string> kActivations{"relu",    "relu6", "hardtanh",  "leaky_relu",
                                            "gelu",    "silu",  "hardswish", "hardsigmoid",
                                            "sigmoid", "tanh"};

// Output length of a sliding window, as PyTorch computes it (0 when the window does not fit).
int64_t windowLength(int64_t length, int64_t padTotal, int64_t span, int64_t stride) {
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
    int conv(int x, int64_t outChannels, bool keepLength, int64_t stride = 1) {
        const size_t dims = spatialDims(x);
        const int64_t in = channels(x);
        ConvOptions options;
        options.bias = chance(0.5);
        std::vector<int64_t> kernel(dims);
        options.dilation.assign(dims, 1);
        options.stride.assign(dims, stride);
        for (size_t d = 0; d < dims; ++d) {
            const int64_t side = shape(x)[2 + d];
            const int64_t maxKernel = dims == 1 ? 9 : 7;
            kernel[d] = d > 0 && chance(0.7) ? kernel[0] : between(1, std::min(maxKernel, side));
            if (kernel[d] > 1 && chance(dims == 1 ? 0.35 : 0.15))
                options.dilation[d] = between(2, dims == 1 ? 3 : 2);
        }
        std::vector<Padding> modes{Padding::Same};
        bool evenSpans = true;
        for (size_t d = 0; d < dims; ++d)
            evenSpans = evenSpans && options.dilation[d] * (kernel[d] - 1) % 2 == 0;
        if (evenSpans) modes.push_back(Padding::Symmetric);
        if (dims == 1) modes.push_back(Padding::Causal);
        if (!keepLength) modes.insert(modes.end(), {Padding::Valid, Padding::Symmetric});
        const Padding mode = oneOf(modes);
        options.samePadding = mode == Padding::Same;
        options.causal = mode == Padding::Causal;
        for (size_t d = 0; d < dims && mode == Padding::Symmetric; ++d) {
            const int64_t half = options.dilation[d] * (kernel[d] - 1) / 2;
            options.padding.push_back(keepLength ? half : between(0, half));
        }
        // Fall back to a 1-tap kernel where the window does not fit the input.
        for (size_t d = 0; d < dims; ++d) {
            const int64_t pad = options.samePadding || options.causal
                                    ? options.dilation[d] * (kernel[d] - 1)
                                    : 2 * (options.padding.empty() ? 0 : options.padding[d]);
            const int64_t span = options.dilation[d] * (kernel[d] - 1) + 1;
            if (windowLength(shape(x)[2 + d], pad, span, stride) < 1) {
                kernel[d] = 1;
                options.dilation[d] = 1;
            }
        }
        std::vector<int64_t> groups{1, 1, 1};
        if (outChannels % in == 0 && in > 1) groups.insert(groups.end(), {in, in});
        if (in % 2 == 0 && outChannels % 2 == 0) groups.push_back(2);
        options.groups = oneOf(groups);
        return b_.conv(x, outChannels, kernel, options);
    }

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
    int norm(int x) {
        const int64_t kind = between(0, 9);
        const int64_t c = channels(x), positions = spatialSize(x);
        if (kind >= 8 && positions >= 2) return b_.instanceNorm(x, chance(0.5));
        if (kind >= 6) {
            std::vector<int64_t> groups;
            for (int64_t g = 1; g <= c; ++g)
                if (c % g == 0 && c / g * positions >= 2) groups.push_back(g);
            if (!groups.empty()) {
                const int64_t g = oneOf(groups);
                return b_.groupNorm(x, g, chance(0.8));
            }
        }
        return b_.batchNorm(x);
    }

    int maybeNormAct(int x) {
        if (chance(0.5)) x = norm(x);
        return chance(0.7) ? activation(x) : x;
    }

    // Spatial padding in torch order (last dimension first), 0-2 per side, never all zero;
    // reflection stays below the side.
    std::vector<int64_t> spatialPadding(int x, const std::string& mode) {
        std::vector<int64_t> pads;
        for (size_t d = shape(x).size(); d-- > 2;) {
            const int64_t most = mode == "reflect" ? std::min<int64_t>(2, shape(x)[d] - 1) : 2;
            pads.push_back(between(0, most));
            pads.push_back(between(0, most));
        }
        if (std::all_of(pads.begin(), pads.end(), [](int64_t p) { return p == 0; })) pads[1] = 1;
        return pads;
    }

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
    int residual(int x) {
        const int64_t stride = smallestSide(x) >= 4 && chance(0.2) ? 2 : 1;
        const int64_t out = chance(0.6) ? channels(x) : between(2, 16);
        int y = maybeNormAct(conv(x, chance(0.5) ? out : between(2, 16), true, stride));
        if (channels(y) != out || chance(0.4)) y = conv(y, out, true);
        if (chance(0.5)) y = b_.batchNorm(y);
        int shortcut = x;
        if (out > channels(x) && chance(0.7)) {  // ResNet option A: subsample, pad zero channels
            if (stride != 1) {
                PoolOptions every;
                every.kernel = ones(x);
                every.stride.assign(spatialDims(x), stride);
                shortcut = chance(0.5) ? b_.avgPool(x, every) : b_.maxPool(x, every);
            }
            shortcut = padChannels(shortcut, out - channels(x));
        } else if (stride != 1 || out != channels(x)) {
            shortcut = pointwise(x, out, stride);
        }
        const int64_t how = between(0, 3);
        if (how <= 1) return b_.add(y, shortcut);
        return how == 2 ? b_.sub(y, shortcut) : b_.sub(shortcut, y);
    }

    // x * gate(conv1x1(act(conv1x1(pool(x))))).
    int squeezeExcite(int x) {
        int s = chance(0.5) ? b_.adaptiveAvgPool(x, ones(x)) : b_.mean(x, spatialAxes(x), true);
        s = activation(pointwise(s, std::max<int64_t>(1, channels(x) / between(1, 4))));
        s = b_.activation(chance(0.5) ? "sigmoid" : "hardsigmoid", pointwise(s, channels(x)));
        return chance(0.8) ? b_.mul(x, s) : b_.mul(s, x);
    }

    // A shape-keeping branch: identity, activation, conv or a stride-1 max pool.
    int branch(int x) {
        switch (between(0, 3)) {
            case 0:
                return x;
            case 1:
                return activation(x);
            case 2:
                return maybeNormAct(conv(x, newChannels(x), true));
            default: {
                PoolOptions pool;
                pool.kernel.assign(spatialDims(x), 3);
                pool.stride.assign(spatialDims(x), 1);
                pool.padding.assign(spatialDims(x), 1);
                return b_.maxPool(x, pool);
            }
        }
    }

    int catBranches(int x) {
        std::vector<int> parts{branch(x), branch(x)};
        if (chance(0.2)) parts.push_back(branch(x));
        return b_.cat(parts, 1);
    }

    // A candidate operation of a supernet cell: keeps the shape of x.
    int candidate(int x) {
        const size_t dims = spatialDims(x);
        PoolOptions pool;
        pool.kernel.assign(dims, 3);
        pool.stride.assign(dims, 1);
        switch (between(0, 5)) {
            case 0:
                return x;
            case 1:
                return activation(x);
            case 2:
            case 3: {  // act -> conv -> norm, as DARTS' convolutions
                if (chance(0.5)) x = activation(x);
                const int y = conv(x, channels(x), true);
                return chance(0.6) ? norm(y) : y;
            }
            case 4:
                pool.padding.assign(dims, 1);
                return chance(0.5) ? b_.maxPool(x, pool) : b_.avgPool(x, pool);
            default:  // explicit padding, then an unpadded pool
                pool.padding.assign(dims, 0);
                x = b_.pad(x, std::vector<int64_t>(2 * dims, 1), padMode(x));
                return chance(0.5) ? b_.maxPool(x, pool) : b_.avgPool(x, pool);
        }
    }

    // Supernet mixed op: 2-3 candidates stacked along a new axis (usually 1), averaged or summed.
    int mixedBlock(int x, bool convCandidates) {
        std::vector<int> parts;
        for (int64_t i = 0, n = chance(0.3) ? 3 : 2; i < n; ++i)
            parts.push_back(convCandidates ? candidate(x) : mlpCandidate(x));
        const auto rank = static_cast<int64_t>(shape(x).size());
        const int64_t dim = chance(0.75) ? 1 : between(2, rank);
        const int stacked = b_.stack(parts, dim);
        return b_.reduce(chance(0.5) ? "mean" : "sum", stacked, {dim}, false);
    }

    // Pad (constant, reflect or replicate), then a pool without padding, an activation or a
    // conv.
    int padThen(int x) {
        const std::string mode = padMode(x);
        const double value = mode == "constant" && chance(0.3) ? oneOf<double>({-1.0, 0.5}) : 0.0;
        x = b_.pad(x, spatialPadding(x, mode), mode, value);
        const int64_t next = between(0, 2);
        if (next == 0 && smallestSide(x) >= 2) {
            PoolOptions options;
            const int64_t k = between(2, std::min<int64_t>(3, smallestSide(x)));
            options.kernel.assign(spatialDims(x), k);
            options.stride.assign(spatialDims(x), chance(0.5) ? k : 1);
            return chance(0.5) ? b_.maxPool(x, options) : b_.avgPool(x, options);
        }
        if (next == 1) return activation(x);
        return maybeNormAct(conv(x, newChannels(x), false));
    }

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
    int upsampleConv(int x) {
        const size_t dims = spatialDims(x);
        std::string mode = chance(0.5) ? "nearest" : dims == 1 ? "linear" : "bilinear";
        std::vector<int64_t> size;
        std::vector<double> scales;
        const int64_t how = between(0, 2);
        for (size_t d = 0; d < dims; ++d) {
            if (how == 0) size.push_back(2 * shape(x)[2 + d]);
            if (how == 1) scales.push_back(2.0);
            if (how == 2) scales.push_back(1.5);
        }
        x = b_.upsample(x, mode, size, mode != "nearest" && chance(0.5), scales);
        const int64_t out = newChannels(x);
        return maybeNormAct(conv(x, out, chance(0.7)));
    }

    // A stride-2 transposed conv (kernel 2-4); sometimes as the decoder of a pooled copy of x,
    // padded back to x's size and concatenated or added to it, as in a U-Net.
    int transposedBlock(int x) {
        const size_t dims = spatialDims(x);
        ConvTransposeOptions options;
        options.stride.assign(dims, 2);
        options.bias = chance(0.5);
        if (smallestSide(x) < 4 || chance(0.65)) {
            std::vector<int64_t> kernel(dims);
            for (size_t d = 0; d < dims; ++d) {
                kernel[d] = d > 0 && chance(0.8) ? kernel[0] : between(2, 4);
                options.padding.push_back(between(0, (kernel[d] - 1) / 2));
                options.outputPadding.push_back(chance(0.3) ? 1 : 0);
            }
            if (dims == 1 && chance(0.15)) options.dilation = {2};
            const int64_t in = channels(x);
            int64_t out = newChannels(x);
            if (chance(0.15) && in % 2 == 0 && out % 2 == 0) options.groups = 2;
            if (chance(0.1) && in > 1) out = options.groups = in;  // depthwise
            return maybeNormAct(b_.convTranspose(x, out, kernel, options));
        }
        PoolOptions half;
        half.kernel.assign(dims, 2);
        int y = chance(0.5) ? b_.maxPool(x, half) : b_.avgPool(x, half);
        y = maybeNormAct(conv(y, newChannels(y), true));
        const bool add = chance(0.5);
        y = b_.convTranspose(y, add ? channels(x) : newChannels(y), std::vector<int64_t>(dims, 2),
                             options);
        // Odd sides lose a row to the pool: pad it back with zeros at the end.
        std::vector<int64_t> pads;
        for (size_t d = shape(x).size(); d-- > 2;)
            pads.insert(pads.end(), {0, shape(x)[d] - shape(y)[d]});
        if (std::any_of(pads.begin(), pads.end(), [](int64_t p) { return p != 0; }))
            y = b_.pad(y, pads);
        y = activation(y);
        return add ? b_.add(x, y) : b_.cat({x, y}, 1);
    }

    // Channels last, a layer norm over them, channels first again; sometimes the whole
    // ConvNeXt block: depthwise conv, layer norm, pointwise MLP as linears, residual add.
    // In 2-D always the block: permuting a [N,H,W,C] layer norm back gives a channels_last
    // tensor, and LibTorch 1.13's backward of a 1x1 stride-2 conv2d over a channels_last input
    // with fewer than 8 channels corrupts the heap; add(x, y) makes it contiguous again.
    int channelsLastNorm(int x) {
        const bool twoD = spatialDims(x) == 2;
        const bool block = twoD || chance(0.5);
        int y = x;
        if (block) {
            ConvOptions depthwise;
            depthwise.samePadding = true;
            depthwise.groups = channels(x);
            y = b_.conv(x, channels(x), std::vector<int64_t>(spatialDims(x), 3), depthwise);
        }
        y = twoD ? b_.permute(y, {0, 2, 3, 1}) : b_.transpose(y, 1, 2);
        const bool affine = chance(0.8);
        y = b_.layerNorm(y, 1, affine, chance(0.5) ? 1e-5 : 1e-6);
        if (block) {
            const int64_t c = features(y);
            y = b_.linear(activation(b_.linear(y, between(2, 16), true)), c, true);
        }
        y = twoD ? b_.permute(y, {0, 3, 1, 2}) : b_.transpose(y, 1, 2);
        return block ? b_.add(x, y) : y;
    }

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
    int oddity(int x) {
        switch (between(0, 5)) {
            case 0: {
                const int64_t bounds = between(0, 2);
                std::optional<double> lo, hi;
                if (bounds != 1) lo = oneOf<double>({-1.0, -0.5, 0.0});
                if (bounds != 0) hi = oneOf<double>({0.5, 1.0, 6.0});
                return b_.clamp(x, lo, hi);
            }
            case 1:  // sqrt(|x| + eps): without eps, sqrt'(0) * abs'(0) is inf * 0 = NaN
                if (chance(0.6))
                    return b_.activation("sqrt", b_.scalar("add", b_.activation("abs", x), 1e-6));
                return b_.activation("abs", x);
            case 2:
                if (numel(shape(x)) / shape(x)[0] >= 2 && shape(x)[1] >= 2) return rmsNorm(x);
                return b_.activation("abs", x);
            case 3:  // of a bounded value: exp(exp(x)) would overflow
                if (chance(0.5)) return b_.activation("exp", b_.activation("tanh", x));
                return b_.activation("exp", b_.scalar("mul", b_.clamp(x, {}, 4.0), 0.5));
            default: {
                const int64_t dim = chance(0.5) ? 1 : -1;
                const int64_t size = dim == 1 ? shape(x)[1] : shape(x).back();
                if (size < 2) return activation(x);
                return between(0, 2) == 0 ? b_.softmax(x, dim) : b_.logSoftmax(x, dim);
            }
        }
    }

    // Split along an axis into 2 or 3 pieces, transform them, and merge them again (or drop one,
    // or send one to a second output).
    int splitAndMerge(int x, int64_t axis, bool convPieces) {
        const int64_t size = shape(x).at(static_cast<size_t>(axis));
        std::vector<int64_t> sizes{size};
        while (sizes.size() < 3 && sizes.back() >= 2 && (sizes.size() == 1 || chance(0.3))) {
            const int64_t cut = between(1, sizes.back() - 1);
            sizes.back() -= cut;
            sizes.push_back(cut);
        }
        std::vector<int> parts = b_.split(x, sizes, axis);
        for (int& p : parts) {
            const int64_t how = between(0, 3);
            if (how == 1) p = activation(p);
            if (how == 2)
                p = convPieces ? conv(p, newChannels(p), true)
                               : b_.linear(p, between(1, 12), chance(0.5));
            if (how == 3 && axis == 1) p = b_.batchNorm(p);
        }
        const int64_t merge = between(0, 9);
        if (merge <= 1 && shape(parts[0]) == shape(parts[1])) {
            const int a = b_.activation("tanh", parts[0]), g = b_.activation("sigmoid", parts[1]);
            parts.erase(parts.begin(), parts.begin() + 2);
            parts.insert(parts.begin(), merge == 0 ? b_.mul(a, g) : b_.add(a, g));
        } else if (merge == 2) {
            parts.pop_back();  // an unused piece
        } else if (merge == 3) {
            b_.output(parts.back());
            parts.pop_back();
        }
        std::shuffle(parts.begin(), parts.end(), rng_);
        return parts.size() == 1 ? parts[0] : b_.cat(parts, axis);
    }

    int pool(int x) {
        const int64_t side = smallestSide(x);
        if (chance(0.25)) {
            std::vector<int64_t> size;
            for (size_t d = 2; d < shape(x).size(); ++d)
                size.push_back(between(1, (shape(x)[d] + 1) / 2));
            return b_.adaptiveAvgPool(x, size);
        }
        PoolOptions options;
        const int64_t k = between(2, std::min<int64_t>(3, side));
        options.kernel.assign(spatialDims(x), k);
        options.stride.assign(spatialDims(x), chance(0.7) ? k : 1);
        options.padding.assign(spatialDims(x), chance(0.3) ? k / 2 : 0);
        return chance(0.5) ? b_.maxPool(x, options) : b_.avgPool(x, options);
    }

    // [N,C,H,W] -> [N,C,H*W]: the rest of the network is 1-D.
    int toSequence(int x) {
        const Shape& s = shape(x);
        return chance(0.5) ? b_.reshape(x, {s[1], s[2] * s[3]}) : b_.flatten(x, 2, -1);
    }

    int convStep(int x) {
        const int64_t step = between(0, 23);
        if (step <= 3) return convBlock(x);
        if (step <= 5) return residual(x);
        if (step == 6) return squeezeExcite(x);
        if (step == 7) return catBranches(x);
        if (step == 8 && channels(x) >= 2) return splitAndMerge(x, 1, true);
        if (step == 9 && smallestSide(x) >= 4) return pool(x);
        if (step == 10) return norm(x);
        if (step == 11) return activation(x);
        if (step == 12 && spatialDims(x) == 2) return toSequence(x);
        if (step == 13 || step == 14) return mixedBlock(x, true);
        if (step == 15) return padThen(x);
        if (step == 16 && spatialSize(x) >= 2) return standardise(x, spatialAxes(x));
        if (step == 17 && canGrow(x)) return upsampleConv(x);
        if (step == 18 && canGrow(x)) return transposedBlock(x);
        if (step == 19 && channels(x) >= 2) return channelsLastNorm(x);
        if (step == 20 || step == 21) return oddity(x);
        return convBlock(x);
    }

    // Sometimes log_softmax over the classes of a [N, classes] head (two classes or more).
    int logProbabilities(int y) {
        if (shape(y).size() != 2 || shape(y)[1] < 2 || !chance(0.15)) return y;
        return b_.logSoftmax(y, chance(0.5) ? 1 : -1);
    }

    // A head on a feature map; `dense` allows heads that keep the spatial axes.
    int convHead(int x, bool dense) {
        const int64_t classes = between(1, 10);
        const Shape s = shape(x);
        int64_t kind = between(0, dense ? 9 : 5);
        if (kind == 2 && numel(s) > 1024) kind = 0;  // keep flattened heads small
        switch (kind) {
            case 0: {
                x = b_.flatten(b_.adaptiveAvgPool(x, ones(x)));
                if (chance(0.4)) x = activation(b_.linear(x, between(2, 16), chance(0.5)));
                return b_.linear(x, classes, chance(0.8));
            }
            case 1:
                return b_.linear(b_.mean(x, spatialAxes(x), false), classes, chance(0.8));
            case 2:
                return b_.linear(b_.flatten(x), classes, chance(0.8));
            case 3: {  // global max (rarely min) pooling
                const bool keep = chance(0.3);
                x = chance(0.85) ? b_.amax(x, spatialAxes(x), keep)
                                 : b_.amin(x, spatialAxes(x), keep);
                return b_.linear(keep ? b_.flatten(x) : x, classes, chance(0.8));
            }
            case 4: {  // statistics pooling: mean and standard deviation (or variance)
                if (spatialSize(x) < 2)
                    return b_.linear(b_.mean(x, spatialAxes(x), false), classes);
                const int spread = chance(0.8) ? b_.stdDev(x, spatialAxes(x), false, between(0, 1))
                                               : b_.variance(x, spatialAxes(x), false, 1);
                return b_.linear(b_.cat({b_.mean(x, spatialAxes(x), false), spread}, 1), classes,
                                 chance(0.8));
            }
            case 5:  // max and average pooling side by side
                return b_.linear(
                    b_.cat({b_.amax(x, spatialAxes(x), false), b_.mean(x, spatialAxes(x), false)},
                           1),
                    classes, chance(0.8));
            case 6: {  // channels last, then a linear over them
                if (spatialDims(x) == 1)
                    x = chance(0.5) ? b_.transpose(x, 1, 2) : b_.permute(x, {0, 2, 1});
                else
                    x = b_.permute(x, {0, 2, 3, 1});
                x = b_.linear(x, between(1, 12), chance(0.5));
                if (chance(0.5)) x = b_.mean(x, {1}, chance(0.5));
                return x;
            }
            case 7:
                return pointwise(x, classes);
            case 8:
                return b_.flatten(pointwise(b_.mean(x, spatialAxes(x), true), classes));
            default:
                if (spatialDims(x) == 2) x = toSequence(x);
                return b_.linear(b_.transpose(x, 1, 2), classes, chance(0.5));
        }
    }

    Graph convNet(size_t dims) {
        Shape input{1, between(1, 8)};
        for (size_t d = 0; d < dims; ++d) input.push_back(between(8, dims == 1 ? 32 : 20));
        int x = b_.input("x", input);
        std::vector<int> features;
        for (int64_t i = 0, steps = between(1, 6); i < steps; ++i) {
            x = convStep(x);
            features.push_back(x);
        }
        b_.output(logProbabilities(convHead(x, true)));
        if (chance(0.3)) {
            const int side = oneOf(features);
            b_.output(chance(0.3) ? side : convHead(side, false));
        }
        return b_.build();
    }

    // --- MLPs over [N,F] or [N,T,F] (linear over the last axis) ---

    int64_t features(int x) const { return shape(x).back(); }
    int64_t lastAxis(int x) const { return static_cast<int64_t>(shape(x).size()) - 1; }

    // A shape-keeping candidate of an MLP supernet cell.
    int mlpCandidate(int x) {
        switch (between(0, 3)) {
            case 0:
                return x;
            case 1:
                return activation(x);
            case 2:
                return features(x) >= 2 ? b_.layerNorm(x, 1, chance(0.7)) : activation(x);
            default:
                return activation(b_.linear(x, features(x), chance(0.5)));
        }
    }

    // A transformer-style residual with a layer norm before (pre-norm) or after (post-norm).
    int normResidual(int x) {
        const bool pre = chance(0.6);
        int y = pre ? b_.layerNorm(x, 1, chance(0.8)) : x;
        const int64_t hidden = between(2, 24);
        y = activation(b_.linear(y, hidden, chance(0.5)));
        y = b_.add(x, b_.linear(y, features(x), chance(0.5)));
        return pre ? y : b_.layerNorm(y, 1, chance(0.8));
    }

    int mlpStep(int x) {
        const int64_t step = between(0, 16);
        const bool wide = features(x) >= 2;
        if (step == 10 && wide) return normResidual(x);
        if (step == 11 && wide) return activation(b_.layerNorm(x, 1, chance(0.7)));
        if (step == 12 || step == 16) return oddity(x);
        if (step == 13 && shape(x)[1] >= 2)  // over time T, or over the features F
            return standardise(x, {1});
        if (step == 14) return mixedBlock(x, false);
        if (step == 15) {  // x / exp(s(x)), s clamped: a positive denominator
            const int s = b_.clamp(b_.linear(x, features(x), chance(0.5)), -4.0, 4.0);
            return b_.div(x, b_.activation("exp", s));
        }
        if (step == 4) {  // residual
            int y = activation(b_.linear(x, between(2, 24), chance(0.5)));
            y = b_.linear(y, features(x), chance(0.5));
            return chance(0.7) ? b_.add(x, y) : b_.sub(y, x);
        }
        if (step == 5)  // gate
            return b_.mul(x, b_.activation("sigmoid", b_.linear(x, features(x), chance(0.5))));
        if (step == 6)
            return b_.cat(
                {b_.linear(x, between(1, 12), chance(0.5)), chance(0.5) ? x : activation(x)}, -1);
        if (step == 7 && features(x) >= 2) return splitAndMerge(x, lastAxis(x), false);
        if (step == 8 && shape(x).size() == 3) {  // token mixing over T
            x = b_.linear(b_.transpose(x, 1, 2), between(2, 8), chance(0.5));
            return activation(b_.transpose(x, 1, 2));
        }
        if (step == 9) return activation(x);
        x = b_.linear(x, between(2, 24), chance(0.7));
        if (chance(0.4)) x = b_.batchNorm(x);
        return chance(0.8) ? activation(x) : x;
    }

    Graph mlp() {
        const bool sequence = chance(0.3);
        int x = b_.input(
            "x", sequence ? Shape{1, between(2, 8), between(4, 16)} : Shape{1, between(4, 32)});
        if (chance(0.2)) x = b_.layerNorm(x, 1, chance(0.7));  // normalised features
        std::vector<int> hidden;
        for (int64_t i = 0, steps = between(1, 5); i < steps; ++i) {
            x = mlpStep(x);
            hidden.push_back(x);
        }
        if (shape(x).size() == 3 && chance(0.7))
            x = chance(0.5) ? b_.mean(x, {1}, false) : b_.flatten(x);
        b_.output(logProbabilities(b_.linear(x, between(1, 10), chance(0.8))));
        if (chance(0.25)) b_.output(b_.linear(oneOf(hidden), between(1, 4), true));
        return b_.build();
    }

    std::mt19937_64 rng_;
    GraphBuilder b_;
    bool mlp_ = false;
};

std::string attrText(const AttrValue& value) {
    std::ostringstream out;
    if (const auto* i = std::get_if<int64_t>(&value)) out << *i;
    if (const auto* d = std::get_if<double>(&value)) out << *d;
    if (const auto* l = std::get_if<std::vector<int64_t>>(&value)) out << toString(*l);
    if (const auto* s = std::get_if<std::string>(&value)) out << '"' << *s << '"';
    return out.str();
}

}  // namespace

Graph randomNetwork(uint64_t seed) {
    return Generator(seed).build();
}

std::string describeNetwork(const Graph& graph) {
    std::ostringstream out;
    for (const int x : graph.inputs())
        out << "input " << graph.tensor(x).name << " " << toString(graph.tensor(x).shape) << "\n";
    for (const Node& node : graph.nodes()) {
        out << node.name << " = " << node.op << "(";
        for (size_t i = 0; i < node.inputs.size(); ++i)
            out << (i ? ", " : "") << "t" << node.inputs[i]
                << toString(graph.tensor(node.inputs[i]).shape);
        out << ")";
        for (const auto& [key, value] : node.attrs.all())
            out << " " << key << "=" << attrText(value);
        for (const auto& [name, w] : node.params) out << " " << name << toString(w.shape);
        out << " ->";
        for (const int y : node.outputs) out << " t" << y << toString(graph.tensor(y).shape);
        out << "\n";
    }
    out << "outputs:";
    for (const int y : graph.outputs()) out << " t" << y;
    return out.str() + "\n";
}

}  // namespace secateur
