// `secateur info FILE|--zoo NAME` (the per-layer table and totals) and `secateur zoo`.
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/cli/command_line.h"
#include "app/cli/layer_report.h"
#include "engine/cost/cost.h"
#include "engine/cost/cost_json.h"
#include "engine/graph/serialize.h"
#include "engine/import/torchscript_import.h"
#include "engine/project/project.h"
#include "engine/report/report.h"
#include "engine/runs/run_folder.h"
#include "engine/runs/sweep_points.h"
#include "engine/util/error.h"
#include "engine/zoo/zoo.h"

namespace secateur::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct InfoArgs {
    std::string file, zoo, inputShape, target = kDefaultTarget;
    std::vector<std::string> keepWhole;
    bool json = false;
};

Graph loadModel(const InfoArgs& a, ImportReport* report) {
    if (!a.zoo.empty()) {
        Graph g = zooModel(a.zoo);
        if (!a.inputShape.empty()) g.setInputShapes(parseShapes(a.inputShape));
        return g;
    }
    if (a.file.empty()) throw Error("give one model file, or --zoo NAME");
    if (!fs::exists(a.file)) throw Error("no such file '" + a.file + "'");
    if (fs::path(a.file).extension() == ".json") return loadGraph(a.file);
    if (a.inputShape.empty())
        throw Error(
            "'" + a.file +
            "': give the input shape of a TorchScript file with --input-shape, e.g. 1,3,32,32");
    ImportOptions options;
    options.inputShapes = parseShapes(a.inputShape);
    options.keepWhole = a.keepWhole;
    return importTorchScript(a.file, options, report);
}

// A sweep's folder: its points with their costs and metrics.
int infoSweep(const std::string& folder, bool asJson) {
    const SweepRun run = loadSweepRun(folder);
    std::vector<const PointRecord*> rows{&run.seed};
    for (const PointRecord& p : run.points) rows.push_back(&p);
    if (asJson) {
        json points = json::array();
        for (const PointRecord* p : rows) points.push_back(pointRecordJson(*p));
        std::cout << json{{"folder", folder},
                          {"task", run.task},
                          {"metric", run.metric},
                          {"budget", run.budget},
                          {"points", points}}
                         .dump(2)
                  << "\n";
        return 0;
    }
    std::cout << folder << ": " << run.title << ", " << run.task << ", budget " << run.budget
              << ", " << run.points.size() << " finished points\n";
    std::vector<std::string> costs;
    for (const CostInfo& cost : costCatalog())
        if (run.seed.costs.count(cost.name)) costs.push_back(cost.name);
    std::cout << std::left << std::setw(18) << "point" << std::setw(10) << "kind" << std::right;
    for (const std::string& c : costs) std::cout << std::setw(13) << costInfo(c).label;
    const std::string metric = metricLabel(run.metric);
    std::cout << std::setw(14) << ("val " + metric) << std::setw(14) << ("test " + metric)
              << "  limits\n";
    for (const PointRecord* p : rows) {
        std::cout << std::left << std::setw(18) << p->name << std::setw(10)
                  << pointKindName(p->kind) << std::right;
        for (const std::string& c : costs)
            std::cout << std::setw(13) << formatCost(c, valueOf(p->costs, c));
        std::cout << std::setw(14) << formatMetric(run.metric, valueOf(p->validation, run.metric))
                  << std::setw(14) << formatMetric(run.metric, valueOf(p->test, run.metric)) << "  "
                  << (p->limitsMet ? "met" : "over") << "\n";
    }
    return 0;
}

int info(const InfoArgs& a) {
    if (!a.file.empty() && fs::is_directory(a.file)) {
        if (isSweepFolder(a.file)) return infoSweep(a.file, a.json);
        InfoArgs single = a;  // a single search's folder: its exported network
        single.file = (fs::path(a.file) / "final.json").string();
        if (!fs::exists(single.file))
            throw Error("'" + a.file +
                        "' holds neither a sweep (seed.json) nor a search's network "
                        "(final.json)");
        return info(single);
    }
    const std::string device = target(a.target).name;
    ImportReport report;
    const Graph graph = loadModel(a, &report);
    if (a.json) {
        const Measurement m = measure(graph, device);
        json unused = json::array();
        for (const SubmoduleInfo& u : report.unused)
            unused.push_back({{"module", u.path}, {"params", u.params}});
        std::cout << json{{"total", costValuesJson(m.totals)},
                          {"target", device},
                          {"layers", layersJson(graph, device)},
                          {"unused", unused}}
                         .dump(2)
                  << "\n";
        return 0;
    }
    std::cout << "target: " << target(device).label << "\n";
    printLayerTable(graph, device, std::cout);
    if (!report.unused.empty()) {
        std::cout << "unused:";
        for (size_t i = 0; i < report.unused.size(); ++i)
            std::cout << (i ? ", " : " ") << report.unused[i].path << " ("
                      << report.unused[i].params << " parameters)";
        std::cout << ", dropped (forward never uses them; not counted, not exported)\n";
    }
    return 0;
}

}  // namespace

void addInfoCommand(CLI::App& app, Runner& run, const Globals&) {
    auto args = std::make_shared<InfoArgs>();
    CLI::App* command = app.add_subcommand(
        "info",
        "Per-layer table (kind, channels, kernel, dilation and every cost) and totals of a "
        "TorchScript file, a Secateur model (.json), a zoo model or a search's run folder; for a "
        "sweep's folder, its points with their costs and metrics");
    command->group("Commands");
    CLI::Option* file = command->add_option("file", args->file,
                                            "A TorchScript file (.pt) or a Secateur model (.json)");
    command->add_option("--zoo", args->zoo, "A zoo model instead of a file (see secateur zoo)")
        ->excludes(file);
    command->add_option("--input-shape", args->inputShape,
                        "Input shape of a TorchScript file (e.g. 1,3,32,32; several inputs: "
                        "1,3,32,32;1,10)");
    command
        ->add_option("--keep-whole", args->keepWhole,
                     "Run this submodule as one frozen call (repeatable)")
        ->allow_extra_args(false);
    command
        ->add_option("--target", args->target,
                     "The device the costs are for." + oneOf(targetNames()))
        ->capture_default_str();
    command->add_flag("--json", args->json, "Print JSON instead of a table");
    command->callback([&run, args] { run = [args] { return info(*args); }; });
}

void addZooCommand(CLI::App& app, Runner& run, const Globals&) {
    app.add_subcommand("zoo", "List the built-in seed models")->group("Commands")->callback([&run] {
        run = [] {
            for (const ZooEntry& e : zooModels())
                std::cout << std::left << std::setw(20) << e.name << std::setw(24) << e.task
                          << e.description << "\n";
            return 0;
        };
    });
}

}  // namespace secateur::cli
