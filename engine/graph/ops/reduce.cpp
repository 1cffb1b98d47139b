// mean and sum over axes, and softmax. Averaging over the channel axis would change with every
// removed channel, so it fixes the channels; summing over it does not.
#include "engine/graph/channels.h"
#include "engine/graph/error.h"
#include "engine/graph/ops/op.h"

namespace secateur {
namespace {

std::vector<int64_t> reducedDims(const Node& node, size_t rank) {
    std::vector<int64_t> dims = node.attrs.getInts("dims");
    for (int64_t& d : dims) d = normaliseDim(d, static_cast<int64_t>(rank));
    std::sort(dims.begin(), dims.end());
    return dims;
}

class ReduceOp final : public OpDef {
public:
    explicit ReduceOp(bool isMean) : isMean_(isMean) {}

    std::vector<Shape> inferShapes(const Node& node, const std::vector<Shape>& in) const override {
        const Shape& x = onlyInput(in);
        const std::vector<int64_t> dims = reducedDims(node, x.size());
        if (!dims.empty() && dims.front() == 0)
            throw Error("reducing over the batch is not supported");
        const bool keep = node.attrs.getInt("keepdim", 0) != 0;
        Shape out;
        for (size_t i = 0; i < x.size(); ++i) {
            const bool reduced =
                std::binary_search(dims.begin(), dims.end(), static_cast<int64_t>(i));
            if (!reduced)
                out.push_back(x[i]);
            else if (keep)
                out.push_back(1);
        }
        return {out};
    }
    TensorList forward(const Node& node, const TensorList& in, const ParamMap&,
                       bool) const override {
        const auto dims = reducedDims(node, static_cast<size_t>(in[0].dim()));
        const bool keep = node.attrs.getInt("keepdim", 0) != 0;
        return {isMean_ ? in[0].mean(dims, keep) : in[0].sum(dims, keep)};
    }
    void propagateChannels(const Node& node, ChannelAnalysis& analysis) const override {
        ChannelMap map = analysis.map(node.inputs[0]);
        const auto dims = reducedDims(node, analysis.graph().tensor(node.inputs[0]).shape.size());
        if (map.axis >= 0 && std::binary_search(dims.begin(), dims.end(), map.axis)) {
            if (isMean_) analysis.fixTensor(node.inputs[0]);
            analysis.setMap(node.outputs[0], {});
            return;
        }
        if (map.axis >= 0 && node.attrs.getInt("keepdim", 0) == 0)
            map.axis -= static_cast<int>(std::lower_bound(dims.begin(), dims.end(), map.axis) -
                                         dims.begin());
        analysis.setMap(node.outputs[0], map);
    }
    std::string emit(const Node& node, const EmitContext& names) const override {
        return names.out[0] + " = torch." + (isMean_ ? "mean" : "sum") + "(" + names.in[0] + ", " +
               joinInts(reducedDims(node, names.inShapes[0].size())) + ", " +
               (node.attrs.getInt("keepdim", 0) ? "True" : "False") + ")\n";
    }

private:
    bool isMean_;
};

class SoftmaxOp final : public OpDef {
public:
    std::vector<Shape> inferShapes(const Node& node, const std::vector<Shape>& in) const override {
        normaliseDim(node.attrs.getInt("dim"), static_cast<int64_t>(onlyInput(in).size()));
        return {in[0]};
    }
    TensorList forward(const Node& node, const TensorList& in, const ParamMap&,
                       bool) const override {
        return {torch::softmax(in[0], node.attrs.getInt("dim"))};
    }
    void propagateChannels(const Node& node, ChannelAnalysis& analysis) const override {
        const ChannelMap& map = analysis.map(node.inputs[0]);
        const int64_t d = normaliseDim(
            node.attrs.getInt("dim"),
            static_cast<int64_t>(analysis.graph().tensor(node.inputs[0]).shape.size()));
        if (map.axis == d) analysis.fixTensor(node.inputs[0]);
        analysis.setMap(node.outputs[0], analysis.map(node.inputs[0]));
    }
    bool preservesZero(const Node&, const Graph&) const override { return false; }
    std::string emit(const Node& node, const EmitContext& names) const override {
        return names.out[0] + " = torch.softmax(" + names.in[0] + ", " +
               std::to_string(node.attrs.getInt("dim")) + ")\n";
    }
};

}  // namespace

void registerReduceOps(OpRegistry& registry) {
    registry.add("mean", std::make_shared<ReduceOp>(true));
    registry.add("sum", std::make_shared<ReduceOp>(false));
    registry.add("softmax", std::make_shared<SoftmaxOp>());
}

}  // namespace secateur
