// Private header: everything a search needs to continue exactly where it stopped.
#pragma once

#include <torch/torch.h>

#include <map>
#include <string>

#include "engine/search/limits.h"
#include "engine/space/space_impl.h"

namespace secateur {

// Where the trainer stands: the next batch to run.
struct TrainerPosition {
    int64_t phase = 0, epoch = 0, batch = 0, step = 0;
    torch::Tensor order;  // the epoch's sample order when stopped inside an epoch, else undefined
    std::map<std::string, double> seedMetrics;  // once the warm-up has ended
    torch::Tensor limitMultipliers;             // the limit penalty's state (undefined: none)
    Repair repair;                              // once the search phase has ended
};

// Weights, batch-norm statistics, architecture parameters, both optimisers' state, the random
// generator and the position; written to a temporary and renamed.
void saveCheckpoint(const std::string& path, const SpaceImpl& space,
                    torch::optim::Optimizer& weights, torch::optim::Optimizer* architecture,
                    const TrainerPosition& position);
// Restores all of it into a Space built from the same seed and dimensions.
TrainerPosition loadCheckpoint(const std::string& path, SpaceImpl& space,
                               torch::optim::Optimizer& weights,
                               torch::optim::Optimizer* architecture);

}  // namespace secateur
