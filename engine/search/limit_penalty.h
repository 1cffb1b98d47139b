// Private header: how the search keeps to its limits (engine/search/limits.h).
#pragma once

#include <torch/torch.h>

#include <vector>

#include "engine/cost/cost_model.h"
#include "engine/search/limits.h"

namespace secateur {

// For each limit, with g = cost / limit - 1 (the smooth maximum for a peak):
//   multiplier x relu(g),
// zero inside the limit: a hinge whose strength ramps. The multiplier starts at zero; after each
// step it grows by 0.1 x g / stepsPerEpoch at the hard decisions (by 0.1 per epoch spent 100 %
// over) and shrinks inside, never below zero, so a limit that keeps being exceeded is pushed ever
// harder, the least important channels go first, and none needs a hand-tuned strength.
class LimitPenalty {
public:
    LimitPenalty(const SpaceImpl& space, const std::vector<Limit>& limits, const Target& target,
                 int64_t stepsPerEpoch);
    bool empty() const { return limits_.empty(); }
    // The penalty of this step; updates the multipliers.
    torch::Tensor step(const StepMasks& masks);
    std::vector<LimitStatus> status(const StepMasks& masks) const;  // at the hard decisions
    // For checkpoints: float64 [limits].
    const torch::Tensor& multipliers() const { return multipliers_; }
    void setMultipliers(const torch::Tensor& m) { multipliers_ = m.clone(); }

private:
    std::vector<Limit> limits_;
    std::vector<CostModel> models_;
    torch::Tensor multipliers_;
    double rate_ = 1.0;
};

// Throws an Error before any training when even the smallest network the search can reach (one
// channel per group, smallest kernels) exceeds a limit, naming the limit and by how much.
void checkLimitsReachable(const Graph& seed, const std::vector<Dimension>& dimensions,
                          const std::vector<Limit>& limits, const Target& target,
                          const Registry<DimensionDef>* registry = nullptr);

// Closes decisions of each dimension state in turn (channels, then kernel and dilation gates, then
// any other dimension's), least important (lowest logit) first, until every limit is met at the
// hard decisions. Cost-aware: a removal that does not bring the network closer to the limits (a
// channel outside the step that sets the peak RAM) is undone, unless no removal helps.
Repair repairToLimits(SpaceImpl& space, const std::vector<Limit>& limits, const Target& target);

}  // namespace secateur
