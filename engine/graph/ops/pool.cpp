// Max, average and adaptive pooling, generic over 1-D and 2-D. Pools keep channels aligned.
#include "engine/graph/ops/op.h"
#include "engine/graph/ops/op_attrs.h"
#include "engine/util/error.h"

namespace secateur {

size_t poolSpatialDims(const Shape& x) {
    if (x.size() != 3 && x.size() != 4)
        throw Error("expects a 3-D or 4-D input, got " + toString(x));
    return x.size() - 2;
}

PoolWindow poolWindow(const Node& node, size_t dims) {
    PoolWindow w;
    w.kernel = spatialAttr(node, "kernel", dims, 1);
    w.stride = node.attrs.has("stride") && !node.attrs.getInts("stride").empty()
                   ? spatialAttr(node, "stride", dims, 1)
                   : w.kernel;
    w.padding = spatialAttr(node, "padding", dims, 0);
    w.dilation = spatialAttr(node, "dilation", dims, 1);
    w.ceilMode = node.attrs.getInt("ceil_mode", 0) != 0;
    return w;
}

namespace {

class WindowPoolOp final : public OpDef {
public:
    LayerKind layerKind(const Node&) const override { return LayerKind::Pooling; }
    explicit WindowPoolOp(bool isMax) : isMax_(isMax) {}

    std::vector<Shape> inferShapes(const Node& node, const std::vector<Shape>& in) const override {
        const Shape& x = onlyInput(in);
        const size_t dims = poolSpatialDims(x);
        const PoolWindow w = poolWindow(node, dims);
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
        const PoolWindow w = poolWindow(node, static_cast<size_t>(x.dim() - 2));
        const bool countPad = node.attrs.getInt("count_include_pad", 1) != 0;
        if (x.dim() == 3) {
            return {
                isMax_ ? torch::max_pool1d(x, w.kernel, w.stride, w.padding, w.dilation, w.ceilMode)
                       : torch::avg_pool1d(x, w.kernel, w.stride, w.padding, w.ceilMode, countPad)};
        }
        return {isMax_ ? torch::max_pool2d(x, w.kernel, w.stride, w.padding, w.dilation, w.ceilMode)
                       : torch::avg_pool2d(x, w.kernel, w.stride, w.padding, w.ceilMode, countPad)};
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
        const std::vector<int64_t> size = spatialAttr(node, "output_size", poolSpatialDims(x), 1);
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
