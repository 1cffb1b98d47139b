// The seed as a reference: trained once per project, budget and data (cached in the user's cache
// folder, resumable), with its validation and test metrics recorded.
#pragma once

#include <optional>
#include <string>

#include "engine/project/project.h"
#include "engine/runs/sweep_observer.h"

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

// One search at the project's settings from the trained seed, as the studio's Search tab runs it.
// With a "demo" budget the seed is trained (or read from the cache) with it first, its sample caps
// apply to the search too, and the warm-up is skipped; without one, the search warms the
// untrained seed up as its settings say.
struct SingleSearch {
    Graph start;                // the network the search began from
    SearchOptions options;      // the settings the search ran with (warm-up and caps as used)
    SearchResult result;        // result.seedMetrics: the trained seed's validation metrics
    int seedTrainedEpochs = 0;  // 0: the seed after this search's own warm-up
};

// The budget a single search trains its seed with (the project's "demo" budget), or null when the
// project has none and the search warms the untrained seed up instead.
const Budget* singleSearchSeedBudget(const Project& project);

// Empty when cancelled while the seed trained (its checkpoint is kept).
std::optional<SingleSearch> searchFromTrainedSeed(const Project& project, const Graph& seed,
                                                  const Task& task, SearchObserver* observer,
                                                  SearchControl* control);

}  // namespace secateur
