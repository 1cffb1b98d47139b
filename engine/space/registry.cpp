#include <algorithm>

#include "engine/space/dimension_def.h"

namespace secateur {

// Each dimension registers itself; adding one is one file and one line here.
void registerChannelsDimension(DimensionRegistry& registry);
void registerKernelsDimension(DimensionRegistry& registry);
void registerDilationsDimension(DimensionRegistry& registry);
void registerPrecisionDimension(DimensionRegistry& registry);

namespace {

DimensionRegistry makeBuiltinDimensions() {
    DimensionRegistry registry("search dimension");
    registerChannelsDimension(registry);
    registerKernelsDimension(registry);
    registerDilationsDimension(registry);
    registerPrecisionDimension(registry);
    return registry;
}

}  // namespace

const DimensionRegistry& builtinDimensions() {
    static const DimensionRegistry registry = makeBuiltinDimensions();
    return registry;
}

std::vector<Dimension> baselineDimensions(const std::vector<Dimension>& dims,
                                          const DimensionRegistry* registry) {
    const DimensionRegistry& lookup = registry ? *registry : builtinDimensions();
    std::vector<Dimension> kept;
    for (const Dimension& d : dims)
        if (lookup.get(d.name).keptByBaselines()) kept.push_back(d);
    return kept;
}

const std::vector<DimensionInfo>& dimensionCatalog() {
    static const std::vector<DimensionInfo> catalog = [] {
        std::vector<DimensionInfo> infos;
        for (const DimensionDef* def : builtinDimensions().all()) infos.push_back(def->info());
        return infos;
    }();
    return catalog;
}

std::vector<std::string> dimensionNames() {
    return builtinDimensions().names();
}

const DimensionInfo& dimensionInfo(const std::string& name) {
    builtinDimensions().get(name);  // throws for an unknown name
    const std::vector<DimensionInfo>& catalog = dimensionCatalog();
    return *std::find_if(catalog.begin(), catalog.end(),
                         [&](const DimensionInfo& info) { return info.name == name; });
}

Dimension parseDimension(const std::string& name) {
    return Dimension{dimensionInfo(name).name, {}, {}};
}

std::vector<Dimension> defaultDimensions() {
    std::vector<Dimension> result;
    for (const DimensionInfo& info : dimensionCatalog())
        if (info.byDefault) result.push_back(Dimension{info.name, {}, {}});
    return result;
}

bool isSearchableLayer(const Node& node) {
    return node.op == "conv" || node.op == "conv_transpose" || node.op == "linear";
}

std::vector<int64_t> kernelOf(const Node& node) {
    const Shape& w = node.params.at("weight").shape;
    return {w.begin() + 2, w.end()};
}

std::string notSearchableLayer(const Node& node) {
    if (isSearchableLayer(node)) return "";
    return "it is a " + node.op + ", not a conv, conv_transpose or linear layer";
}

std::string notSearchableConv(const Node& node) {
    if (std::string why = notSearchableLayer(node); !why.empty()) return why;
    if (node.op != "conv") return "it is a " + node.op + " layer and has no searchable kernel";
    return "";
}

std::string sharedKernel(const Node& node, const Graph& graph) {
    const bool shared =
        node.attrs.has("shared_with") ||
        std::any_of(graph.nodes().begin(), graph.nodes().end(), [&](const Node& other) {
            return other.attrs.has("shared_with") &&
                   other.attrs.getString("shared_with") == node.name;
        });
    return shared ? "its weights are used twice (each use would decide its own taps)" : "";
}

}  // namespace secateur
