// Fully connected layer over the last axis.
#include "engine/graph/channels.h"
#include "engine/graph/ops/op.h"
#include "engine/util/error.h"

namespace secateur {
namespace {

class LinearOp final : public OpDef {
public:
    LayerKind layerKind(const Node&) const override { return LayerKind::Linear; }
    std::vector<Shape> inferShapes(const Node& node, const std::vector<Shape>& in) const override {
        const Shape& x = onlyInput(in);
        const Shape& w = node.params.at("weight").shape;
        if (w.size() != 2) throw Error("weight " + toString(w) + " is not a matrix");
        if (x.size() < 2 || x.back() != w[1])
            throw Error("expects " + std::to_string(w[1]) + " features in the last axis, got " +
                        toString(x));
        Shape out = x;
        out.back() = w[0];
        return {out};
    }

    TensorList forward(const Node&, const TensorList& in, const ParamMap& params,
                       bool) const override {
        const auto b = params.find("bias");
        return {torch::linear(in[0], params.at("weight"),
                              b == params.end() ? torch::Tensor() : b->second)};
    }

    void propagateChannels(const Node& node, ChannelAnalysis& analysis) const override {
        const int x = node.inputs[0];
        const int last = static_cast<int>(analysis.graph().tensor(x).shape.size()) - 1;
        if (analysis.map(x).axis != last) analysis.fixTensor(x);
        analysis.createAtoms(node.outputs[0], last);
    }

    bool preservesZero(const Node&, const Graph&) const override { return false; }

    ChannelScaling channelScaling(const Node& node, const Graph& graph) const override {
        ChannelScaling s{static_cast<int>(graph.tensor(node.outputs[0]).shape.size()) - 1,
                         {{"weight", 0}}};
        if (node.params.count("bias")) s.params.emplace_back("bias", 0);
        return s;
    }

    NodeCosts costTerms(const Node& node, int, const Graph& graph) const override {
        const Shape& y = graph.tensor(node.outputs[0]).shape;
        const int last = static_cast<int>(y.size()) - 1;
        const CostFactor out{CostFactor::Kind::Channels, node.outputs[0], last};
        const CostFactor in{CostFactor::Kind::Channels, node.inputs[0], last};
        double rows = 1.0;
        for (int d = 1; d < last; ++d) rows *= static_cast<double>(y[static_cast<size_t>(d)]);
        NodeCosts costs;
        costs.params.push_back({1.0, {out, in}, "weight"});
        if (node.params.count("bias")) costs.params.push_back({1.0, {out}, "bias"});
        costs.macs.push_back({rows, {out, in}});
        return costs;
    }

    int64_t measureMacs(const Node& node, const Graph& graph) const override {
        const Shape& y = graph.tensor(node.outputs[0]).shape;
        return numel(y) / y[0] * node.params.at("weight").shape[1];
    }

    void prune(Node& node, const PruneContext& ctx) const override {
        Weight& w = node.params.at("weight");
        w = sliceWeight(w, 0, ctx.keptOut[0]);
        if (ctx.axisIn[0] == static_cast<int>(ctx.oldInputShapes[0].size()) - 1)
            w = sliceWeight(w, 1, ctx.keptIn[0]);
        if (auto b = node.params.find("bias"); b != node.params.end())
            b->second = sliceWeight(b->second, 0, ctx.keptOut[0]);
    }
};

}  // namespace

void registerLinearOps(OpRegistry& registry) {
    registry.add("linear", std::make_shared<LinearOp>());
}

}  // namespace secateur
