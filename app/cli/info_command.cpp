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

int info(const InfoArgs& a) {
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
        "TorchScript file, a Secateur model (.json) or a zoo model");
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
