// What a search leaves in its run folder (final.pt, final.json, project.json, summary.json), and
// the summary read back: the run history, the Pareto view and the compare view draw from it.
// Free of nlohmann/json (widgets include it); the JSON forms are in run_summary_json.h.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/cost/cost.h"
#include "engine/project/project.h"
#include "engine/search/search.h"
#include "engine/space/space.h"

namespace secateur {

struct TaskInfo;

struct RunSummary {
    std::string id;    // the run folder's name
    std::string name;  // the project's name
    std::string task;
    // The task's headline metric ("accuracy", "macro_f1", "mae") and its direction: a run is
    // judged by metrics["val_" + metric].
    std::string metric = "accuracy";
    bool lowerIsBetter = false;
    std::vector<std::string> dimensions;
    std::string cost;
    std::string target = kDefaultTarget;  // the device the costs are for
    std::vector<LimitStatus> limits;      // of the exported network
    Repair repair;
    double strength = 0.0;
    bool cancelled = false;
    std::map<std::string, double> costs;        // "params", "macs" of the exported network
    std::map<std::string, double> seedCosts;    // the same for the seed
    std::map<std::string, double> metrics;      // validation metrics of the exported network
    std::map<std::string, double> seedMetrics;  // of the seed after warm-up (empty without one)
    int seedTrainedEpochs = 0;          // the seed was trained this long first (0: warm-up only)
    Decisions decisions;                // final, per conv and linear layer
    std::vector<LayerCost> layerCosts;  // per node of the exported network
};

RunSummary summarizeRun(const Project& project, const Graph& seed, const SearchResult& result,
                        const TaskInfo& task);
// The value of the headline `metric` in validation `metrics` ("val_accuracy", or the first
// output's "val_accuracy_0"); nullopt when the run has none. Inline: the views, which link no
// engine code, read it too.
inline std::optional<double> headlineValue(const std::map<std::string, double>& metrics,
                                           const std::string& metric) {
    for (const std::string& key : {"val_" + metric, "val_" + metric + "_0"})
        if (const auto it = metrics.find(key); it != metrics.end()) return it->second;
    return std::nullopt;
}

// summary.json; written to a temporary and renamed.
void saveRunSummary(const RunSummary& summary, const std::string& path);
// Throws an Error naming the file and the field at fault. The id is the folder's name.
RunSummary loadRunSummary(const std::string& path);

// Writes the run folder (created if needed) and returns its summary. `seed`: the network the
// search started from, trained first for `seedTrainedEpochs` (0: only its warm-up).
RunSummary writeRun(const std::string& folder, const Project& project, const Graph& seed,
                    const SearchResult& result, const TaskInfo& task, int seedTrainedEpochs = 0);

// Writes the run folder's searched network (final.json) in `format` (a registered format,
// engine/export/format.h) to `target` (atomically);
// throws an Error naming the folder or format at fault and the way out.
void exportRun(const std::string& folder, const std::string& format, const std::string& target);

}  // namespace secateur
