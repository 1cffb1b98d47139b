// Private header: what a registered cost knows about itself. One file per cost implements it and
// registers it with one line in registry.cpp.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/cost/cost.h"
#include "engine/graph/ops/op.h"

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

class CostDef {
public:
    virtual ~CostDef() = default;
    virtual CostInfo info() const = 0;
    virtual Aggregation aggregation() const { return Aggregation::Sum; }
    // Every differentiable term of the network; the default collects nodeTerms of every node.
    virtual std::vector<PlacedTerm> terms(const Graph& graph) const;
    // The terms of one node, in the kept channels and taps of its tensors and kernel.
    virtual std::vector<CostTerm> nodeTerms(const Node&, int /*index*/, const Graph&) const {
        return {};
    }
    // The value of one node counted on a plain network (no search involved).
    virtual double measureNode(const Node& node, const Graph& graph) const = 0;
    // The value of the whole plain network; the default sums measureNode.
    virtual double measureTotal(const Graph& graph, const std::vector<double>& perNode) const;
};

class CostRegistry {
public:
    void add(std::shared_ptr<const CostDef> def);
    const CostDef* find(const std::string& name) const;
    const std::vector<std::shared_ptr<const CostDef>>& all() const { return defs_; }

private:
    std::vector<std::shared_ptr<const CostDef>> defs_;  // in registration order
};

const CostRegistry& builtinCosts();
// Throws an Error naming the unknown cost ("did you mean") and the known ones.
const CostDef& costDef(const std::string& name);

}  // namespace secateur
