// The search dimensions a user can switch on, each per layer, from the open dimension registry
// (engine/space/registry.cpp). A dimension with an empty `layers` list applies to every layer that
// can have it; naming a layer that cannot have it is an error.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace secateur {

// A registered dimension as a project file or `--dims` names it, with the layers it covers.
struct Dimension {
    Dimension() = default;
    // Not explicit: {"kernels"} and {"channels", {}, {"head"}} read as dimensions.
    Dimension(std::string dimension, std::vector<std::string> onlyLayers = {},
              std::vector<std::string> excluded = {})
        : name(std::move(dimension)), layers(std::move(onlyLayers)), exclude(std::move(excluded)) {}

    std::string name;                  // "channels", "kernels", "dilations", ...
    std::vector<std::string> layers;   // empty: every layer that can have it
    std::vector<std::string> exclude;  // layers left out
    bool operator==(const Dimension& o) const {
        return name == o.name && layers == o.layers && exclude == o.exclude;
    }
    bool operator!=(const Dimension& o) const { return !(*this == o); }
};

// What a registered dimension declares about itself; plain values for the CLI, docs and widgets.
struct DimensionInfo {
    std::string name;         // machine name: "kernels"
    std::string label;        // for fields and columns: "Kernels"
    std::string description;  // one sentence for tooltips, `secateur dims` and docs
    std::string eligible;     // which layers can have it: "conv with a kernel larger than 1"
    bool byDefault = true;    // part of a search that names no dimensions
};

// Every registered dimension, in registration order.
const std::vector<DimensionInfo>& dimensionCatalog();
std::vector<std::string> dimensionNames();
// Throws an Error naming the unknown dimension, the nearest known one and all of them.
const DimensionInfo& dimensionInfo(const std::string& name);
// A dimension over every eligible layer; throws like dimensionInfo for an unknown name.
Dimension parseDimension(const std::string& name);
// The dimensions a search uses when none are named (those registered `byDefault`).
std::vector<Dimension> defaultDimensions();
// Inline, for the widgets (which never link the engine).
inline bool hasDimension(const std::vector<Dimension>& dimensions, const std::string& name) {
    for (const Dimension& d : dimensions)
        if (d.name == name) return true;
    return false;
}

}  // namespace secateur
