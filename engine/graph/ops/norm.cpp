// Normalisations: batch norm (its trained statistics kept through export), instance norm (per
// sample and channel), group norm (channels tied in groups: a group is kept or removed whole) and
// layer norm (over the last dimensions; normalising over the channels fixes them).
#include "engine/graph/channels.h"
#include "engine/graph/ops/op.h"
#include "engine/util/error.h"

namespace secateur {
namespace {

class BatchNormOp final : public OpDef {
public:
    LayerKind layerKind(const Node&) const override { return LayerKind::Normalization; }
    OutputBuffer outputBuffer(const Node&) const override { return OutputBuffer::InPlace; }
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
        for (const auto& entry : node.params)
            costs.params.push_back({1.0, {channels}, entry.first});
        return costs;
    }

    void prune(Node& node, const PruneContext& ctx) const override {
        if (ctx.axisOut[0] != 1) return;
        for (auto* group : {&node.params, &node.buffers})
            for (auto& entry : *group) entry.second = sliceWeight(entry.second, 0, ctx.keptOut[0]);
    }
};

// Optional affine parameters as the op's forward takes them.
torch::Tensor optional(const ParamMap& params, const char* key) {
    const auto it = params.find(key);
    return it == params.end() ? torch::Tensor() : it->second;
}

void checkAffine(const Node& node, const Shape& expected) {
    for (const auto& [name, w] : node.params)
        if (w.shape != expected)
            throw Error(name + " " + toString(w.shape) + " does not match " + toString(expected));
}

NodeCosts perChannelParams(const Node& node) {
    NodeCosts costs;
    const CostFactor channels{CostFactor::Kind::Channels, node.outputs[0], 1};
    for (const auto& entry : node.params) costs.params.push_back({1.0, {channels}, entry.first});
    return costs;
}

void sliceAffine(Node& node, const PruneContext& ctx) {
    if (ctx.axisOut[0] != 1) return;
    for (auto& entry : node.params) entry.second = sliceWeight(entry.second, 0, ctx.keptOut[0]);
}

OpDef::ChannelScaling affineScaling(const Node& node) {
    if (!node.params.count("weight") || !node.params.count("bias")) return {};
    return {1, {{"weight", 0}, {"bias", 0}}};
}

// A normalisation with optional per-channel affine parameters along axis 1: they scale the output
// channels, and without a bias a zero channel stays zero.
class PerChannelNorm : public OpDef {
public:
    LayerKind layerKind(const Node&) const override { return LayerKind::Normalization; }
    bool preservesZero(const Node& node, const Graph&) const override {
        return node.params.count("bias") == 0;
    }
    ChannelScaling channelScaling(const Node& node, const Graph&) const override {
        return affineScaling(node);
    }
    NodeCosts costTerms(const Node& node, int, const Graph&) const override {
        return perChannelParams(node);
    }
};

// Statistics per sample and channel over the spatial dimensions; channels stay independent.
class InstanceNormOp final : public PerChannelNorm {
public:
    std::vector<Shape> inferShapes(const Node& node, const std::vector<Shape>& in) const override {
        const Shape& x = onlyInput(in);
        if (x.size() < 3) throw Error("expects a feature map [N, C, ...], got " + toString(x));
        checkAffine(node, {x[1]});
        return {x};
    }
    TensorList forward(const Node& node, const TensorList& in, const ParamMap& params,
                       bool) const override {
        return {torch::instance_norm(in[0], optional(params, "weight"), optional(params, "bias"),
                                     {}, {}, true, 0.1, node.attrs.getDouble("eps", 1e-5), false)};
    }
    void propagateChannels(const Node& node, ChannelAnalysis& analysis) const override {
        const int x = node.inputs[0];
        if (analysis.map(x).axis != 1) analysis.fixTensor(x);
        analysis.setMap(node.outputs[0], analysis.map(x));
    }
    void prune(Node& node, const PruneContext& ctx) const override { sliceAffine(node, ctx); }
};

// Statistics per sample over each group of channels/groups consecutive channels.
class GroupNormOp final : public PerChannelNorm {
public:
    std::vector<Shape> inferShapes(const Node& node, const std::vector<Shape>& in) const override {
        const Shape& x = onlyInput(in);
        if (x.size() < 2) throw Error("expects at least 2-D input, got " + toString(x));
        const int64_t groups = node.attrs.getInt("groups");
        if (groups < 1 || x[1] % groups != 0)
            throw Error(std::to_string(x[1]) + " channels do not divide into " +
                        std::to_string(groups) + " groups");
        checkAffine(node, {x[1]});
        return {x};
    }
    TensorList forward(const Node& node, const TensorList& in, const ParamMap& params,
                       bool) const override {
        return {torch::group_norm(in[0], node.attrs.getInt("groups"), optional(params, "weight"),
                                  optional(params, "bias"), node.attrs.getDouble("eps", 1e-5),
                                  false)};
    }
    // The channels of one group are one logical channel: removing part of a group would change
    // the statistics of the rest.
    void propagateChannels(const Node& node, ChannelAnalysis& analysis) const override {
        const int x = node.inputs[0];
        const ChannelMap& map = analysis.map(x);
        if (map.axis != 1) {
            analysis.fixTensor(x);
        } else {
            const auto size = map.atoms.size() / static_cast<size_t>(node.attrs.getInt("groups"));
            for (size_t i = 0; i < map.atoms.size(); ++i)
                analysis.unite(map.atoms[i - i % size], map.atoms[i]);
        }
        analysis.setMap(node.outputs[0], analysis.map(x));
    }
    void prune(Node& node, const PruneContext& ctx) const override {
        if (ctx.axisOut[0] != 1) return;
        const int64_t size = ctx.oldInputShapes[0][1] / node.attrs.getInt("groups");
        node.attrs.set("groups", static_cast<int64_t>(ctx.keptOut[0].size()) / size);
        sliceAffine(node, ctx);
    }
};

// Over the last len(normalized_shape) dimensions, with affine parameters of that shape.
class LayerNormOp final : public OpDef {
public:
    LayerKind layerKind(const Node&) const override { return LayerKind::Normalization; }
    static size_t firstNormalised(const Node& node, size_t rank) {
        const size_t count = node.attrs.getInts("normalized_shape").size();
        if (count == 0 || count >= rank) throw Error("normalized_shape must leave the batch out");
        return rank - count;
    }
    std::vector<Shape> inferShapes(const Node& node, const std::vector<Shape>& in) const override {
        const Shape& x = onlyInput(in);
        const Shape& normalised = node.attrs.getInts("normalized_shape");
        const size_t first = firstNormalised(node, x.size());
        if (!std::equal(normalised.begin(), normalised.end(),
                        x.begin() + static_cast<std::ptrdiff_t>(first)))
            throw Error("normalized_shape " + toString(normalised) + " does not end " +
                        toString(x));
        checkAffine(node, normalised);
        return {x};
    }
    TensorList forward(const Node& node, const TensorList& in, const ParamMap& params,
                       bool) const override {
        return {torch::layer_norm(in[0], node.attrs.getInts("normalized_shape"),
                                  optional(params, "weight"), optional(params, "bias"),
                                  node.attrs.getDouble("eps", 1e-5))};
    }
    void propagateChannels(const Node& node, ChannelAnalysis& analysis) const override {
        const int x = node.inputs[0];
        const ChannelMap& map = analysis.map(x);
        const size_t first = firstNormalised(node, analysis.graph().tensor(x).shape.size());
        if (map.axis >= 0 && static_cast<size_t>(map.axis) >= first) analysis.fixTensor(x);
        analysis.setMap(node.outputs[0], map);
    }
    bool preservesZero(const Node& node, const Graph&) const override {
        return node.params.count("bias") == 0;
    }
    NodeCosts costTerms(const Node& node, int, const Graph&) const override {
        NodeCosts costs;
        for (const auto& entry : node.params)
            costs.params.push_back({static_cast<double>(entry.second.numel()), {}, entry.first});
        return costs;
    }
};

}  // namespace

void registerNormOps(OpRegistry& registry) {
    registry.add("batch_norm", std::make_shared<BatchNormOp>());
    registry.add("instance_norm", std::make_shared<InstanceNormOp>());
    registry.add("group_norm", std::make_shared<GroupNormOp>());
    registry.add("layer_norm", std::make_shared<LayerNormOp>());
}

}  // namespace secateur
