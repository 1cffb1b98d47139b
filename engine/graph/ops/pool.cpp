// Max, average and adaptive pooling, generic over 1-D and 2-D. Pools keep channels aligned.
#include "engine/graph/ops/op.h"
#include "engine/util/error.h"

namespace secateur {
namespace {

size_t spatialDims(const Shape& x) {
    if (x.size() != 3 && x.size() != 4)
        throw Error("expects a 3-D or 4-D input, got " + toString(x));
    return x.size() - 2;
}

struct Window {
    std::vector<int64_t> kernel, stride, padding, dilation;
    bool ceilMode = false;
};

Window window(const Node& node, size_t dims) {
    Window w;
    w.kernel = spatialAttr(node, "kernel", dims, 1);
    w.stride = node.attrs.has("stride") && !node.attrs.getInts("stride").empty()
                   ? spatialAttr(node, "stride", dims, 1)
                   : w.kernel;
    w.padding = spatialAttr(node, "padding", dims, 0);
    w.dilation = spatialAttr(node, "dilation", dims, 1);
    w.ceilMode = node.attrs.getInt("ceil_mode", 0) != 0;
    return w;
}

class WindowPoolOp final : public OpDef {
public:
    LayerKind layerKind(const Node&) const override { return LayerKind::Pooling; }
    explicit WindowPoolOp(bool isMax) : isMax_(isMax) {}

    std::vector<Shape> inferShapes(const Node& node, const std::vector<Shape>& in) const override {
        const Shape& x = onlyInput(in);
        const size_t dims = spatialDims(x);
        const Window w = window(node, dims);
        Shape out{x[0], x[1]};
        for (size_t d = 0; d < dims; ++d) {
            if (2 * w.padding[d] > w.kernel[d])
                throw Error("padding must be at most half the kernel");
            const int64_t len = windowOutput(x[2 + d], 2 * w.padding[d], w.kernel[d], w.stride[d],
                                             w.dilation[d], w.ceilMode, w.padding[d]);
            if (len < 1) throw Error("input " + toString(x) + " is too small for the window");
            out.push_back(len);
        }
        return {out};
    }

    TensorList forward(const Node& node, const TensorList& in, const ParamMap&,
                       bool) const override {
        const torch::Tensor& x = in[0];
        const Window w = window(node, static_cast<size_t>(x.dim() - 2));
        const bool countPad = node.attrs.getInt("count_include_pad", 1) != 0;
        if (x.dim() == 3) {
            return {
                isMax_ ? torch::max_pool1d(x, w.kernel, w.stride, w.padding, w.dilation, w.ceilMode)
                       : torch::avg_pool1d(x, w.kernel, w.stride, w.padding, w.ceilMode, countPad)};
        }
        return {isMax_ ? torch::max_pool2d(x, w.kernel, w.stride, w.padding, w.dilation, w.ceilMode)
                       : torch::avg_pool2d(x, w.kernel, w.stride, w.padding, w.ceilMode, countPad)};
    }

    std::string emit(const Node& node, const EmitContext& names) const override {
        const size_t spatial = spatialDims(names.inShapes[0]);
        const std::string dims = std::to_string(spatial);
        const Window w = window(node, spatial);
        const std::string ceil = w.ceilMode ? "True" : "False";
        std::string call = names.out[0] + " = torch." + (isMax_ ? "max" : "avg") + "_pool" + dims +
                           "d(" + names.in[0] + ", " + joinInts(w.kernel) + ", " +
                           joinInts(w.stride) + ", " + joinInts(w.padding) + ", ";
        if (isMax_) return call + joinInts(w.dilation) + ", " + ceil + ")\n";
        return call + ceil + ", " + (node.attrs.getInt("count_include_pad", 1) ? "True" : "False") +
               ")\n";
    }

private:
    bool isMax_;
};

class AdaptivePoolOp final : public OpDef {
public:
    LayerKind layerKind(const Node&) const override { return LayerKind::Pooling; }
    explicit AdaptivePoolOp(bool isMax) : isMax_(isMax) {}

    std::vector<Shape> inferShapes(const Node& node, const std::vector<Shape>& in) const override {
        const Shape& x = onlyInput(in);
        const std::vector<int64_t> size = spatialAttr(node, "output_size", spatialDims(x), 1);
        Shape out{x[0], x[1]};
        out.insert(out.end(), size.begin(), size.end());
        return {out};
    }

    TensorList forward(const Node& node, const TensorList& in, const ParamMap&,
                       bool) const override {
        const torch::Tensor& x = in[0];
        const auto size = spatialAttr(node, "output_size", static_cast<size_t>(x.dim() - 2), 1);
        if (x.dim() == 3)
            return {isMax_ ? std::get<0>(torch::adaptive_max_pool1d(x, size))
                           : torch::adaptive_avg_pool1d(x, size)};
        return {isMax_ ? std::get<0>(torch::adaptive_max_pool2d(x, size))
                       : torch::adaptive_avg_pool2d(x, size)};
    }

    std::string emit(const Node& node, const EmitContext& names) const override {
        const auto size = spatialAttr(node, "output_size", spatialDims(names.inShapes[0]), 1);
        const std::string fn = std::string("torch.adaptive_") + (isMax_ ? "max" : "avg") + "_pool" +
                               std::to_string(size.size()) + "d(" + names.in[0] + ", " +
                               joinInts(size) + ")";
        return names.out[0] + " = " + fn + (isMax_ ? "[0]" : "") + "\n";
    }

private:
    bool isMax_;
};

}  // namespace

void registerPoolOps(OpRegistry& registry) {
    registry.add("max_pool", std::make_shared<WindowPoolOp>(true));
    registry.add("avg_pool", std::make_shared<WindowPoolOp>(false));
    registry.add("adaptive_avg_pool", std::make_shared<AdaptivePoolOp>(false));
    registry.add("adaptive_max_pool", std::make_shared<AdaptivePoolOp>(true));
}

}  // namespace secateur
