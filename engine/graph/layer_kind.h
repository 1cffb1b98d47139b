// The one vocabulary of layer kinds that the engine, the CLI and the widgets share: computed from
// a node's op and weight shape, with stable machine names and display labels. Free of LibTorch.
// Names and labels are inline so that the widgets use them without linking the engine.
#pragma once

#include <cstddef>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "engine/graph/ir.h"

namespace secateur {

enum class LayerKind {
    StandardConv,
    DepthwiseConv,  // groups == in == out channels, groups > 1
    PointwiseConv,  // every kernel dimension 1, groups 1
    GroupedConv,    // any other groups > 1
    TransposedConv,
    Linear,
    Normalization,  // batch, layer, group and instance norm
    Pooling,
    Elementwise,  // activations, add, sub, mul, div, clamp
    Opaque,       // a submodule kept whole
    Other,        // reshapes, concatenation, reductions, softmax...
};

// From the node's op, weight shape [out, in / groups, k...] and "groups" (engine only).
LayerKind layerKind(const Node& node);
// A conv's kind from its weight and groups (standard, pointwise, depthwise, grouped).
LayerKind convLayerKind(const Node& node);

namespace detail {
struct LayerKindText {
    LayerKind kind;
    const char* name;
    const char* label;
};
// In the enum's order.
inline constexpr LayerKindText kLayerKinds[] = {
    {LayerKind::StandardConv, "standard_conv", "Conv"},
    {LayerKind::DepthwiseConv, "depthwise_conv", "Depthwise conv"},
    {LayerKind::PointwiseConv, "pointwise_conv", "Pointwise conv"},
    {LayerKind::GroupedConv, "grouped_conv", "Grouped conv"},
    {LayerKind::TransposedConv, "transposed_conv", "Transposed conv"},
    {LayerKind::Linear, "linear", "Linear"},
    {LayerKind::Normalization, "normalization", "Norm"},
    {LayerKind::Pooling, "pooling", "Pool"},
    {LayerKind::Elementwise, "elementwise", "Elementwise"},
    {LayerKind::Opaque, "opaque", "Opaque"},
    {LayerKind::Other, "other", "Other"},
};
inline const LayerKindText& layerKindText(LayerKind kind) {
    const auto index = static_cast<size_t>(kind);
    return index < std::size(kLayerKinds) ? kLayerKinds[index]
                                          : kLayerKinds[std::size(kLayerKinds) - 1];
}
}  // namespace detail

// Stable machine names ("depthwise_conv"), for JSON and the CLI.
inline const char* layerKindName(LayerKind kind) {
    return detail::layerKindText(kind).name;
}
// Short display labels ("Depthwise conv"), for tables and legends.
inline const char* layerKindLabel(LayerKind kind) {
    return detail::layerKindText(kind).label;
}
inline std::optional<LayerKind> layerKindFromName(const std::string& name) {
    for (const detail::LayerKindText& text : detail::kLayerKinds)
        if (name == text.name) return text.kind;
    return std::nullopt;
}
// Every kind, in the enum's order.
inline const std::vector<LayerKind>& allLayerKinds() {
    static const std::vector<LayerKind> kinds = [] {
        std::vector<LayerKind> result;
        for (const detail::LayerKindText& text : detail::kLayerKinds) result.push_back(text.kind);
        return result;
    }();
    return kinds;
}
// The four kinds of "conv" (weight [out, in / groups, k...]); not transposed conv.
inline bool isConvolution(LayerKind kind) {
    return kind == LayerKind::StandardConv || kind == LayerKind::DepthwiseConv ||
           kind == LayerKind::PointwiseConv || kind == LayerKind::GroupedConv;
}

}  // namespace secateur
