#include "app/cli/commands.h"

#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "app/cli/options.h"
#include "engine/cost/cost.h"
#include "engine/cost/cost_json.h"
#include "engine/data/dataset.h"
#include "engine/export/format.h"
#include "engine/export/layer_table.h"
#include "engine/graph/serialize.h"
#include "engine/import/torchscript_import.h"
#include "engine/project/project.h"
#include "engine/runs/run_summary.h"
#include "engine/runs/training_phase.h"
#include "engine/search/task.h"
#include "engine/util/error.h"
#include "engine/zoo/zoo.h"

namespace secateur::cli {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

std::string joinDims(const std::vector<int64_t>& v, const char* sep) {
    std::string s;
    for (const int64_t d : v) s += (s.empty() ? "" : sep) + std::to_string(d);
    return s;
}

Graph loadModel(const Parsed& p, ImportReport* report = nullptr) {
    if (p.has("--zoo")) {
        Graph g = zooModel(p.value("--zoo"));
        if (p.has("--input-shape")) g.setInputShapes(parseShapes(p.value("--input-shape")));
        return g;
    }
    if (p.positional.size() != 1) throw Error("give one model file, or --zoo NAME");
    const std::string& file = p.positional[0];
    if (!fs::exists(file)) throw Error("no such file '" + file + "'");
    if (fs::path(file).extension() == ".json") return loadGraph(file);
    if (!p.has("--input-shape"))
        throw Error(
            "'" + file +
            "': give the input shape of a TorchScript file with --input-shape, e.g. 1,3,32,32");
    ImportOptions options;
    options.inputShapes = parseShapes(p.value("--input-shape"));
    options.keepWhole = p.all("--keep-whole");
    return importTorchScript(file, options, report);
}

json layersJson(const Graph& graph, const std::string& target) {
    json layers = json::array();
    for (const LayerRow& r : layerTable(graph, target)) {
        json layer{{"name", r.node},
                   {"kind", r.op},
                   {"layer_kind", layerKindName(r.kind)},
                   {"channels", r.channels},
                   {"kernel", r.kernel},
                   {"dilation", r.dilation},
                   {"output_shape", r.outputShape},
                   {"elements", r.elements}};
        layer.update(costValuesJson(r.costs));
        layers.push_back(layer);
    }
    return layers;
}

// One column per registered cost, headed by its label.
void printTable(const Graph& graph, const std::string& target, std::ostream& out) {
    const Measurement total = measure(graph, target);
    const std::vector<CostInfo>& costs = costCatalog();
    const auto value = [](const CostValues& values, const CostInfo& cost) {
        std::ostringstream text;
        if (cost.exact)
            text << std::llround(costValue(values, cost.name));
        else
            text << std::setprecision(4) << costValue(values, cost.name);
        return text.str();
    };
    out << std::left << std::setw(28) << "layer" << std::setw(12) << "kind" << std::right
        << std::setw(9) << "channels" << std::setw(9) << "kernel" << std::setw(9) << "dilation";
    for (const CostInfo& cost : costs) out << std::setw(13) << cost.label;
    out << "\n";
    for (const LayerRow& r : layerTable(graph, target)) {
        out << std::left << std::setw(28) << r.node.substr(0, 27) << std::setw(12) << r.op
            << std::right << std::setw(9) << r.channels << std::setw(9)
            << (r.kernel.empty() ? "-" : joinDims(r.kernel, "x")) << std::setw(9)
            << (r.dilation.empty() ? "-" : joinDims(r.dilation, "x"));
        for (const CostInfo& cost : costs) out << std::setw(13) << value(r.costs, cost);
        out << "\n";
    }
    out << std::left << std::setw(67) << "total" << std::right;
    for (const CostInfo& cost : costs) out << std::setw(13) << value(total.totals, cost);
    out << "\n";
}

void findDatasetOrSynthetic(const std::string& task) {
    if (task != "synthetic") findDataset(task);  // throws with the known names
}

Project projectFromArgs(const Parsed& p) {
    Project project;
    if (!p.positional.empty()) {
        if (p.positional.size() > 1) throw Error("give one project file");
        project = Project::load(p.positional[0]);
    } else if (p.has("--zoo")) {
        project.seed.zoo = p.value("--zoo");
        project.name = p.value("--zoo");
    } else if (p.has("--seed")) {
        project.seed.torchscript = p.value("--seed");
        if (!p.has("--input-shape")) throw Error("--seed needs --input-shape, e.g. 1,3,32,32");
        project.seed.inputShapes = parseShapes(p.value("--input-shape"));
        project.name = fs::path(project.seed.torchscript).stem().string();
    } else {
        throw Error("give a project file, --seed FILE.pt --input-shape S, or --zoo NAME");
    }
    for (const std::string& path : p.all("--keep-whole")) {
        if (project.seed.torchscript.empty())
            throw Error("--keep-whole applies to a TorchScript seed (--seed FILE.pt)");
        project.seed.keepWhole.push_back(path);
    }
    if (p.has("--task")) {
        project.task = p.value("--task");
        if (project.task != "synthetic") project.data.dataset = project.task;
        findDatasetOrSynthetic(project.task);
    }
    if (p.has("--data")) {
        const std::string data = p.value("--data");
        project.data = {};
        if (fs::is_directory(data)) {
            project.task = "folder";
            project.data.folder = data;
        } else {
            project.task = data;
            project.data.dataset = findDataset(data).name;
        }
    }
    if (p.has("--data-settings")) project.data.settings = p.value("--data-settings");
    SearchOptions& o = project.search;
    if (p.has("--dims")) {
        o.dimensions.clear();
        std::stringstream names(p.value("--dims"));
        std::string name;
        while (std::getline(names, name, ',')) o.dimensions.push_back(parseDimension(name));
    }
    const auto number = [&](const std::string& key, auto fallback) {
        if (!p.has(key)) return fallback;
        try {
            return static_cast<decltype(fallback)>(std::stod(p.value(key)));
        } catch (const std::exception&) {
            throw Error("option " + key + ": '" + p.value(key) + "' is not a number");
        }
    };
    if (p.has("--cost") && p.has("--minimize"))
        throw Error("give either --cost or --minimize (the same option), not both");
    o.cost = canonicalCostName(p.value("--minimize", p.value("--cost", o.cost)));
    o.target = target(p.value("--target", o.target)).name;
    for (const std::string& text : p.all("--limit")) {
        const Limit limit = parseLimit(text);
        setLimit(o.limits, limit.cost, limit.value);
    }
    o.strength = number("--strength", o.strength);
    o.searchEpochs = number("--epochs", o.searchEpochs);
    o.warmupEpochs = number("--warmup", o.warmupEpochs);
    o.finetuneEpochs = number("--finetune", o.finetuneEpochs);
    o.batchSize = number("--batch", o.batchSize);
    o.seed = number("--seed-value", o.seed);
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

}  // namespace

int info(const Args& args) {
    const Parsed p =
        parse(args, {"--input-shape", "--zoo", "--keep-whole", "--target"}, {"--json"});
    const std::string device = target(p.value("--target", kDefaultTarget)).name;
    ImportReport report;
    const Graph graph = loadModel(p, &report);
    if (p.has("--json")) {
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
    } else {
        std::cout << "target: " << target(device).label << "\n";
        printTable(graph, device, std::cout);
        if (!report.unused.empty()) {
            std::cout << "unused:";
            for (size_t i = 0; i < report.unused.size(); ++i)
                std::cout << (i ? ", " : " ") << report.unused[i].path << " ("
                          << report.unused[i].params << " parameters)";
            std::cout << ", dropped (forward never uses them; not counted, not exported)\n";
        }
    }
    return 0;
}

int search(const Args& args) {
    const Parsed p =
        parse(args, {"--out",   "--seed",       "--zoo",    "--input-shape",   "--keep-whole",
                     "--task",  "--dims",       "--cost",   "--minimize",      "--target",
                     "--limit", "--strength",   "--epochs", "--warmup",        "--finetune",
                     "--batch", "--seed-value", "--data",   "--data-settings", "--budget",
                     "--jobs",  "--threads",    "--point",  "--limit-sweep"},
              {"--resume"});
    if (!p.has("--out")) throw Error("give the output folder with --out DIR");
    Project project = projectFromArgs(p);
    if (p.has("--budget") || p.has("--limit-sweep") || !project.budgets.empty())
        return sweepCommand(project, p, args);
    const fs::path out = p.value("--out");
    project.search.checkpoint = (out / "checkpoint.pt").string();
    project.search.resume = p.has("--resume");
    if (p.has("--threads")) project.search.threads = std::stoi(p.value("--threads"));
    const auto [seed, task] =
        project.loadSeedAndTask([](const std::string& m) { std::cerr << m << "\n"; });
    fs::create_directories(out);
    std::cerr << "searching " << project.name << " on the " << task.info().name << " task\n";
    ProgressPrinter printer;
    const SearchResult result = runSearch(seed, task, project.search, &printer);
    writeRun(out.string(), project, seed, result, task.info());
    const Measurement seedCost = measure(seed, project.search.target);
    for (const CostInfo& cost : costCatalog())
        std::cout << cost.name << " " << costValuesJson({{cost.name, seedCost.total(cost.name)}})
                  << " -> " << costValuesJson({{cost.name, result.measured.total(cost.name)}})
                  << "\n";
    printTable(result.exported, project.search.target, std::cout);
    std::cout << "wrote " << (out / "final.pt").string() << " and "
              << (out / "summary.json").string() << "\n";
    return 0;
}

int exportRun(const Args& args) {
    const Parsed p = parse(args, {"--format", "--out"}, {});
    if (p.positional.size() != 1)
        throw Error("give the run folder a search wrote, e.g. secateur export runs/kws");
    const std::string run = p.positional[0];
    const std::string format = p.value("--format", "torchscript");
    const std::string extension = formatInfo(format).extension;  // refuses an unknown format
    const std::string target = p.value("--out", (fs::path(run) / ("final" + extension)).string());
    secateur::exportRun(run, format, target);
    std::cout << "wrote " << target << "\n";
    return 0;
}

int zoo(const Args&) {
    for (const ZooEntry& e : zooModels())
        std::cout << std::left << std::setw(20) << e.name << std::setw(24) << e.task
                  << e.description << "\n";
    return 0;
}

}  // namespace secateur::cli
