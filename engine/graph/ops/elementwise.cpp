// add, sub, mul and div of two broadcasting tensors, or add, sub and mul of a tensor and a scalar.
// Residual adds and gates (x * sigmoid(...)) tie the channels of their inputs together.
#include "engine/graph/channels.h"
#include "engine/graph/ops/op.h"
#include "engine/util/error.h"

namespace secateur {
namespace {

Shape broadcast(const Shape& a, const Shape& b) {
    Shape out(std::max(a.size(), b.size()), 1);
    for (size_t i = 0; i < out.size(); ++i) {
        const int64_t da = i < a.size() ? a[a.size() - 1 - i] : 1;
        const int64_t db = i < b.size() ? b[b.size() - 1 - i] : 1;
        if (da != db && da != 1 && db != 1)
            throw Error("shapes " + toString(a) + " and " + toString(b) + " do not broadcast");
        out[out.size() - 1 - i] = std::max(da, db);
    }
    return out;
}

class ElementwiseOp final : public OpDef {
public:
    LayerKind layerKind(const Node&) const override { return LayerKind::Elementwise; }
    explicit ElementwiseOp(char symbol) : symbol_(symbol) {}

    std::vector<Shape> inferShapes(const Node& node, const std::vector<Shape>& in) const override {
        if (in.size() == 1) {
            if (!node.attrs.has("scalar")) throw Error("needs a second input or a 'scalar'");
            if (symbol_ == '/') throw Error("divides by a tensor only");
            return {in[0]};
        }
        if (in.size() != 2) throw Error("expects 2 inputs, got " + std::to_string(in.size()));
        return {broadcast(in[0], in[1])};
    }

    TensorList forward(const Node& node, const TensorList& in, const ParamMap&,
                       bool) const override {
        if (in.size() == 1) {
            const double s = node.attrs.getDouble("scalar");
            const bool reverse = node.attrs.getInt("reverse", 0) != 0;
            switch (symbol_) {
                case '+':
                    return {in[0] + s};
                case '-':
                    return {reverse ? s - in[0] : in[0] - s};
                default:
                    return {in[0] * s};
            }
        }
        switch (symbol_) {
            case '+':
                return {in[0] + in[1]};
            case '-':
                return {in[0] - in[1]};
            case '/':
                // A removed channel is zero in both operands (they share channels): 0 / 1, not NaN.
                return {in[0] / in[1].masked_fill(in[1] == 0, 1.0)};
            default:
                return {in[0] * in[1]};
        }
    }

    void propagateChannels(const Node& node, ChannelAnalysis& analysis) const override {
        const Graph& graph = analysis.graph();
        const Shape& out = graph.tensor(node.outputs[0]).shape;
        const auto offset = [&](int x) {
            return static_cast<int>(out.size() - graph.tensor(x).shape.size());
        };
        std::vector<ChannelMap> full;  // input maps along a full-size axis, in output coordinates
        for (const int x : node.inputs) {
            ChannelMap map = analysis.map(x);
            if (map.axis < 0) continue;
            map.axis += offset(x);
            if (static_cast<int64_t>(map.atoms.size()) == out[static_cast<size_t>(map.axis)])
                full.push_back(map);
            else if (map.atoms.size() != 1)
                analysis.fixTensor(x);
        }
        if (full.empty()) {
            analysis.setMap(node.outputs[0], {});
            return;
        }
        // An input that spans the channel axis without tracking it there cannot be sliced.
        const int axis = full[0].axis;
        bool conflict = false;
        for (const int x : node.inputs) {
            const int local = axis - offset(x);
            const bool spans = local >= 0 &&
                               graph.tensor(x).shape[static_cast<size_t>(local)] ==
                                   out[static_cast<size_t>(axis)] &&
                               out[static_cast<size_t>(axis)] > 1;
            conflict = conflict || (spans && analysis.map(x).axis != local);
        }
        for (size_t i = 1; i < full.size(); ++i) analysis.uniteMaps(full[0], full[i]);
        if (conflict)
            for (const int x : node.inputs) analysis.fixTensor(x);
        analysis.setMap(node.outputs[0], full[0]);
    }

    // x * 0 is 0, but 0 + y is y: a sum keeps a channel at zero only when every input has it
    // (no broadcasting into it) and a scalar added is 0.
    bool preservesZero(const Node& node, const Graph& graph) const override {
        if (symbol_ == '*' || symbol_ == '/') return true;
        if (node.inputs.size() == 1) return node.attrs.getDouble("scalar") == 0.0;
        const Shape& out = graph.tensor(node.outputs[0]).shape;
        return std::all_of(node.inputs.begin(), node.inputs.end(),
                           [&](int x) { return graph.tensor(x).shape == out; });
    }

private:
    char symbol_;
};

}  // namespace

void registerElementwiseOps(OpRegistry& registry) {
    registry.add("add", std::make_shared<ElementwiseOp>('+'));
    registry.add("sub", std::make_shared<ElementwiseOp>('-'));
    registry.add("mul", std::make_shared<ElementwiseOp>('*'));
    registry.add("div", std::make_shared<ElementwiseOp>('/'));
}

}  // namespace secateur
