#include <algorithm>

#include "engine/cost/cost_def.h"
#include "engine/util/error.h"
#include "engine/util/suggest.h"

namespace secateur {

// Each cost registers itself; adding a cost is one file and one line here.
void registerParamsCost(CostRegistry& registry);
void registerMacsCost(CostRegistry& registry);
void registerFlashCost(CostRegistry& registry);
void registerPeakRamCost(CostRegistry& registry);
void registerLatencyCost(CostRegistry& registry);
void registerEnergyCost(CostRegistry& registry);

namespace {

CostRegistry makeBuiltinCosts() {
    CostRegistry registry("cost");
    registerParamsCost(registry);
    registerMacsCost(registry);
    registerFlashCost(registry);
    registerPeakRamCost(registry);
    registerLatencyCost(registry);
    registerEnergyCost(registry);
    return registry;
}

}  // namespace

std::vector<PlacedTerm> CostDef::terms(const Graph& graph, const Target& target) const {
    std::vector<PlacedTerm> placed;
    for (size_t n = 0; n < graph.nodes().size(); ++n) {
        const int index = static_cast<int>(n);
        for (CostTerm& term : nodeTerms(graph.nodes()[n], index, graph, target))
            placed.push_back({index, 0, std::move(term)});
    }
    return placed;
}

std::vector<double> CostDef::measureNodes(const Graph& graph, const Target& target) const {
    std::vector<double> values;
    for (const Node& node : graph.nodes()) values.push_back(measureNode(node, graph, target));
    return values;
}

const CostRegistry& builtinCosts() {
    static const CostRegistry registry = makeBuiltinCosts();
    return registry;
}

std::string canonicalCostName(const std::string& name) {
    return costDef(name).info().name;
}

const CostDef& costDef(const std::string& name) {
    if (const CostDef* def = builtinCosts().find(name)) return *def;
    for (const auto& def : builtinCosts().all()) {
        const std::string full = def->info().name;
        if (full.size() > name.size() + 1 && full.compare(0, name.size() + 1, name + "_") == 0 &&
            full.find('_', name.size() + 1) == std::string::npos)
            return *def;
    }
    const std::vector<std::string> known = costNames();
    throw Error("unknown cost '" + name + "'" + didYouMean(name, known) +
                "; known costs: " + joinNames(known));
}

const std::vector<CostInfo>& costCatalog() {
    static const std::vector<CostInfo> catalog = [] {
        std::vector<CostInfo> infos;
        for (const auto& def : builtinCosts().all()) infos.push_back(def->info());
        return infos;
    }();
    return catalog;
}

std::vector<std::string> costNames() {
    std::vector<std::string> names;
    for (const CostInfo& info : costCatalog()) names.push_back(info.name);
    return names;
}

const CostInfo& costInfo(const std::string& name) {
    const std::string full = canonicalCostName(name);  // throws for an unknown name
    const std::vector<CostInfo>& catalog = costCatalog();
    return *std::find_if(catalog.begin(), catalog.end(),
                         [&](const CostInfo& info) { return info.name == full; });
}

void checkCostName(const std::string& cost) {
    costDef(cost);
}

}  // namespace secateur
