// Batch normalisation over axis 1, with its trained statistics kept through export.
#include "engine/graph/channels.h"
#include "engine/graph/error.h"
#include "engine/graph/ops/op.h"

namespace secateur {
namespace {

class BatchNormOp final : public OpDef {
public:
    std::vector<Shape> inferShapes(const Node& node, const std::vector<Shape>& in) const override {
        const Shape& x = onlyInput(in);
        if (x.size() < 2) throw Error("expects at least 2-D input, got " + toString(x));
        for (const auto* group : {&node.params, &node.buffers})
            for (const auto& [name, w] : *group)
                if (w.shape != Shape{x[1]})
                    throw Error(name + " " + toString(w.shape) + " does not match " +
                                std::to_string(x[1]) + " channels");
        if (!node.buffers.count("running_mean") || !node.buffers.count("running_var"))
            throw Error("needs running_mean and running_var buffers");
        return {x};
    }

    TensorList forward(const Node& node, const TensorList& in, const ParamMap& params,
                       bool training) const override {
        const auto opt = [&](const char* key) {
            const auto it = params.find(key);
            return it == params.end() ? torch::Tensor() : it->second;
        };
        return {torch::batch_norm(in[0], opt("weight"), opt("bias"), params.at("running_mean"),
                                  params.at("running_var"), training,
                                  node.attrs.getDouble("momentum", 0.1),
                                  node.attrs.getDouble("eps", 1e-5), false)};
    }

    void propagateChannels(const Node& node, ChannelAnalysis& analysis) const override {
        const int x = node.inputs[0];
        if (analysis.map(x).axis != 1) analysis.fixTensor(x);
        analysis.setMap(node.outputs[0], analysis.map(x));
    }

    bool preservesZero(const Node&, const Graph&) const override { return false; }

    // gamma * m and beta * m mask the output; without both, the output itself is masked.
    ChannelScaling channelScaling(const Node& node, const Graph&) const override {
        if (!node.params.count("weight") || !node.params.count("bias")) return {};
        return {1, {{"weight", 0}, {"bias", 0}}};
    }

    NodeCosts costTerms(const Node& node, int, const Graph&) const override {
        NodeCosts costs;
        const CostFactor channels{CostFactor::Kind::Channels, node.outputs[0], 1};
        for (size_t i = 0; i < node.params.size(); ++i) costs.params.push_back({1.0, {channels}});
        return costs;
    }

    void prune(Node& node, const PruneContext& ctx) const override {
        if (ctx.axisOut[0] != 1) return;
        for (auto* group : {&node.params, &node.buffers})
            for (auto& entry : *group) entry.second = sliceWeight(entry.second, 0, ctx.keptOut[0]);
    }

    std::string emit(const Node& node, const EmitContext& names) const override {
        const auto opt = [&](const char* key) {
            const auto it = names.param.find(key);
            return it == names.param.end() ? std::string("None") : it->second;
        };
        return names.out[0] + " = torch.batch_norm(" + names.in[0] + ", " + opt("weight") + ", " +
               opt("bias") + ", " + opt("running_mean") + ", " + opt("running_var") +
               ", False, 0.1, " + formatDouble(node.attrs.getDouble("eps", 1e-5)) + ", False)\n";
    }
};

}  // namespace

void registerNormOps(OpRegistry& registry) {
    registry.add("batch_norm", std::make_shared<BatchNormOp>());
}

}  // namespace secateur
