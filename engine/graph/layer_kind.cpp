#include "engine/graph/layer_kind.h"

#include <algorithm>
#include <set>

namespace secateur {
namespace {

LayerKind convKind(const Node& node) {
    const auto weight = node.params.find("weight");
    if (weight == node.params.end() || weight->second.shape.size() < 2)
        return LayerKind::StandardConv;
    const Shape& w = weight->second.shape;  // [out, in / groups, k...]
    const int64_t groups = node.attrs.getInt("groups", 1);
    // A depthwise conv pruned to one channel (groups 1) keeps its kind, and its cost.
    if (node.attrs.getInt("depthwise", 0) == 1) return LayerKind::DepthwiseConv;
    if (groups > 1 && w[1] == 1 && w[0] == groups) return LayerKind::DepthwiseConv;
    if (groups > 1) return LayerKind::GroupedConv;
    const bool pointwise =
        w.size() > 2 && std::all_of(w.begin() + 2, w.end(), [](int64_t k) { return k == 1; });
    return pointwise ? LayerKind::PointwiseConv : LayerKind::StandardConv;
}

}  // namespace

LayerKind layerKind(const Node& node) {
    static const std::set<std::string> norms{"batch_norm", "layer_norm", "group_norm",
                                             "instance_norm"};
    static const std::set<std::string> elementwise{
        "relu",  "relu6",      "sigmoid",  "tanh",  "silu", "hardswish", "hardsigmoid",
        "gelu",  "leaky_relu", "hardtanh", "prelu", "sqrt", "abs",       "exp",
        "clamp", "identity",   "add",      "sub",   "mul",  "div"};
    const std::string& op = node.op;
    if (op == "conv") return convKind(node);
    if (op == "conv_transpose") return LayerKind::TransposedConv;
    if (op == "linear") return LayerKind::Linear;
    if (norms.count(op)) return LayerKind::Normalization;
    if (op.find("pool") != std::string::npos) return LayerKind::Pooling;
    if (op == "opaque") return LayerKind::Opaque;
    if (elementwise.count(op)) return LayerKind::Elementwise;
    return LayerKind::Other;
}

}  // namespace secateur
