// Private header: a cost as a differentiable function of the Space's decisions.
#pragma once

#include <torch/torch.h>

#include <string>

#include "engine/space/space_impl.h"

namespace secateur {

// Every op contributes terms coefficient x (up to three factors), a factor being the kept
// channels of a tensor axis or the kept taps of a kernel. All kept counts come from one product
// of a count matrix with the channel mask, so the whole cost is a handful of tensor ops, in
// float64 so that counts stay exact.
class CostModel {
public:
    CostModel(const SpaceImpl& space, const std::string& cost);
    // A float64 scalar; equals the exported network's count at the hard decisions.
    torch::Tensor evaluate(const StepMasks& masks) const;
    // The same split by node: [nodes] float64, summing to evaluate().
    torch::Tensor perNode(const StepMasks& masks) const;
    const std::string& name() const { return name_; }

private:
    torch::Tensor termValues(const StepMasks& masks) const;  // [terms], coefficients applied

    std::string name_;
    torch::Tensor counts_;          // [channel factors, logical + 1]
    std::vector<int> tapSearches_;  // tap factor -> index into SpaceImpl::taps
    torch::Tensor tapIndex_;        // the same, as a tensor
    torch::Tensor termFactors_;     // [terms, 3] indices into the factor vector
    torch::Tensor coefficients_;    // [terms]
    torch::Tensor termNode_;        // [terms] the node each term belongs to
    int64_t nodeCount_ = 0;
};

}  // namespace secateur
