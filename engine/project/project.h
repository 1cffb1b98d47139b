// A project: the seed, the task, the search dimensions and budgets, as one JSON file.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/data/data_task.h"

#include "engine/graph/ir.h"
#include "engine/search/search.h"
#include "engine/search/task.h"

namespace secateur {

struct SeedSource {
    std::string zoo;                 // a zoo model name, or
    std::string torchscript;         // a TorchScript file (relative paths: to the project file)
    std::vector<Shape> inputShapes;  // required for TorchScript
    std::vector<std::string> frozenModules;
    std::vector<std::string> keepWhole;  // submodules imported as opaque nodes (--keep-whole)
    double width = 1.0;                  // zoo models: channel multiplier (2: twice as wide)
};

// How much work a sweep may spend: the seed's own training, then per point (search and fine-tune,
// or a width-scaled baseline trained for the same epochs).
struct Budget {
    int seedEpochs = 20;
    int searchEpochs = 6, finetuneEpochs = 2;
    std::vector<double> strengths;                     // empty: the default log-spaced ones
    std::vector<double> widths{0.25, 0.5, 0.75, 1.0};  // width-scaling baseline
    int64_t maxTrainSamples = 0;                       // per epoch (0: the whole training split)
    int64_t maxEvalSamples = 0;  // validation and test subset, for smoke tests (0: whole splits)
    // Searches under each value of one limit; then `strengths` adds points only when given.
    std::optional<LimitSweep> limitSweep;
};

// Strengths spaced evenly in log scale from `low` to `high`.
std::vector<double> logSpaced(double low, double high, int count);

struct Project {
    std::string name = "untitled";
    SeedSource seed;
    // "synthetic", a registered dataset (see `secateur data list`) or "folder" (data.folder).
    std::string task = "synthetic";
    DataSpec data;         // the dataset behind `task` (settings; the folder for "folder")
    SearchOptions search;  // with the target and the limits (search.limits)
    // The project's run history: run folders (relative paths in the file: to the project file).
    std::vector<std::string> runs;
    std::map<std::string, Budget> budgets;  // by name, e.g. "demo" and "full"

    // Throws an Error naming the file and the field at fault.
    static Project load(const std::string& path);
    void save(const std::string& path) const;
    // The text save(path) writes (run folders relative to path's folder).
    std::string toJson(const std::string& path) const;
    // The seed; a zoo seed is shaped for `task`'s samples and classes when given.
    Graph loadSeed(const Task* task = nullptr) const;
    // The data this project searches on: a dataset's cached features, or the synthetic task (512
    // training and 256 validation samples, seeded with the search seed) shaped for `seed`.
    Task makeTask(const Graph& seed, const Log& log = {}) const;
    bool usesData() const { return task != "synthetic"; }
    // `data` with the dataset `task` names (the folder when task is "folder").
    DataSpec dataSpec() const;
    // The seed and its task, in the order real data needs (the data shapes a zoo seed).
    std::pair<Graph, Task> loadSeedAndTask(const Log& log = {}) const;
    // The named budget; throws an Error listing the project's budgets.
    const Budget& budget(const std::string& name) const;
};

// "1,3,32,32" -> {1,3,32,32}; several inputs separated by ';'. Throws naming the bad text.
std::vector<Shape> parseShapes(const std::string& text);

}  // namespace secateur
