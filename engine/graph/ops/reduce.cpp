// Reductions over axes (mean, sum, amax, amin, std, var), softmax and log-softmax.
#include "engine/graph/channels.h"
#include "engine/graph/ops/op.h"
#include "engine/graph/ops/op_attrs.h"
#include "engine/util/error.h"

namespace secateur {

std::vector<int64_t> reducedDims(const Node& node, size_t rank) {
    std::vector<int64_t> dims = node.attrs.getInts("dims");
    for (int64_t& d : dims) d = normaliseDim(d, static_cast<int64_t>(rank));
    std::sort(dims.begin(), dims.end());
    return dims;
}

namespace {

// How a reduction treats the channel axis: a sum ignores removed (zero) channels; every other
// statistic would change with each removed channel, so reducing over channels fixes them.
enum class Reduction { Mean, Sum, Amax, Amin, Std, Var };

struct ReductionInfo {
    const char* name;
    Reduction kind;
};
constexpr ReductionInfo kReductions[] = {{"mean", Reduction::Mean}, {"sum", Reduction::Sum},
                                         {"amax", Reduction::Amax}, {"amin", Reduction::Amin},
                                         {"std", Reduction::Std},   {"var", Reduction::Var}};

class ReduceOp final : public OpDef {
public:
    LayerKind layerKind(const Node&) const override { return LayerKind::Other; }
    explicit ReduceOp(ReductionInfo info) : info_(info) {}

    std::vector<Shape> inferShapes(const Node& node, const std::vector<Shape>& in) const override {
        const Shape& x = onlyInput(in);
        const std::vector<int64_t> dims = reducedDims(node, x.size());
        if (!dims.empty() && dims.front() == 0)
            throw Error("reducing over the batch is not supported");
        if (dims.empty()) throw Error("needs the dimensions to reduce");
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
        const int64_t correction = node.attrs.getInt("correction", 1);
        switch (info_.kind) {
            case Reduction::Mean:
                return {in[0].mean(dims, keep)};
            case Reduction::Sum:
                return {in[0].sum(dims, keep)};
            case Reduction::Amax:
                return {in[0].amax(dims, keep)};
            case Reduction::Amin:
                return {in[0].amin(dims, keep)};
            case Reduction::Std:
                return {torch::std(in[0], dims, correction, keep)};
            case Reduction::Var:
                return {torch::var(in[0], dims, correction, keep)};
        }
        return {};
    }
    void propagateChannels(const Node& node, ChannelAnalysis& analysis) const override {
        ChannelMap map = analysis.map(node.inputs[0]);
        const auto dims = reducedDims(node, analysis.graph().tensor(node.inputs[0]).shape.size());
        if (map.axis >= 0 && std::binary_search(dims.begin(), dims.end(), map.axis)) {
            if (info_.kind != Reduction::Sum) analysis.fixTensor(node.inputs[0]);
            analysis.setMap(node.outputs[0], {});
            return;
        }
        if (map.axis >= 0 && node.attrs.getInt("keepdim", 0) == 0)
            map.axis -= static_cast<int>(std::lower_bound(dims.begin(), dims.end(), map.axis) -
                                         dims.begin());
        analysis.setMap(node.outputs[0], map);
    }

private:
    ReductionInfo info_;
};

class SoftmaxOp final : public OpDef {
public:
    LayerKind layerKind(const Node&) const override { return LayerKind::Other; }
    explicit SoftmaxOp(bool log) : log_(log) {}
    std::vector<Shape> inferShapes(const Node& node, const std::vector<Shape>& in) const override {
        normaliseDim(node.attrs.getInt("dim"), static_cast<int64_t>(onlyInput(in).size()));
        return {in[0]};
    }
    TensorList forward(const Node& node, const TensorList& in, const ParamMap&,
                       bool) const override {
        const int64_t dim = node.attrs.getInt("dim");
        return {log_ ? torch::log_softmax(in[0], dim) : torch::softmax(in[0], dim)};
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

private:
    bool log_;
};

}  // namespace

void registerReduceOps(OpRegistry& registry) {
    for (const ReductionInfo& info : kReductions)
        registry.add(info.name, std::make_shared<ReduceOp>(info));
    registry.add("softmax", std::make_shared<SoftmaxOp>(false));
    registry.add("log_softmax", std::make_shared<SoftmaxOp>(true));
}

}  // namespace secateur
