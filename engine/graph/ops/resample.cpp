// Upsampling (F.interpolate, nn.Upsample) of 1-D and 2-D feature maps: nearest, linear and
// bilinear. The output size is stored; the scale factor too when the user gave one, because
// PyTorch maps output positions to input positions with it (1.5 is not 5 -> 7).

#include "engine/graph/ops/op.h"
#include "engine/graph/ops/op_attrs.h"
#include "engine/util/error.h"

namespace secateur {

std::optional<double> upsampleScale(const Node& node, size_t d) {
    const std::string key = "scale_" + std::to_string(d);
    return node.attrs.has(key) ? std::optional<double>(node.attrs.getDouble(key)) : std::nullopt;
}

namespace {

c10::optional<double> scale(const Node& node, size_t d) {
    const std::optional<double> s = upsampleScale(node, d);
    return s ? c10::optional<double>(*s) : c10::nullopt;
}

class UpsampleOp final : public OpDef {
public:
    LayerKind layerKind(const Node&) const override { return LayerKind::Other; }
    std::vector<Shape> inferShapes(const Node& node, const std::vector<Shape>& in) const override {
        const Shape& x = onlyInput(in);
        const std::string mode = node.attrs.getString("mode");
        const size_t dims = mode == "linear" ? 1 : mode == "bilinear" ? 2 : x.size() - 2;
        if (mode != "nearest" && mode != "linear" && mode != "bilinear")
            throw Error("unknown upsampling mode '" + mode + "'");
        if (x.size() != dims + 2 || (dims != 1 && dims != 2))
            throw Error(mode + " upsampling does not take input " + toString(x));
        const std::vector<int64_t>& size = node.attrs.getInts("output_size");
        if (size.size() != dims) throw Error("output_size needs one size per spatial dimension");
        Shape out{x[0], x[1]};
        for (const int64_t s : size) {
            if (s < 1) throw Error("output sizes must be positive");
            out.push_back(s);
        }
        return {out};
    }

    TensorList forward(const Node& node, const TensorList& in, const ParamMap&,
                       bool) const override {
        const std::string mode = node.attrs.getString("mode");
        const std::vector<int64_t>& size = node.attrs.getInts("output_size");
        const bool corners = node.attrs.getInt("align_corners", 0) != 0;
        if (mode == "linear")
            return {torch::upsample_linear1d(in[0], size, corners, scale(node, 0))};
        if (mode == "bilinear")
            return {
                torch::upsample_bilinear2d(in[0], size, corners, scale(node, 0), scale(node, 1))};
        if (size.size() == 1) return {torch::upsample_nearest1d(in[0], size, scale(node, 0))};
        return {torch::upsample_nearest2d(in[0], size, scale(node, 0), scale(node, 1))};
    }
};

}  // namespace

void registerResampleOps(OpRegistry& registry) {
    registry.add("upsample", std::make_shared<UpsampleOp>());
}

}  // namespace secateur
