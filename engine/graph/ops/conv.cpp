// Convolution, generic over 1-D and 2-D. Padding is stored per side so that shrunk kernels keep
// every output position where it was (negative padding crops).
#include "engine/graph/channels.h"
#include "engine/graph/ops/op.h"
#include "engine/graph/ops/op_attrs.h"
#include "engine/util/error.h"

namespace secateur {

ConvGeometry convGeometry(const Node& node) {
    const auto it = node.params.find("weight");
    if (it == node.params.end()) throw Error("has no 'weight' parameter");
    const Shape& w = it->second.shape;
    if (w.size() != 3 && w.size() != 4)
        throw Error("weight " + toString(w) + " is neither 1-D nor 2-D");
    ConvGeometry g;
    g.dims = w.size() - 2;
    g.kernel.assign(w.begin() + 2, w.end());
    g.stride = spatialAttr(node, "stride", g.dims, 1);
    g.dilation = spatialAttr(node, "dilation", g.dims, 1);
    g.padBegin = spatialAttr(node, "padding_begin", g.dims, 0);
    g.padEnd = spatialAttr(node, "padding_end", g.dims, 0);
    g.groups = node.attrs.getInt("groups", 1);
    g.outChannels = w[0];
    g.inPerGroup = w[1];
    return g;
}

bool symmetricPadding(const ConvGeometry& g) {
    for (size_t d = 0; d < g.dims; ++d)
        if (g.padBegin[d] != g.padEnd[d] || g.padBegin[d] < 0) return false;
    return true;
}

std::vector<int64_t> convPadList(const ConvGeometry& g, bool positiveOnly) {
    std::vector<int64_t> pads;
    for (size_t d = g.dims; d-- > 0;) {
        pads.push_back(positiveOnly ? std::max<int64_t>(g.padBegin[d], 0) : g.padBegin[d]);
        pads.push_back(positiveOnly ? std::max<int64_t>(g.padEnd[d], 0) : g.padEnd[d]);
    }
    return pads;
}

bool cropsBeyondInput(const ConvGeometry& g, const Shape& x) {
    for (size_t d = 0; d < g.dims; ++d)
        if (-g.padBegin[d] > x[2 + d] || -g.padEnd[d] > x[2 + d]) return true;
    return false;
}

namespace {

bool isDepthwise(const ConvGeometry& g) {
    return g.groups > 1 && g.inPerGroup == 1 && g.outChannels == g.groups;
}

torch::Tensor pad(torch::Tensor x, const ConvGeometry& g) {
    if (!cropsBeyondInput(g, x.sizes().vec()))
        return torch::constant_pad_nd(x, convPadList(g, false), 0.0);
    x = torch::constant_pad_nd(x, convPadList(g, true), 0.0);
    for (size_t d = 0; d < g.dims; ++d) {
        const auto dim = static_cast<int64_t>(2 + d);
        const int64_t begin = std::max<int64_t>(-g.padBegin[d], 0);
        x = x.slice(dim, begin, x.size(dim) - std::max<int64_t>(-g.padEnd[d], 0));
    }
    return x;
}

class ConvOp final : public OpDef {
public:
    LayerKind layerKind(const Node& node) const override { return convLayerKind(node); }
    std::vector<Shape> inferShapes(const Node& node, const std::vector<Shape>& in) const override {
        const Shape& x = onlyInput(in);
        const ConvGeometry g = convGeometry(node);
        if (x.size() != g.dims + 2)
            throw Error("expects a " + std::to_string(g.dims + 2) + "-D input, got " + toString(x));
        if (x[1] != g.inPerGroup * g.groups)
            throw Error("expects " + std::to_string(g.inPerGroup * g.groups) +
                        " input channels, got " + std::to_string(x[1]));
        if (g.outChannels % g.groups != 0) throw Error("output channels not divisible by groups");
        if (const auto b = node.params.find("bias");
            b != node.params.end() && b->second.shape != Shape{g.outChannels})
            throw Error("bias shape " + toString(b->second.shape) + " does not match weight");
        Shape out{x[0], g.outChannels};
        for (size_t d = 0; d < g.dims; ++d) {
            const int64_t len = windowOutput(x[2 + d], g.padBegin[d] + g.padEnd[d], g.kernel[d],
                                             g.stride[d], g.dilation[d], false, g.padBegin[d]);
            if (len < 1) throw Error("input " + toString(x) + " is too small for the kernel");
            out.push_back(len);
        }
        return {out};
    }

    TensorList forward(const Node& node, const TensorList& in, const ParamMap& params,
                       bool) const override {
        const ConvGeometry g = convGeometry(node);
        const torch::Tensor& w = params.at("weight");
        const auto b = params.find("bias");
        const torch::Tensor bias = b == params.end() ? torch::Tensor() : b->second;
        // LibTorch 1.13's oneDNN backward of a strided 1x1 conv on a channels-last input with few
        // channels corrupts the heap (a layer norm between permutes gives such inputs).
        torch::Tensor x = in[0].contiguous();
        std::vector<int64_t> padding(g.dims, 0);
        if (symmetricPadding(g))
            padding = g.padBegin;
        else
            x = pad(x, g);
        if (g.dims == 1)
            return {torch::conv1d(x, w, bias, g.stride, padding, g.dilation, g.groups)};
        return {torch::conv2d(x, w, bias, g.stride, padding, g.dilation, g.groups)};
    }

    void propagateChannels(const Node& node, ChannelAnalysis& analysis) const override {
        const ConvGeometry g = convGeometry(node);
        const int x = node.inputs[0];
        const int y = node.outputs[0];
        const ChannelMap& in = analysis.map(x);
        if (isDepthwise(g) && in.axis == 1) {
            analysis.setMap(y, in);
            return;
        }
        if (in.axis != 1 || g.groups > 1) analysis.fixTensor(x);
        analysis.createAtoms(y, 1);
        if (g.groups > 1) analysis.fixTensor(y);
    }

    bool preservesZero(const Node& node, const Graph&) const override {
        return isDepthwise(convGeometry(node)) && node.params.count("bias") == 0;
    }

    ChannelScaling channelScaling(const Node& node, const Graph&) const override {
        ChannelScaling s{1, {{"weight", 0}}};
        if (node.params.count("bias")) s.params.emplace_back("bias", 0);
        return s;
    }

    NodeCosts costTerms(const Node& node, int index, const Graph& graph) const override {
        const ConvGeometry g = convGeometry(node);
        const CostFactor out{CostFactor::Kind::Channels, node.outputs[0], 1};
        const CostFactor in{CostFactor::Kind::Channels, node.inputs[0], 1};
        const CostFactor taps{CostFactor::Kind::Taps, index, 0};
        // Depthwise: one input channel per output channel whatever is kept; grouped: fixed.
        const bool perGroupInput = g.groups == 1;
        const double inCoef = perGroupInput ? 1.0 : static_cast<double>(g.inPerGroup);
        std::vector<CostFactor> weightFactors{out, taps};
        if (perGroupInput) weightFactors.push_back(in);
        NodeCosts costs;
        costs.params.push_back({inCoef, weightFactors, "weight"});
        if (node.params.count("bias")) costs.params.push_back({1.0, {out}, "bias"});
        const Shape& y = graph.tensor(node.outputs[0]).shape;
        double positions = 1.0;
        for (size_t d = 2; d < y.size(); ++d) positions *= static_cast<double>(y[d]);
        costs.macs.push_back({positions * inCoef, weightFactors});
        return costs;
    }

    int64_t measureMacs(const Node& node, const Graph& graph) const override {
        const Shape& y = graph.tensor(node.outputs[0]).shape;
        const Shape& w = node.params.at("weight").shape;
        int64_t positions = 1;
        for (size_t d = 2; d < y.size(); ++d) positions *= y[d];
        return positions * numel(w);
    }

    void prune(Node& node, const PruneContext& ctx) const override {
        const ConvGeometry g = convGeometry(node);
        Weight& w = node.params.at("weight");
        w = sliceWeight(w, 0, ctx.keptOut[0]);
        if (auto b = node.params.find("bias"); b != node.params.end())
            b->second = sliceWeight(b->second, 0, ctx.keptOut[0]);
        if (isDepthwise(g)) {
            const auto kept = static_cast<int64_t>(ctx.keptOut[0].size());
            node.attrs.set("groups", kept);
            if (kept == 1) node.attrs.set("depthwise", int64_t{1});  // see layerKind
        } else if (g.groups == 1 && ctx.axisIn[0] == 1)
            w = sliceWeight(w, 1, ctx.keptIn[0]);
        if (ctx.keptTaps.empty()) return;
        std::vector<int64_t> dilation = g.dilation, padBegin = g.padBegin, padEnd = g.padEnd;
        for (size_t d = 0; d < g.dims; ++d) {
            const std::vector<int64_t>& taps = ctx.keptTaps[d];
            w = sliceWeight(w, static_cast<int64_t>(2 + d), taps);
            const int64_t step = taps.size() > 1 ? taps[1] - taps[0] : 1;
            padBegin[d] -= taps.front() * g.dilation[d];
            padEnd[d] -= (g.kernel[d] - 1 - taps.back()) * g.dilation[d];
            dilation[d] = taps.size() > 1 ? g.dilation[d] * step : 1;
        }
        node.attrs.set("dilation", dilation);
        node.attrs.set("padding_begin", padBegin);
        node.attrs.set("padding_end", padEnd);
    }
};

}  // namespace

void registerConvOps(OpRegistry& registry) {
    registry.add("conv", std::make_shared<ConvOp>());
}

}  // namespace secateur
