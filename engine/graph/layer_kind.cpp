#include "engine/graph/layer_kind.h"

#include <algorithm>

#include "engine/graph/ops/op.h"

namespace secateur {

LayerKind convLayerKind(const Node& node) {
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

LayerKind layerKind(const Node& node) {
    // Each op declares its kind; an op this build does not know (a newer file) is "other".
    const OpDef* def = builtinOps().find(node.op);
    return def ? def->layerKind(node) : LayerKind::Other;
}

}  // namespace secateur
