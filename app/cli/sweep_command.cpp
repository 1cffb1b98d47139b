// `secateur search PROJECT --budget NAME --out DIR [--limit-sweep COST=V,...] [--resume]
// [--jobs N]`: the sweep.
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "app/cli/search_args.h"
#include "engine/cost/cost.h"
#include "engine/runs/sweep.h"
#include "engine/runs/sweep_points.h"
#include "engine/runs/training_phase.h"
#include "engine/util/error.h"

namespace secateur::cli {
namespace {

namespace fs = std::filesystem;

// A cost as the progress lines show it: counts whole, estimates to four digits.
std::string costText(const std::string& cost, double value) {
    std::ostringstream text;
    if (costInfo(cost).exact)
        text << std::llround(value);
    else
        text << std::setprecision(4) << value;
    return text.str();
}

// Progress lines name the minimised cost and each limit; -q keeps only what a point ends with.
class SweepPrinter : public SweepObserver {
public:
    SweepPrinter(std::string cost, Verbosity verbosity)
        : cost_(std::move(cost)), verbosity_(verbosity) {}
    void onMessage(const std::string& text) override {
        if (verbosity_ != Verbosity::Quiet) std::cerr << text << "\n";
    }
    void onPointStart(const PointPlan& p, int index, int total) override {
        if (verbosity_ == Verbosity::Quiet) return;
        if (p.kind == PointKind::Seed)
            std::cerr << "seed: training the reference network\n";
        else
            std::cerr << "point " << index + 1 << "/" << total << ": " << p.name << "\n";
    }
    void onSnapshot(const std::string& point, const Snapshot& s, bool epoch) override {
        if (verbosity_ == Verbosity::Quiet || trainingPhaseOf(s.phase) == TrainingPhase::Done)
            return;
        if (!epoch && verbosity_ != Verbosity::Verbose) return;
        std::cerr << "  " << std::left << std::setw(14) << point << std::setw(9) << s.phase
                  << "epoch " << s.epoch + 1 << "/" << s.epochsInPhase;
        if (!epoch) std::cerr << " step " << s.step;
        std::cerr << "  loss " << std::setprecision(4) << s.taskLoss;
        for (const char* key : {"val_accuracy", "val_macro_f1", "val_mae"})
            if (s.metrics.count(key)) std::cerr << "  " << key << " " << s.metrics.at(key);
        if (const auto it = s.costs.find(cost_); it != s.costs.end())
            std::cerr << "  " << cost_ << " " << costText(cost_, it->second);
        for (const LimitStatus& l : s.limits)
            std::cerr << "  " << l.cost << " " << costText(l.cost, l.value)
                      << (l.met ? " <= " : " > ") << costText(l.cost, l.limit);
        std::cerr << std::endl;
    }
    void onPointDone(const PointRecord& r) override {
        std::cerr << "  done " << r.name << ":";
        if (const auto it = r.costs.find(cost_); it != r.costs.end())
            std::cerr << " " << cost_ << " " << costText(cost_, it->second);
        if (!r.limitsMet) std::cerr << ", over a limit";
        for (const auto& [key, value] : r.test)
            std::cerr << "  test " << key << " " << std::setprecision(4) << value;
        std::cerr << "  (" << std::setprecision(3) << r.wallSeconds << " s)" << std::endl;
    }

private:
    std::string cost_;
    Verbosity verbosity_;
};

// This program with the user's arguments, minus those the sweep sets for each point (in either
// spelling, `--jobs 2` or `--jobs=2`).
std::vector<std::string> pointCommand(const std::vector<std::string>& args) {
    std::vector<std::string> command{fs::read_symlink("/proc/self/exe").string()};
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const std::string name = a.substr(0, a.find('='));
        if (name == "--jobs" || name == "--point" || name == "--threads") {
            if (name == a) ++i;  // the value follows
            continue;
        }
        if (a != "--resume") command.push_back(a);
    }
    command.emplace_back("--resume");
    return command;
}

// The project with `--limit-sweep COST=V1,V2,...` set on the budget the sweep runs.
Project withLimitSweep(const Project& project, const SearchArgs& a, const std::string& budget) {
    if (a.limitSweep.empty()) return project;
    Project changed = project;
    if (!changed.budgets.count(budget)) {
        const std::map<std::string, Budget> defaults = defaultBudgets();
        const auto it = defaults.find(budget);
        changed.budgets[budget] = it != defaults.end() ? it->second : project.budget(budget);
    }
    changed.budgets[budget].limitSweep = parseLimitSweep(a.limitSweep);
    return changed;
}

}  // namespace

int sweepCommand(const Project& given, const SearchArgs& a, const Globals& globals) {
    SweepOptions options;
    options.out = a.out;
    options.budget = a.budget.empty() ? "demo" : a.budget;
    const Project project = withLimitSweep(given, a, options.budget);
    options.resume = a.resume;
    options.jobs = a.jobs.value_or(1);
    options.threads = a.threads.value_or(0);
    if (!a.point.empty()) options.only = {a.point};
    options.pointCommand = pointCommand(globals.args);
    SweepPrinter printer(project.search.cost, globals.verbosity);
    const SweepOutcome outcome = runSweep(project, options, &printer);
    if (!options.only.empty()) return outcome.cancelled ? 1 : 0;
    std::cout << "finished " << outcome.finished << " of " << outcome.total << " points in "
              << options.out << " (report.html, points.csv, points/)\n";
    for (const std::string& f : outcome.failed) std::cerr << "failed: " << f << "\n";
    if (outcome.finished > 0) {
        const SweepRun run = loadSweepRun(options.out);
        try {
            const PointRecord& best = bestPoint(run, "", run.limits);
            std::cout << "best: " << describePoint(run, best) << "\nexport it with: secateur "
                      << "export " << options.out << " --point " << best.name << " --out "
                      << best.name << ".pt\n";
        } catch (const Error& e) {
            std::cout << "best: none (" << e.what() << ")\n";
        }
    }
    return outcome.finished == outcome.total ? 0 : 1;
}

}  // namespace secateur::cli
