// TorchScript for the layers with weights: convolutions, linear, normalisations, PReLU.
#include <algorithm>

#include "engine/export/torchscript/emitter.h"
#include "engine/graph/ops/op_attrs.h"

namespace secateur {
namespace {

// Padding torch's conv cannot express itself (per side, or negative after a shrunk kernel).
std::string padSource(const std::string& x, const ConvGeometry& g, const Shape& shape) {
    if (!cropsBeyondInput(g, shape))
        return "torch.constant_pad_nd(" + x + ", " + pyInts(convPadList(g, false)) + ", 0.0)";
    std::string index = ":, :";
    for (size_t d = 0; d < g.dims; ++d) {
        const int64_t end = std::max<int64_t>(-g.padEnd[d], 0);
        index += ", " + std::to_string(std::max<int64_t>(-g.padBegin[d], 0)) + ":" +
                 (end > 0 ? std::to_string(-end) : "");
    }
    return "torch.constant_pad_nd(" + x + ", " + pyInts(convPadList(g, true)) + ", 0.0)[" + index +
           "]";
}

std::string conv(const Node& node, const EmitContext& names) {
    const ConvGeometry g = convGeometry(node);
    std::string x = names.in[0];
    std::string lines;
    std::vector<int64_t> padding(g.dims, 0);
    if (symmetricPadding(g)) {
        padding = g.padBegin;
    } else {
        lines += names.out[0] + " = " + padSource(x, g, names.inShapes[0]) + "\n";
        x = names.out[0];
    }
    return lines + names.out[0] + " = torch.conv" + std::to_string(g.dims) + "d(" + x + ", " +
           names.param.at("weight") + ", " + names.optionalParam("bias") + ", " + pyInts(g.stride) +
           ", " + pyInts(padding) + ", " + pyInts(g.dilation) + ", " + std::to_string(g.groups) +
           ")\n";
}

std::string convTranspose(const Node& node, const EmitContext& names) {
    const TransposedGeometry g = transposedGeometry(node);
    return names.out[0] + " = torch.conv_transpose" + std::to_string(g.dims) + "d(" + names.in[0] +
           ", " + names.param.at("weight") + ", " + names.optionalParam("bias") + ", " +
           pyInts(g.stride) + ", " + pyInts(g.padding) + ", " + pyInts(g.outputPadding) + ", " +
           std::to_string(g.groups) + ", " + pyInts(g.dilation) + ")\n";
}

std::string eps(const Node& node) {
    return pyDouble(node.attrs.getDouble("eps", 1e-5));
}

}  // namespace

void addLayerEmitters(EmitterTable& table) {
    table["conv"].lines = conv;
    table["conv_transpose"].lines = convTranspose;
    table["linear"].lines = [](const Node&, const EmitContext& names) {
        return names.out[0] + " = torch.linear(" + names.in[0] + ", " + names.param.at("weight") +
               ", " + names.optionalParam("bias") + ")\n";
    };
    table["batch_norm"].lines = [](const Node& node, const EmitContext& names) {
        return names.out[0] + " = torch.batch_norm(" + names.in[0] + ", " +
               names.optionalParam("weight") + ", " + names.optionalParam("bias") + ", " +
               names.optionalParam("running_mean") + ", " + names.optionalParam("running_var") +
               ", False, 0.1, " + eps(node) + ", False)\n";
    };
    table["instance_norm"].lines = [](const Node& node, const EmitContext& names) {
        return names.out[0] + " = torch.instance_norm(" + names.in[0] + ", " +
               names.optionalParam("weight") + ", " + names.optionalParam("bias") +
               ", None, None, True, 0.1, " + eps(node) + ", False)\n";
    };
    table["group_norm"].lines = [](const Node& node, const EmitContext& names) {
        return names.out[0] + " = torch.group_norm(" + names.in[0] + ", " +
               std::to_string(node.attrs.getInt("groups")) + ", " + names.optionalParam("weight") +
               ", " + names.optionalParam("bias") + ", " + eps(node) + ", False)\n";
    };
    table["layer_norm"].lines = [](const Node& node, const EmitContext& names) {
        return names.out[0] + " = torch.layer_norm(" + names.in[0] + ", " +
               pyInts(node.attrs.getInts("normalized_shape")) + ", " +
               names.optionalParam("weight") + ", " + names.optionalParam("bias") + ", " +
               eps(node) + ")\n";
    };
    table["prelu"].lines = [](const Node&, const EmitContext& names) {
        return names.out[0] + " = torch.prelu(" + names.in[0] + ", " + names.param.at("weight") +
               ")\n";
    };
}

}  // namespace secateur
