// Private header: a registered cost as a differentiable function of the Space's decisions.
#pragma once

#include <torch/torch.h>

#include <string>
#include <utility>

#include "engine/cost/cost_def.h"
#include "engine/space/space_impl.h"

namespace secateur {

// Every term is coefficient x (any number of factors), a factor being the kept channels of a
// tensor axis, the kept elements of a tensor or the kept taps of a kernel. All kept counts come
// from one product of a count matrix with the channel mask, so the whole cost is a handful of
// tensor ops, in float64 so that counts stay exact.
class CostModel {
public:
    CostModel(const SpaceImpl& space, const CostDef& cost, const Target& target);
    // The registered cost and target of those names (throws an Error for an unknown one).
    CostModel(const SpaceImpl& space, const std::string& cost,
              const std::string& target = kDefaultTarget);
    // A float64 scalar; equals the exported network's measured value at the hard decisions.
    torch::Tensor evaluate(const StepMasks& masks) const;
    // What the search differentiates: evaluate() for sums, a smooth maximum (log-sum-exp at a
    // temperature of 2 % of the current peak) for MaxOfGroups costs.
    torch::Tensor objective(const StepMasks& masks) const;
    // objective() and evaluate()'s value together, from one pass over the terms.
    std::pair<torch::Tensor, double> objectiveAndValue(const StepMasks& masks) const;
    // The same split by node: [nodes] float64, summing to evaluate() (for MaxOfGroups, the
    // terms of the largest group).
    torch::Tensor perNode(const StepMasks& masks) const;
    // The value of each group ([groups] float64: one per step of the plan for a peak).
    torch::Tensor groups(const StepMasks& masks) const;
    const std::string& name() const { return name_; }

private:
    torch::Tensor termValues(const StepMasks& masks) const;       // [terms], coefficients applied
    torch::Tensor groupValues(const torch::Tensor& terms) const;  // [groups]

    std::string name_;
    Aggregation aggregation_ = Aggregation::Sum;
    torch::Tensor counts_;          // [channel factors, logical + 1]
    std::vector<int> tapSearches_;  // tap factor -> index into SpaceImpl::taps
    torch::Tensor tapIndex_;        // the same, as a tensor
    torch::Tensor termFactors_;     // [terms, arity] indices into the factor vector
    torch::Tensor coefficients_;    // [terms]
    torch::Tensor termNode_;        // [terms] the node each term is charged to
    torch::Tensor termGroup_;       // [terms] the group of each term (MaxOfGroups)
    int64_t nodeCount_ = 0, groupCount_ = 1;
};

}  // namespace secateur
