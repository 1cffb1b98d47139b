// A sweep: the seed trained once (cached), then several points, each a search from the trained
// seed at one strength or the seed scaled to one width and trained for the same epochs, written
// to a run folder that survives being killed and resumed.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/project/project.h"
#include "engine/runs/sweep_observer.h"

namespace secateur {

// The points of a budget: baselines first (in width order), then searches (in strength order),
// then the limit sweep's searches (in limit order).
std::vector<PointPlan> planPoints(const Budget& budget);

// The built-in budgets a project without its own gets ("demo" and "full").
std::map<std::string, Budget> defaultBudgets();

struct SweepOptions {
    std::string out;
    std::string budget = "demo";
    bool resume = false;            // continue a run folder that already holds this sweep
    int jobs = 1;                   // points in parallel processes
    int threads = 0;                // per point (0: the machine's cores divided by jobs)
    std::vector<std::string> only;  // run just these points (the processes --jobs starts)
    // For --jobs > 1: the program and arguments that run one point (the point's name and
    // "--threads N" are appended).
    std::vector<std::string> pointCommand;
};

struct SweepOutcome {
    int finished = 0, total = 0;  // points with their files written, of all planned
    bool cancelled = false;
    std::vector<std::string> failed;  // points whose process failed (--jobs), with the reason
};

SweepOutcome runSweep(const Project& project, const SweepOptions& options,
                      SweepObserver* observer = nullptr, SearchControl* control = nullptr);

// A run folder read back: the trained seed and the finished points (in plan order).
struct SweepRun {
    std::string folder, title, task, metric;
    std::string budget;           // the budget it ran (empty for folders of older versions)
    std::vector<PointPlan> plan;  // that budget's points, finished or not
    bool lowerIsBetter = false;
    std::vector<Limit> limits;  // the project's limits, every point's (a limit sweep adds its own)
    PointRecord seed;
    std::vector<PointRecord> points;
};
// Throws an Error naming the folder and the file at fault.
SweepRun loadSweepRun(const std::string& folder);
// The budget a sweep in `folder` runs (sweep.json, written when it starts); empty when none.
std::string sweepBudget(const std::string& folder);

}  // namespace secateur
