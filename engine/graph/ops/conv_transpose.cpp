// Transposed convolution, generic over 1-D and 2-D. The weight is [in, out / groups, k...]: its
// output channels are searched like a convolution's; grouped ones keep their channels.
#include "engine/graph/channels.h"
#include "engine/graph/ops/op.h"
#include "engine/graph/ops/op_attrs.h"
#include "engine/util/error.h"

namespace secateur {

TransposedGeometry transposedGeometry(const Node& node) {
    const auto it = node.params.find("weight");
    if (it == node.params.end()) throw Error("has no 'weight' parameter");
    const Shape& w = it->second.shape;
    if (w.size() != 3 && w.size() != 4)
        throw Error("weight " + toString(w) + " is neither 1-D nor 2-D");
    TransposedGeometry g;
    g.dims = w.size() - 2;
    g.kernel.assign(w.begin() + 2, w.end());
    g.stride = spatialAttr(node, "stride", g.dims, 1);
    g.padding = spatialAttr(node, "padding", g.dims, 0);
    g.outputPadding = spatialAttr(node, "output_padding", g.dims, 0);
    g.dilation = spatialAttr(node, "dilation", g.dims, 1);
    g.groups = node.attrs.getInt("groups", 1);
    g.inChannels = w[0];
    g.outChannels = w[1] * g.groups;
    return g;
}

namespace {

int64_t inputPositions(const Graph& graph, const Node& node) {
    const Shape& x = graph.tensor(node.inputs[0]).shape;
    int64_t positions = 1;
    for (size_t d = 2; d < x.size(); ++d) positions *= x[d];
    return positions;
}

class ConvTransposeOp final : public OpDef {
public:
    LayerKind layerKind(const Node&) const override { return LayerKind::TransposedConv; }
    std::vector<Shape> inferShapes(const Node& node, const std::vector<Shape>& in) const override {
        const Shape& x = onlyInput(in);
        const TransposedGeometry g = transposedGeometry(node);
        if (x.size() != g.dims + 2)
            throw Error("expects a " + std::to_string(g.dims + 2) + "-D input, got " + toString(x));
        if (x[1] != g.inChannels)
            throw Error("expects " + std::to_string(g.inChannels) + " input channels, got " +
                        std::to_string(x[1]));
        if (g.inChannels % g.groups != 0) throw Error("input channels not divisible by groups");
        if (const auto b = node.params.find("bias");
            b != node.params.end() && b->second.shape != Shape{g.outChannels})
            throw Error("bias shape " + toString(b->second.shape) + " does not match weight");
        Shape out{x[0], g.outChannels};
        for (size_t d = 0; d < g.dims; ++d) {
            const int64_t len = (x[2 + d] - 1) * g.stride[d] - 2 * g.padding[d] +
                                g.dilation[d] * (g.kernel[d] - 1) + g.outputPadding[d] + 1;
            if (len < 1) throw Error("input " + toString(x) + " gives an empty output");
            out.push_back(len);
        }
        return {out};
    }

    TensorList forward(const Node& node, const TensorList& in, const ParamMap& params,
                       bool) const override {
        const TransposedGeometry g = transposedGeometry(node);
        const auto b = params.find("bias");
        const torch::Tensor bias = b == params.end() ? torch::Tensor() : b->second;
        const torch::Tensor& w = params.at("weight");
        if (g.dims == 1)
            return {torch::conv_transpose1d(in[0], w, bias, g.stride, g.padding, g.outputPadding,
                                            g.groups, g.dilation)};
        return {torch::conv_transpose2d(in[0], w, bias, g.stride, g.padding, g.outputPadding,
                                        g.groups, g.dilation)};
    }

    void propagateChannels(const Node& node, ChannelAnalysis& analysis) const override {
        const int x = node.inputs[0], y = node.outputs[0];
        const bool grouped = transposedGeometry(node).groups > 1;
        if (analysis.map(x).axis != 1 || grouped) analysis.fixTensor(x);
        analysis.createAtoms(y, 1);
        if (grouped) analysis.fixTensor(y);
    }

    bool preservesZero(const Node&, const Graph&) const override { return false; }

    ChannelScaling channelScaling(const Node& node, const Graph&) const override {
        if (transposedGeometry(node).groups > 1) return {};
        ChannelScaling s{1, {{"weight", 1}}};
        if (node.params.count("bias")) s.params.emplace_back("bias", 0);
        return s;
    }

    NodeCosts costTerms(const Node& node, int, const Graph& graph) const override {
        const TransposedGeometry g = transposedGeometry(node);
        const CostFactor out{CostFactor::Kind::Channels, node.outputs[0], 1};
        const CostFactor in{CostFactor::Kind::Channels, node.inputs[0], 1};
        const double taps = static_cast<double>(numel(g.kernel));
        const double positions = static_cast<double>(inputPositions(graph, node));
        NodeCosts costs;
        if (g.groups == 1) {
            costs.params.push_back({taps, {in, out}, "weight"});
            costs.macs.push_back({taps * positions, {in, out}});
        } else {  // grouped: every channel is fixed
            const auto weights = static_cast<double>(node.params.at("weight").numel());
            costs.params.push_back({weights, {}, "weight"});
            costs.macs.push_back({weights * positions, {}});
        }
        if (node.params.count("bias")) costs.params.push_back({1.0, {out}, "bias"});
        return costs;
    }

    // Every input position scatters into the output through the whole weight.
    int64_t measureMacs(const Node& node, const Graph& graph) const override {
        return inputPositions(graph, node) * node.params.at("weight").numel();
    }

    void prune(Node& node, const PruneContext& ctx) const override {
        if (transposedGeometry(node).groups > 1) return;
        Weight& w = node.params.at("weight");
        if (ctx.axisIn[0] == 1) w = sliceWeight(w, 0, ctx.keptIn[0]);
        if (ctx.axisOut[0] == 1) {
            w = sliceWeight(w, 1, ctx.keptOut[0]);
            if (auto b = node.params.find("bias"); b != node.params.end())
                b->second = sliceWeight(b->second, 0, ctx.keptOut[0]);
        }
    }
};

}  // namespace

void registerConvTransposeOps(OpRegistry& registry) {
    registry.add("conv_transpose", std::make_shared<ConvTransposeOp>());
}

}  // namespace secateur
