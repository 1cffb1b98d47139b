// The options of `secateur search`, as parsed; shared by the single search and the sweep.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/cli/command_line.h"

namespace secateur {
struct Project;
}

namespace secateur::cli {

struct SearchArgs {
    std::string project, seed, zoo, inputShape, task, data, dataSettings, dims, cost, target;
    std::vector<std::string> keepWhole, limits;
    std::optional<double> strength;
    std::optional<int> epochs, warmup, finetune, batch, seedValue, jobs, threads;
    std::string out, budget, limitSweep, point;
    bool resume = false;
};

// The sweep into --out (app/cli/sweep_command.cpp): with --budget or --limit-sweep, or a project
// that has budgets.
int sweepCommand(const Project& project, const SearchArgs& args, const Globals& globals);

}  // namespace secateur::cli
