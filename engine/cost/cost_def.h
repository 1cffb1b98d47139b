// Private header: what a registered cost knows about itself. One file per cost implements it and
// registers it with one line in registry.cpp.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/cost/cost.h"
#include "engine/graph/ops/op.h"
#include "engine/target/target.h"
#include "engine/util/registry.h"

namespace secateur {

// How a cost's terms combine into one value. Sum: every term adds up. MaxOfGroups: the terms of
// each group add up and the cost is the largest group (a peak over an execution schedule); the
// search differentiates a smooth maximum, hard decisions give the exact one.
enum class Aggregation { Sum, MaxOfGroups };

// One term of a cost, placed: the node it is charged to and, for MaxOfGroups, its group.
struct PlacedTerm {
    int node = 0;
    int group = 0;
    CostTerm term;
};

// A cost may depend on the deployment target (storage widths, cycles per kind of layer); costs that
// do not, ignore it.
class CostDef {
public:
    virtual ~CostDef() = default;
    virtual CostInfo info() const = 0;
    virtual Aggregation aggregation() const { return Aggregation::Sum; }
    // Every differentiable term of the network; the default collects nodeTerms of every node.
    virtual std::vector<PlacedTerm> terms(const Graph& graph, const Target& target) const;
    // The terms of one node, in the kept channels and taps of its tensors and kernel.
    virtual std::vector<CostTerm> nodeTerms(const Node&, int /*index*/, const Graph&,
                                            const Target&) const {
        return {};
    }
    // The value of each node counted on a plain network (no search involved); they sum to the
    // network's value (for a peak: each node's share of the peak). The default calls measureNode.
    virtual std::vector<double> measureNodes(const Graph& graph, const Target& target) const;
    virtual double measureNode(const Node&, const Graph&, const Target&) const { return 0.0; }
};

using CostRegistry = Registry<CostDef>;

const CostRegistry& builtinCosts();
// Throws an Error naming the unknown cost ("did you mean") and the known ones.
const CostDef& costDef(const std::string& name);

}  // namespace secateur
