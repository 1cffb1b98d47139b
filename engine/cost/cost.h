// Costs of a network, from the open cost registry (engine/cost/registry.cpp): counted from a plain
// IR (`measure`), or evaluated differentiably on a Space at its current decisions (`costAt`); the
// two agree exactly at hard decisions for counts, within the stated error for estimates.
#pragma once

#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/graph/ir.h"
#include "engine/target/target.h"

namespace secateur {

class Space;

// What a registered cost declares about itself; plain values that widgets and reports display.
struct CostInfo {
    std::string name;         // machine name: "macs"
    std::string unit;         // of one unit of the value: "MAC"
    std::string label;        // for axes, columns and fields: "MACs"
    std::string description;  // one sentence for tooltips and docs
    bool exact = true;        // a count; false: an estimate
    std::string error;        // for an estimate: its documented error ("" for counts)
};

// Values by cost name.
using CostValues = std::map<std::string, double>;

// The value of `name` in `values`, 0 when absent. Inline, for the widgets (which never link the
// engine).
inline double costValue(const CostValues& values, const std::string& name) {
    const auto it = values.find(name);
    return it == values.end() ? 0.0 : it->second;
}

struct LayerCost {
    std::string node, op;
    CostValues costs;  // every registered cost of this node
};

struct Measurement {
    std::string target;             // the deployment target the costs are for
    CostValues totals;              // every registered cost of the whole network
    std::vector<LayerCost> layers;  // one per node, in graph order
    double total(const std::string& name) const { return costValue(totals, name); }
    int64_t count(const std::string& name) const { return std::llround(total(name)); }
};

// Counts from the tensors' actual shapes, independently of the search code, for the named
// target (throws an Error for an unknown one).
Measurement measure(const Graph& graph, const std::string& target = kDefaultTarget);

// Every registered cost, in registration order (params, macs first).
const std::vector<CostInfo>& costCatalog();
std::vector<std::string> costNames();
// A registered name, or one without its unit suffix ("latency" for "latency_ms"); throws an Error
// naming the unknown cost, the nearest known one and all of them.
std::string canonicalCostName(const std::string& name);
const CostInfo& costInfo(const std::string& name);
void checkCostName(const std::string& cost);
// The differentiable cost of the Space at its current hard decisions.
double costAt(const Space& space, const std::string& cost,
              const std::string& target = kDefaultTarget);

}  // namespace secateur
