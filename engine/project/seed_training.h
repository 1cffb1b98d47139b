// The seed as a reference: trained once per project, budget and data (cached in the user's cache
// folder, resumable), with its validation and test metrics recorded.
#pragma once

#include <optional>
#include <string>

#include "engine/project/sweep.h"

namespace secateur {

struct TrainedSeed {
    Graph graph;
    PointRecord record;  // kind "seed"
    std::string cacheFolder;
};

// Empty when cancelled (a checkpoint is kept, so the next call continues).
std::optional<TrainedSeed> trainSeed(const Project& project, const Graph& seed, const Task& task,
                                     const Budget& budget, int threads, SweepObserver* observer,
                                     SearchControl* control);

}  // namespace secateur
