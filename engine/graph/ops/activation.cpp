// Pointwise activations: one table of kinds, plus PReLU with its learned slope.
#include <functional>
#include <optional>

#include "engine/graph/channels.h"
#include "engine/graph/ops/op.h"
#include "engine/util/error.h"

namespace secateur {
namespace {

struct ActivationKind {
    std::function<torch::Tensor(const torch::Tensor&, const Attrs&)> apply;
    std::function<bool(const Attrs&)> zeroAtZero = [](const Attrs&) { return true; };  // f(0) == 0
};

class ActivationOp final : public OpDef {
public:
    LayerKind layerKind(const Node&) const override { return LayerKind::Elementwise; }
    explicit ActivationOp(ActivationKind kind) : kind_(std::move(kind)) {}
    OutputBuffer outputBuffer(const Node&) const override { return OutputBuffer::InPlace; }

    std::vector<Shape> inferShapes(const Node&, const std::vector<Shape>& in) const override {
        return {onlyInput(in)};
    }
    TensorList forward(const Node& node, const TensorList& in, const ParamMap&,
                       bool) const override {
        return {kind_.apply(in[0], node.attrs)};
    }
    bool preservesZero(const Node& node, const Graph&) const override {
        return kind_.zeroAtZero(node.attrs);
    }

private:
    ActivationKind kind_;
};

ActivationKind simple(torch::Tensor (*fn)(const torch::Tensor&), bool zeroAtZero = true) {
    return {[fn](const torch::Tensor& x, const Attrs&) { return fn(x); },
            [zeroAtZero](const Attrs&) { return zeroAtZero; }};
}

// Dropout at inference and nn.Identity: computes nothing, so it runs no code, needs no buffer and
// costs nothing; export leaves it out, as a written file holds no trace of it.
class IdentityOp final : public OpDef {
public:
    LayerKind layerKind(const Node&) const override { return LayerKind::Other; }
    OutputBuffer outputBuffer(const Node&) const override { return OutputBuffer::View; }
    std::vector<Shape> inferShapes(const Node&, const std::vector<Shape>& in) const override {
        return {onlyInput(in)};
    }
    TensorList forward(const Node&, const TensorList& in, const ParamMap&, bool) const override {
        return {in[0]};
    }
};

class PReluOp final : public OpDef {
public:
    LayerKind layerKind(const Node&) const override { return LayerKind::Elementwise; }
    OutputBuffer outputBuffer(const Node&) const override { return OutputBuffer::InPlace; }
    std::vector<Shape> inferShapes(const Node& node, const std::vector<Shape>& in) const override {
        const Shape& x = onlyInput(in);
        const Shape& w = node.params.at("weight").shape;
        if (w.size() != 1 || (w[0] != 1 && (x.size() < 2 || w[0] != x[1])))
            throw Error("slope " + toString(w) + " does not match input " + toString(x));
        return {x};
    }
    TensorList forward(const Node&, const TensorList& in, const ParamMap& params,
                       bool) const override {
        return {torch::prelu(in[0], params.at("weight"))};
    }
    void propagateChannels(const Node& node, ChannelAnalysis& analysis) const override {
        const int x = node.inputs[0];
        if (node.params.at("weight").shape[0] > 1 && analysis.map(x).axis != 1)
            analysis.fixTensor(x);
        analysis.setMap(node.outputs[0], analysis.map(x));
    }
    NodeCosts costTerms(const Node& node, int, const Graph&) const override {
        NodeCosts costs;
        if (node.params.at("weight").shape[0] > 1)
            costs.params.push_back(
                {1.0, {{CostFactor::Kind::Channels, node.outputs[0], 1}}, "weight"});
        else
            costs.params.push_back({1.0, {}, "weight"});
        return costs;
    }
    void prune(Node& node, const PruneContext& ctx) const override {
        Weight& w = node.params.at("weight");
        if (w.shape[0] > 1 && ctx.axisOut[0] == 1) w = sliceWeight(w, 0, ctx.keptOut[0]);
    }
};

}  // namespace

void registerActivationOps(OpRegistry& registry) {
    const auto add = [&](const std::string& name, ActivationKind kind) {
        registry.add(name, std::make_shared<ActivationOp>(std::move(kind)));
    };
    add("relu", simple(torch::relu));
    add("relu6",
        {[](const torch::Tensor& x, const Attrs&) { return torch::hardtanh(x, 0.0, 6.0); }});
    add("sigmoid", simple(torch::sigmoid, false));
    add("tanh", simple(torch::tanh));
    add("silu", simple(torch::silu));
    add("hardswish", simple(torch::hardswish));
    add("hardsigmoid", simple(torch::hardsigmoid, false));
    add("sqrt", simple(torch::sqrt));
    add("abs", simple(torch::abs));
    add("exp", simple(torch::exp, false));
    add("gelu", {[](const torch::Tensor& x, const Attrs& a) {
            torch::Tensor y = torch::gelu(x, a.getString("approximate", "none"));
            // LibTorch 1.13's CPU gelu backward misreads a non-contiguous gradient.
            if (y.requires_grad())
                y.register_hook([](const torch::Tensor& g) { return g.contiguous(); });
            return y;
        }});
    add("hardtanh",
        {[](const torch::Tensor& x, const Attrs& a) {
             return torch::hardtanh(x, a.getDouble("min_val", -1.0), a.getDouble("max_val", 1.0));
         },
         [](const Attrs& a) {
             return a.getDouble("min_val", -1.0) <= 0.0 && a.getDouble("max_val", 1.0) >= 0.0;
         }});
    add("leaky_relu", {[](const torch::Tensor& x, const Attrs& a) {
            return torch::leaky_relu(x, a.getDouble("negative_slope", 0.01));
        }});
    // clamp with either bound optional (attributes "min", "max").
    add("clamp", {[](const torch::Tensor& x, const Attrs& a) {
                      const auto bound = [&](const char* key) {
                          return a.has(key) ? c10::optional<c10::Scalar>(a.getDouble(key))
                                            : c10::nullopt;
                      };
                      return torch::clamp(x, bound("min"), bound("max"));
                  },
                  [](const Attrs& a) {
                      return a.getDouble("min", 0.0) <= 0.0 && a.getDouble("max", 0.0) >= 0.0;
                  }});
    registry.add("identity", std::make_shared<IdentityOp>());
    registry.add("prelu", std::make_shared<PReluOp>());
}

}  // namespace secateur
