#include "tests/engine/random_network.h"

#include <optional>
#include <sstream>

#include "tests/engine/random_network_generator.h"

namespace secateur {
namespace random_net {

int Generator::conv(int x, int64_t outChannels, bool keepLength, int64_t stride) {
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

int Generator::norm(int x) {
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

std::vector<int64_t> Generator::spatialPadding(int x, const std::string& mode) {
    std::vector<int64_t> pads;
    for (size_t d = shape(x).size(); d-- > 2;) {
        const int64_t most = mode == "reflect" ? std::min<int64_t>(2, shape(x)[d] - 1) : 2;
        pads.push_back(between(0, most));
        pads.push_back(between(0, most));
    }
    if (std::all_of(pads.begin(), pads.end(), [](int64_t p) { return p == 0; })) pads[1] = 1;
    return pads;
}

int Generator::residual(int x) {
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

int Generator::branch(int x) {
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

int Generator::candidate(int x) {
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

int Generator::mixedBlock(int x, bool convCandidates) {
    std::vector<int> parts;
    for (int64_t i = 0, n = chance(0.3) ? 3 : 2; i < n; ++i)
        parts.push_back(convCandidates ? candidate(x) : mlpCandidate(x));
    const auto rank = static_cast<int64_t>(shape(x).size());
    const int64_t dim = chance(0.75) ? 1 : between(2, rank);
    const int stacked = b_.stack(parts, dim);
    return b_.reduce(chance(0.5) ? "mean" : "sum", stacked, {dim}, false);
}

int Generator::padThen(int x) {
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

int Generator::upsampleConv(int x) {
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

int Generator::transposedBlock(int x) {
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

int Generator::channelsLastNorm(int x) {
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

int Generator::oddity(int x) {
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

int Generator::splitAndMerge(int x, int64_t axis, bool convPieces) {
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

int Generator::pool(int x) {
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

int Generator::convStep(int x) {
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

int Generator::convHead(int x, bool dense) {
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
            x = chance(0.85) ? b_.amax(x, spatialAxes(x), keep) : b_.amin(x, spatialAxes(x), keep);
            return b_.linear(keep ? b_.flatten(x) : x, classes, chance(0.8));
        }
        case 4: {  // statistics pooling: mean and standard deviation (or variance)
            if (spatialSize(x) < 2) return b_.linear(b_.mean(x, spatialAxes(x), false), classes);
            const int spread = chance(0.8) ? b_.stdDev(x, spatialAxes(x), false, between(0, 1))
                                           : b_.variance(x, spatialAxes(x), false, 1);
            return b_.linear(b_.cat({b_.mean(x, spatialAxes(x), false), spread}, 1), classes,
                             chance(0.8));
        }
        case 5:  // max and average pooling side by side
            return b_.linear(
                b_.cat({b_.amax(x, spatialAxes(x), false), b_.mean(x, spatialAxes(x), false)}, 1),
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

Graph Generator::convNet(size_t dims) {
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

}  // namespace random_net

namespace {

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
    return random_net::Generator(seed).build();
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
