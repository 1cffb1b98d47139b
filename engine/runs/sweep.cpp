#include "engine/runs/sweep.h"

#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "engine/data/sha256.h"
#include "engine/export/format.h"
#include "engine/export/prune.h"
#include "engine/graph/serialize.h"
#include "engine/runs/folder_lock.h"
#include "engine/runs/point_process.h"
#include "engine/runs/resume_check.h"
#include "engine/runs/run_folder.h"
#include "engine/runs/seed_training.h"
#include "engine/space/dimension_def.h"
#include "engine/util/atomic_file.h"
#include "engine/util/error.h"
#include "engine/util/suggest.h"

namespace secateur {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

std::string settingText(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

// "flash-16k", "latency_ms-20": byte values in whole kB or MB where they are.
std::string limitPointName(const std::string& cost, double value) {
    const double kib = 1024.0;
    if (costInfo(cost).unit == "byte") {
        if (std::fmod(value, kib * kib) == 0.0)
            return cost + "-" + settingText(value / kib / kib) + "M";
        if (std::fmod(value, kib) == 0.0) return cost + "-" + settingText(value / kib) + "k";
        return cost + "-" + std::to_string(std::llround(value));
    }
    return cost + "-" + settingText(value);
}

// Forwards a point's snapshots to the sweep observer and keeps them (epoch ends, and step
// snapshots thinned to about one per 2 % of the point) in snapshots/NAME.jsonl.
class PointRecorder : public SearchObserver {
public:
    PointRecorder(std::string point, fs::path file, SweepObserver* observer)
        : point_(std::move(point)), file_(std::move(file)), observer_(observer) {
        std::ifstream in(file_);  // a resumed point keeps what it recorded before
        std::string line;
        while (std::getline(in, line))
            if (!line.empty()) lines_.push_back(line);
    }
    void onStep(const Snapshot& s) override {
        if (observer_) observer_->onSnapshot(point_, s, false);
        const int64_t every = std::max<int64_t>(1, s.totalSteps / 50);
        if (s.step / every == lastKept_) return;
        lastKept_ = s.step / every;
        lines_.push_back(snapshotJson(s, false).dump());
    }
    void onEpoch(const Snapshot& s) override {
        if (observer_) observer_->onSnapshot(point_, s, true);
        lines_.push_back(snapshotJson(s, true).dump());
        std::string text;
        for (const std::string& l : lines_) text += l + "\n";
        writeFileAtomically(file_.string(), text);
    }

private:
    std::string point_;
    fs::path file_;
    SweepObserver* observer_;
    std::vector<std::string> lines_;
    int64_t lastKept_ = -1;
};

// The trained seed at `width` of its channels (the seed's own weights, first channels kept).
Graph scaledSeed(const Graph& trained, double width) {
    if (width >= 1.0) return trained;
    Space space(trained, {Dimension{"channels"}});
    space.keepChannelFraction(width);
    return exportPruned(space);
}

int defaultThreads(int jobs) {
    const int cores = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
    return std::max(1, cores / std::max(1, jobs));
}

// Holds anything but its lock file.
bool holdsFiles(const fs::path& folder) {
    if (!fs::exists(folder)) return false;
    for (const fs::directory_entry& entry : fs::directory_iterator(folder))
        if (entry.path().filename() != ".lock") return true;
    return false;
}

void checkFolder(const fs::path& out, bool resume) {
    if (!resume && holdsFiles(out))
        throw Error("run folder " + out.string() +
                    " is not empty: pass --resume to continue the run in it, or choose another "
                    "folder");
}

// The options point `plan` searches or trains with (the trained seed, or its scaled copy, is the
// start).
SearchOptions pointOptions(const Project& project, const Budget& budget, const PointPlan& plan) {
    SearchOptions o = project.search;
    o.warmupEpochs = 0;
    o.maxTrainSamples = budget.maxTrainSamples;
    o.maxEvalSamples = budget.maxEvalSamples;
    if (plan.kind == PointKind::Search) {
        if (plan.limit)
            setLimit(o.limits, plan.limit->cost, plan.limit->value);
        else
            o.strength = plan.setting;
        o.searchEpochs = budget.searchEpochs;
        o.finetuneEpochs = budget.finetuneEpochs;
    } else {
        // Width scaling stored as the search points are (8-bit weights with precision).
        o.dimensions = baselineDimensions(o.dimensions, o.dimensionRegistry);
        o.limits.clear();  // a baseline is what width scaling gives; its limits are only reported
        o.searchEpochs = 0;
        o.finetuneEpochs = budget.searchEpochs + budget.finetuneEpochs;
    }
    return o;
}

// Runs one point in this process; returns its record (from its file when already finished).
std::optional<PointRecord> runPoint(const Project& project, const Budget& budget,
                                    const SweepOptions& options, const PointPlan& plan,
                                    const Graph& trained, const Task& task, int threads,
                                    SweepObserver* observer, SearchControl* control) {
    const fs::path out(options.out);
    const fs::path file = out / "points" / (plan.name + ".json");
    if (fs::exists(file)) {
        std::ifstream in(file);
        return pointRecordFromJson(json::parse(in), file.string());
    }
    fs::create_directories(out / "points");
    fs::create_directories(out / "checkpoints");
    fs::create_directories(out / "snapshots");
    SearchOptions o = pointOptions(project, budget, plan);
    o.threads = threads;
    o.checkpoint = (out / "checkpoints" / (plan.name + ".pt")).string();
    o.resume = true;
    const Graph start =
        plan.kind == PointKind::Search ? trained : scaledSeed(trained, plan.setting);
    PointRecorder recorder(plan.name, out / "snapshots" / (plan.name + ".jsonl"), observer);
    const auto began = Clock::now();
    SearchResult result = runSearch(start, task, o, &recorder, control);
    if (result.cancelled) return std::nullopt;
    if (plan.kind != PointKind::Search)
        result.limits = limitStatus(project.search.limits, result.measured.totals);
    const double seconds = std::chrono::duration<double>(Clock::now() - began).count();
    writeFormat(result.exported, "torchscript", (out / "points" / (plan.name + ".pt")).string());
    saveGraph(result.exported, (out / "points" / (plan.name + ".graph.json")).string());
    Project described = project;
    described.search = o;
    RunSummary summary = summarizeRun(described, trained, result, task.info());
    summary.id = plan.name;
    const PointRecord record = pointRecordOf(plan.name, plan.kind, plan.setting, result, seconds);
    writePointFile(file.string(), record, summary, result, options.budget);
    return record;
}

ReportInput reportOf(const Project& project, const Task& task, const PointRecord& seed,
                     const std::vector<PointRecord>& points) {
    return {project.name, task.info().name, task.info().metric, task.info().lowerIsBetter,
            seed,         points,           project.search.cost};
}

}  // namespace

std::vector<PointPlan> planPoints(const Budget& budget) {
    std::vector<PointPlan> plan;
    for (const double w : budget.widths)
        plan.push_back({"width-" + settingText(w), PointKind::Baseline, w, std::nullopt});
    const std::vector<double> strengths =
        !budget.strengths.empty() || budget.limitSweep ? budget.strengths : logSpaced(0.05, 2.0, 4);
    for (const double s : strengths)
        plan.push_back({"search-" + settingText(s), PointKind::Search, s, std::nullopt});
    if (budget.limitSweep)
        for (const double v : budget.limitSweep->values)
            plan.push_back({limitPointName(budget.limitSweep->cost, v), PointKind::Search, v,
                            Limit{budget.limitSweep->cost, v}});
    return plan;
}

std::map<std::string, Budget> defaultBudgets() {
    Budget demo;
    demo.seedEpochs = 6;
    demo.searchEpochs = 3;
    demo.finetuneEpochs = 1;
    demo.strengths = logSpaced(0.1, 1.0, 3);
    demo.widths = {0.25, 0.5, 1.0};
    demo.maxTrainSamples = 2048;
    Budget full;
    full.seedEpochs = 30;
    full.searchEpochs = 12;
    full.finetuneEpochs = 6;
    full.strengths = logSpaced(0.03, 3.0, 6);
    return {{"demo", demo}, {"full", full}};
}

SweepOutcome runSweep(const Project& project, const SweepOptions& options, SweepObserver* observer,
                      SearchControl* control) {
    if (options.out.empty()) throw Error("give the run folder with --out DIR");
    const fs::path out(options.out);
    if (options.only.empty()) checkFolder(out, options.resume);
    std::map<std::string, Budget> budgets = defaultBudgets();
    for (const auto& [name, b] : project.budgets) budgets[name] = b;
    Project withBudgets = project;
    withBudgets.budgets = budgets;
    const Budget& budget = withBudgets.budget(options.budget);
    const std::vector<PointPlan> plan = planPoints(budget);
    std::vector<std::string> names{kSeedPoint};
    for (const PointPlan& p : plan) names.push_back(p.name);
    for (const std::string& name : options.only) {
        if (std::find(names.begin(), names.end(), name) == names.end())
            throw Error("point '" + name + "' is not a point of budget '" + options.budget + "'" +
                        didYouMean(name, names) + "; its points: " + joinNames(names));
    }
    const auto say = [&](const std::string& text) {
        if (observer) observer->onMessage(text);
    };
    // One process per folder; the points a parent starts (--jobs) run under its lock.
    const FolderLock lock(out.string(), options.only.empty() ? 0 : sweepParentPid());
    if (options.only.empty() && options.resume)
        checkResumable(out.string(), withBudgets, options.budget);
    const std::pair<Graph, Task> loaded = project.loadSeedAndTask(say);
    const Graph& seed = loaded.first;
    const Task& task = loaded.second;
    fs::create_directories(out);
    if (options.only.empty()) {
        withBudgets.save((out / "project.json").string());
        writeFileAtomically((out / "sweep.json").string(),
                            json{{"budget", options.budget}}.dump(1) + "\n");
    }
    const int threads = options.threads > 0 ? options.threads : defaultThreads(options.jobs);
    SweepOutcome outcome;
    outcome.total = static_cast<int>(plan.size());
    for (const PointPlan& p : plan)  // before any training: an unreachable limit stops it here
        if (p.kind == PointKind::Search) try {
                checkSearchable(seed, pointOptions(project, budget, p));
            } catch (const Error& e) {
                throw Error("point " + p.name + ": " + e.what());
            }
    if (observer)
        observer->onPointStart({kSeedPoint, PointKind::Seed, 1.0, std::nullopt}, 0, outcome.total);
    const std::optional<TrainedSeed> trained =
        trainSeed(project, seed, task, budget,
                  options.threads > 0 ? options.threads : defaultThreads(1), observer, control);
    if (!trained) {
        outcome.cancelled = true;
        return outcome;
    }
    if (options.only.empty()) {
        json seedJson = pointRecordJson(trained->record);
        seedJson["task"] = task.info().name;
        seedJson["metric"] = task.info().metric;
        seedJson["lower_is_better"] = task.info().lowerIsBetter;
        seedJson["epochs"] = budget.seedEpochs;
        seedJson["budget"] = options.budget;
        seedJson["cache"] = trained->cacheFolder;
        writeFileAtomically((out / "seed.json").string(), seedJson.dump(1) + "\n");
    }
    std::vector<PointRecord> done;
    std::vector<std::string> order;
    for (const PointPlan& p : plan) order.push_back(p.name);
    const auto collect = [&] {
        done.clear();
        for (const PointPlan& p : plan) {
            const fs::path file = out / "points" / (p.name + ".json");
            if (!fs::exists(file)) continue;
            std::ifstream in(file);
            done.push_back(pointRecordFromJson(json::parse(in), file.string()));
        }
        if (options.only.empty())
            writeSweepIndex(out.string(), reportOf(project, task, trained->record, done), order);
    };
    if (options.jobs > 1 && options.only.empty()) {
        if (options.pointCommand.empty())
            throw Error("--jobs needs the command that runs one point");
        std::vector<std::pair<pid_t, std::string>> running;
        size_t next = 0;
        while (next < plan.size() || !running.empty()) {
            while (next < plan.size() && running.size() < static_cast<size_t>(options.jobs)) {
                if (!fs::exists(out / "points" / (plan[next].name + ".json"))) {
                    if (observer)
                        observer->onPointStart(plan[next], static_cast<int>(next), outcome.total);
                    running.emplace_back(
                        startPointProcess(options.pointCommand, plan[next].name, threads),
                        plan[next].name);
                }
                ++next;
            }
            if (running.empty()) break;
            int status = 0;
            const pid_t pid = ::waitpid(-1, &status, 0);
            for (auto it = running.begin(); it != running.end(); ++it) {
                if (it->first != pid) continue;
                if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
                    outcome.failed.push_back(it->second + " (exit status " +
                                             std::to_string(WEXITSTATUS(status)) + ")");
                running.erase(it);
                break;
            }
            collect();
        }
    } else {
        for (size_t i = 0; i < plan.size(); ++i) {
            if (!options.only.empty() && std::find(options.only.begin(), options.only.end(),
                                                   plan[i].name) == options.only.end())
                continue;
            if (observer) observer->onPointStart(plan[i], static_cast<int>(i), outcome.total);
            const auto record = runPoint(project, budget, options, plan[i], trained->graph, task,
                                         threads, observer, control);
            if (!record) {
                outcome.cancelled = true;
                break;
            }
            if (observer) observer->onPointDone(*record);
            collect();
        }
    }
    collect();
    for (const PointPlan& p : plan)
        if (fs::exists(out / "points" / (p.name + ".json"))) ++outcome.finished;
    return outcome;
}

std::string sweepBudget(const std::string& folder) {
    const fs::path file = fs::path(folder) / "sweep.json";
    if (!fs::exists(file)) return {};
    std::ifstream in(file);
    try {
        return json::parse(in).value("budget", std::string());
    } catch (const json::exception& e) {
        throw Error(file.string() + ": " + e.what());
    }
}

SweepRun loadSweepRun(const std::string& folder) {
    const fs::path dir(folder);
    const fs::path seedFile = dir / "seed.json";
    if (!fs::exists(seedFile))
        throw Error("'" + folder +
                    "' is not a sweep's run folder (no seed.json); run `secateur "
                    "search PROJECT --out " +
                    folder + "` first");
    SweepRun run;
    run.folder = folder;
    {
        std::ifstream in(seedFile);
        const json j = json::parse(in);
        run.seed = pointRecordFromJson(j, seedFile.string());
        run.task = j.value("task", std::string());
        run.metric = j.value("metric", std::string("accuracy"));
        run.lowerIsBetter = j.value("lower_is_better", false);
        run.budget = j.value("budget", sweepBudget(folder));
    }
    const Project project = Project::load((dir / "project.json").string());
    run.title = project.name;
    run.limits = project.search.limits;
    if (!run.budget.empty() && project.budgets.count(run.budget))
        run.plan = planPoints(project.budgets.at(run.budget));
    std::ifstream lines(dir / "metrics.jsonl");
    std::string line;
    int number = 0;
    while (std::getline(lines, line)) {
        ++number;
        if (line.empty()) continue;
        run.points.push_back(pointRecordFromJson(
            json::parse(line),
            (dir / "metrics.jsonl").string() + " line " + std::to_string(number)));
    }
    return run;
}

}  // namespace secateur
