// TorchScript for ops that slide a window or resize: pooling, upsampling, padding.
#include "engine/export/torchscript/emitter.h"
#include "engine/graph/ops/op.h"
#include "engine/graph/ops/op_attrs.h"

namespace secateur {
namespace {

auto windowPool(bool isMax) {
    return [isMax](const Node& node, const EmitContext& names) {
        const size_t spatial = poolSpatialDims(names.inShapes[0]);
        const PoolWindow w = poolWindow(node, spatial);
        const std::string call = names.out[0] + " = torch." + (isMax ? "max" : "avg") + "_pool" +
                                 std::to_string(spatial) + "d(" + names.in[0] + ", " +
                                 pyInts(w.kernel) + ", " + pyInts(w.stride) + ", " +
                                 pyInts(w.padding) + ", ";
        if (isMax) return call + pyInts(w.dilation) + ", " + pyBool(w.ceilMode) + ")\n";
        return call + pyBool(w.ceilMode) + ", " +
               pyBool(node.attrs.getInt("count_include_pad", 1) != 0) + ")\n";
    };
}

auto adaptivePool(bool isMax) {
    return [isMax](const Node& node, const EmitContext& names) {
        const auto size = spatialAttr(node, "output_size", poolSpatialDims(names.inShapes[0]), 1);
        return names.out[0] + " = torch.adaptive_" + (isMax ? "max" : "avg") + "_pool" +
               std::to_string(size.size()) + "d(" + names.in[0] + ", " + pyInts(size) + ")" +
               (isMax ? "[0]" : "") + "\n";
    };
}

std::string scaleSource(const Node& node, size_t d) {
    const std::optional<double> s = upsampleScale(node, d);
    return s ? pyDouble(*s) : std::string("None");
}

std::string upsample(const Node& node, const EmitContext& names) {
    const std::string mode = node.attrs.getString("mode");
    const std::vector<int64_t>& size = node.attrs.getInts("output_size");
    const std::string corners = pyBool(node.attrs.getInt("align_corners", 0) != 0);
    std::string call;
    if (mode == "linear")
        call = "upsample_linear1d(" + names.in[0] + ", " + pyInts(size) + ", " + corners + ", " +
               scaleSource(node, 0);
    else if (mode == "bilinear")
        call = "upsample_bilinear2d(" + names.in[0] + ", " + pyInts(size) + ", " + corners + ", " +
               scaleSource(node, 0) + ", " + scaleSource(node, 1);
    else
        call = "upsample_nearest" + std::to_string(size.size()) + "d(" + names.in[0] + ", " +
               pyInts(size) + ", " + scaleSource(node, 0) +
               (size.size() == 2 ? ", " + scaleSource(node, 1) : "");
    return names.out[0] + " = torch." + call + ")\n";
}

std::string pad(const Node& node, const EmitContext& names) {
    const std::string mode = node.attrs.getString("mode", "constant");
    const size_t rank = names.inShapes[0].size();
    if (mode == "constant")
        return names.out[0] + " = torch.constant_pad_nd(" + names.in[0] + ", " +
               pyInts(node.attrs.getInts("pads")) + ", " +
               pyDouble(node.attrs.getDouble("value", 0.0)) + ")\n";
    return names.out[0] + " = torch." + (mode == "reflect" ? "reflection" : "replication") +
           "_pad" + std::to_string(rank - 2) + "d(" + names.in[0] + ", " +
           pyInts(spatialPads(node, rank)) + ")\n";
}

}  // namespace

void addWindowEmitters(EmitterTable& table) {
    table["max_pool"].lines = windowPool(true);
    table["avg_pool"].lines = windowPool(false);
    table["adaptive_max_pool"].lines = adaptivePool(true);
    table["adaptive_avg_pool"].lines = adaptivePool(false);
    table["upsample"].lines = upsample;
    table["pad"].lines = pad;
}

}  // namespace secateur
