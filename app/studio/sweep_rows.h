// What the sweep page shows, made from a run folder read back and the running point's newest
// snapshot: one table row per point and the Pareto points (seed, baselines, searches).
#pragma once

#include <QString>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/runs/sweep.h"
#include "widgets/pareto_view.h"
#include "widgets/sweep_table.h"

namespace secateur::studio {

struct SweepState {
    std::vector<PointPlan> plan;      // every point of the budget
    std::optional<SweepRun> run;      // what the folder holds (none before the seed is trained)
    std::string current;              // the point this process runs now, if any
    std::set<std::string> elsewhere;  // points another process runs (their logs grow)
    std::map<std::string, Snapshot> latest;  // the newest snapshot of running points
    std::string failure;                     // why the sweep stopped with an error, if it did
};

// The seed first, then the plan's points in order, with finished points that the plan does not
// name (from an older budget) at the end.
std::vector<widgets::SweepRow> sweepRows(const SweepState& state);
std::vector<widgets::ParetoPoint> sweepParetoPoints(const SweepRun& run);
// The modification times of what a sweep writes into `folder`: changes as the sweep progresses.
QString folderSignature(const QString& folder);
// The points another process is running in `folder`: a snapshot log that grew in the last
// `seconds` and no result in `run` yet; each with its newest snapshot.
std::map<std::string, Snapshot> runningElsewhere(const QString& folder, const SweepRun* run,
                                                 int seconds = 120);

}  // namespace secateur::studio
