// `secateur search`: one search of a project, a TorchScript seed or a zoo model; with a budget, the
// sweep (sweep_command.cpp).
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

#include "app/cli/layer_report.h"
#include "app/cli/search_args.h"
#include "engine/cost/cost.h"
#include "engine/cost/cost_json.h"
#include "engine/data/dataset.h"
#include "engine/project/project.h"
#include "engine/runs/folder_lock.h"
#include "engine/runs/run_summary.h"
#include "engine/runs/training_phase.h"
#include "engine/search/task.h"
#include "engine/space/dimensions.h"
#include "engine/target/target.h"
#include "engine/util/error.h"

namespace secateur::cli {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> datasetNames() {
    std::vector<std::string> names{"synthetic"};
    for (const DatasetInfo& d : datasetList()) names.push_back(d.name);
    return names;
}

Project projectFromArgs(const SearchArgs& a) {
    Project project;
    if (!a.project.empty()) {
        project = Project::load(a.project);
    } else if (!a.zoo.empty()) {
        project.seed.zoo = a.zoo;
        project.name = a.zoo;
    } else if (!a.seed.empty()) {
        project.seed.torchscript = a.seed;
        if (a.inputShape.empty()) throw Error("--seed needs --input-shape, e.g. 1,3,32,32");
        project.seed.inputShapes = parseShapes(a.inputShape);
        project.name = fs::path(a.seed).stem().string();
    } else {
        throw Error("give a project file, --seed FILE.pt --input-shape S, or --zoo NAME");
    }
    for (const std::string& path : a.keepWhole) {
        if (project.seed.torchscript.empty())
            throw Error("--keep-whole applies to a TorchScript seed (--seed FILE.pt)");
        project.seed.keepWhole.push_back(path);
    }
    if (!a.task.empty()) {
        project.task = a.task;
        if (project.task != "synthetic") project.data.dataset = findDataset(a.task).name;
    }
    if (!a.data.empty()) {
        project.data = {};
        if (fs::is_directory(a.data)) {
            project.task = "folder";
            project.data.folder = a.data;
        } else {
            project.task = a.data;
            project.data.dataset = findDataset(a.data).name;
        }
    }
    if (!a.dataSettings.empty()) project.data.settings = a.dataSettings;
    SearchOptions& o = project.search;
    if (!a.dims.empty()) {
        o.dimensions.clear();
        std::stringstream names(a.dims);
        std::string name;
        while (std::getline(names, name, ',')) o.dimensions.push_back(parseDimension(name));
    }
    if (!a.cost.empty()) o.cost = canonicalCostName(a.cost);
    if (!a.target.empty()) o.target = target(a.target).name;
    for (const std::string& text : a.limits) {
        const Limit limit = parseLimit(text);
        setLimit(o.limits, limit.cost, limit.value);
    }
    o.strength = a.strength.value_or(o.strength);
    o.searchEpochs = a.epochs.value_or(o.searchEpochs);
    o.warmupEpochs = a.warmup.value_or(o.warmupEpochs);
    o.finetuneEpochs = a.finetune.value_or(o.finetuneEpochs);
    o.batchSize = a.batch.value_or(o.batchSize);
    o.seed = a.seedValue.value_or(o.seed);
    return project;
}

class ProgressPrinter : public SearchObserver {
public:
    void onEpoch(const Snapshot& s) override {
        std::cerr << std::left << std::setw(9) << s.phase;
        if (trainingPhaseOf(s.phase) != TrainingPhase::Done)
            std::cerr << "epoch " << s.epoch + 1 << "/" << s.epochsInPhase << "  ";
        std::cerr << "loss " << std::setprecision(4) << s.taskLoss;
        for (const CostInfo& cost : s.costInfo)
            std::cerr << "  " << cost.name << " " << std::setprecision(6) << s.costs.at(cost.name);
        for (const auto& [name, value] : s.metrics)
            std::cerr << "  " << name << " " << std::setprecision(4) << value;
        std::cerr << std::endl;
    }
};

int search(const SearchArgs& a, const Globals& globals) {
    Project project = projectFromArgs(a);
    if (!a.budget.empty() || !a.limitSweep.empty() || !project.budgets.empty())
        return sweepCommand(project, a, globals);
    for (const auto& [given, option] :
         {std::pair{a.jobs.has_value(), "--jobs"}, std::pair{!a.point.empty(), "--point"}})
        if (given)
            throw Error(std::string(option) +
                        " applies to a sweep: give --budget NAME, or a project with budgets");
    const fs::path out = a.out;
    const FolderLock lock(out.string());  // one process at a time per run folder
    project.search.checkpoint = (out / "checkpoint.pt").string();
    project.search.resume = a.resume;
    project.search.threads = a.threads.value_or(project.search.threads);
    const bool quiet = globals.verbosity == Verbosity::Quiet;
    const auto [seed, task] = project.loadSeedAndTask([quiet](const std::string& m) {
        if (!quiet) std::cerr << m << "\n";
    });
    fs::create_directories(out);
    if (!quiet)
        std::cerr << "searching " << project.name << " on the " << task.info().name << " task\n";
    ProgressPrinter printer;
    const SearchResult result = runSearch(seed, task, project.search, quiet ? nullptr : &printer);
    writeRun(out.string(), project, seed, result, task.info());
    const Measurement seedCost = measure(seed, project.search.target);
    for (const CostInfo& cost : costCatalog())
        std::cout << cost.name << " " << costValuesJson({{cost.name, seedCost.total(cost.name)}})
                  << " -> " << costValuesJson({{cost.name, result.measured.total(cost.name)}})
                  << "\n";
    printLayerTable(result.exported, project.search.target, std::cout);
    std::cout << "wrote " << (out / "final.pt").string() << " and "
              << (out / "summary.json").string() << "\n";
    return 0;
}

}  // namespace

void addSearchCommand(CLI::App& app, Runner& run, const Globals& globals) {
    auto a = std::make_shared<SearchArgs>();
    CLI::App* c = app.add_subcommand(
        "search",
        "Search a smaller network: a project file (.secproj/.json), a TorchScript seed or a zoo "
        "model. Without budgets it writes DIR/final.pt, DIR/final.json, DIR/summary.json and "
        "DIR/checkpoint.pt; with --budget (or a project with budgets) it runs a sweep into DIR: "
        "the trained seed, baselines and search points, report.html and points/");
    c->group("Commands");
    CLI::Option* project = c->add_option("project", a->project, "A project file");
    CLI::Option* seed = c->add_option("--seed", a->seed, "A TorchScript seed (.pt)");
    CLI::Option* zoo = c->add_option("--zoo", a->zoo, "A zoo model as the seed (see secateur zoo)");
    project->excludes(seed)->excludes(zoo);
    seed->excludes(zoo);
    c->add_option("--input-shape", a->inputShape,
                  "Input shape of a TorchScript seed, e.g. 1,3,32,32");
    c->add_option("--keep-whole", a->keepWhole,
                  "Run this submodule of a TorchScript seed as one frozen call whose channels "
                  "are never pruned (repeatable), e.g. for an LSTM head")
        ->allow_extra_args(false);
    c->add_option("--task", a->task, "The task." + oneOf(datasetNames()));
    c->add_option("--data", a->data, "A dataset name or a folder of your own data");
    c->add_option("--data-settings", a->dataSettings, "Data settings, e.g. a dataset's window");
    c->add_option("--dims", a->dims,
                  "Search dimensions, comma-separated." + oneOf(dimensionNames()));
    c->add_option("--minimize,--cost", a->cost, "The cost to minimise." + oneOf(costNames()));
    c->add_option("--target", a->target, "The device the costs are for." + oneOf(targetNames()));
    c->add_option("--limit", a->limits,
                  "A limit the result must meet, COST=VALUE (e.g. flash=24k; repeatable)")
        ->allow_extra_args(false);
    addOptional(c, "--strength", a->strength, "How strongly the cost counts against the task");
    addOptional(c, "--epochs", a->epochs, "Search epochs")->check(wholeNumber(0));
    addOptional(c, "--warmup", a->warmup, "Warm-up epochs")->check(wholeNumber(0));
    addOptional(c, "--finetune", a->finetune, "Fine-tuning epochs")->check(wholeNumber(0));
    addOptional(c, "--batch", a->batch, "Batch size")->check(wholeNumber(1));
    addOptional(c, "--seed-value", a->seedValue, "Random seed of the run")->check(wholeNumber(0));
    c->add_option("--out", a->out, "The run folder to write")->required();
    c->add_flag("--resume", a->resume, "Continue the run in --out from its checkpoint");
    c->add_option("--budget", a->budget,
                  "Run the sweep of this budget (demo, full or the project's)");
    c->add_option("--limit-sweep", a->limitSweep,
                  "Search points under each of these limits, COST=V1,V2,... (a sweep)");
    addOptional(c, "--jobs", a->jobs, "Sweep points run in parallel processes")
        ->check(wholeNumber(1));
    addOptional(c, "--threads", a->threads, "Threads per search (default: the cores less one)")
        ->check(wholeNumber(1));
    c->add_option("--point", a->point, "Run only this point of the sweep");
    c->callback([&run, a, &globals] { run = [a, &globals] { return search(*a, globals); }; });
}

}  // namespace secateur::cli
