// The search: warm-up (plain training), search (weights and architecture parameters, task loss +
// strength x cost), fine-tune (architecture frozen), evaluation and export. Seeded and
// deterministic for a given thread count; observable, pausable and cancellable from another thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/cost/cost.h"
#include "engine/search/limits.h"
#include "engine/space/space.h"

namespace secateur {

class Task;  // engine/search/task.h

struct SearchOptions {
    // The registry's defaults (defaultDimensions(), checked by a test), written out so that the
    // widgets, which never link the engine, can make SearchOptions too.
    std::vector<Dimension> dimensions{{"channels"}, {"kernels"}, {"dilations"}};
    // Where `dimensions` are looked up (none: the built-in registry); for embedders and tests that
    // add dimensions of their own. Not saved with a project.
    const Registry<DimensionDef>* dimensionRegistry = nullptr;
    std::string cost = "macs";
    std::string target = kDefaultTarget;  // the device every target-dependent cost is for
    // Maxima the exported network meets (checked reachable before training; repaired if the
    // search ends outside). `cost` is then minimised under them.
    std::vector<Limit> limits;
    double strength = 0.2;  // weight of cost / seed cost against the task loss
    int warmupEpochs = 2, searchEpochs = 6, finetuneEpochs = 2;
    int64_t batchSize = 32;
    int64_t maxTrainSamples = 0;     // samples drawn per epoch (0: the whole training split)
    int64_t maxEvalSamples = 0;      // validation and test on this many samples (0: whole splits)
    bool cosineDecay = false;        // learning rates decay to zero over each phase
    double learningRate = 1e-3;      // weights (Adam)
    double architectureRate = 5e-2;  // architecture parameters (Adam)
    uint64_t seed = 1;
    int threads = 0;                 // 0: leave LibTorch's setting
    double snapshotInterval = 0.05;  // seconds between step snapshots to the observer
    // Written after every epoch and when cancelled (empty: none). With `resume`, a search whose
    // checkpoint exists continues from it and ends exactly where an uninterrupted one ends.
    std::string checkpoint;
    bool resume = false;
};

// What an observer sees: plain values, safe to keep and read from any thread.
struct Snapshot {
    std::string phase;  // warmup, search, finetune, then done (final metrics)
    int epoch = 0, epochsInPhase = 0;
    int64_t step = 0, stepsPerEpoch = 0, totalSteps = 0;
    double taskLoss = 0.0, costTerm = 0.0;
    std::vector<CostInfo> costInfo;         // every reported cost: name, unit, label
    std::string target;                     // the device the costs are for
    CostValues costs;                       // at the current hard decisions
    std::vector<double> liveBytes;          // activation bytes live at each step of the plan
    std::vector<std::string> liveSteps;     // the node each of those steps runs
    std::vector<LimitStatus> limits;        // each limit against the current decisions
    std::vector<LayerCost> layerCosts;      // the same per node (nodes with a cost only)
    std::map<std::string, double> metrics;  // validation metrics after an epoch
    Decisions decisions;
};

class SearchObserver {
public:
    virtual ~SearchObserver() = default;
    virtual void onStep(const Snapshot&) {}
    virtual void onEpoch(const Snapshot&) {}
};

// Set from any thread; the trainer checks between steps.
struct SearchControl {
    std::atomic<bool> cancel{false};
    std::atomic<bool> pause{false};
    // Set by the trainer while it waits at a pause (between two steps): the pause has taken hold.
    std::atomic<bool> holding{false};
};

struct SearchResult {
    Graph exported;
    Measurement measured;
    Decisions decisions;
    std::map<std::string, double> metrics;      // validation metrics ("val_" + name) of the export
    std::map<std::string, double> testMetrics;  // test metrics of the export (no prefix), if any
    std::vector<std::vector<int64_t>> validationConfusion, testConfusion;
    std::map<std::string, double> seedMetrics;  // of the seed after warm-up (empty without one)
    std::vector<LimitStatus> limits;            // of the exported network: all met
    Repair repair;                              // ran = false: the search itself met them
    bool cancelled = false;
};

SearchResult runSearch(const Graph& seed, const Task& task, const SearchOptions& options,
                       SearchObserver* observer = nullptr, SearchControl* control = nullptr);
// What runSearch checks before any training: the cost and target names, the limits (each
// reachable by the smallest network the dimensions allow) and the batch size. Throws an Error.
void checkSearchable(const Graph& seed, const SearchOptions& options);

}  // namespace secateur
