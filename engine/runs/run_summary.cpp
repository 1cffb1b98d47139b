#include "engine/runs/run_summary.h"
#include "engine/runs/run_summary_json.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "engine/cost/cost_json.h"
#include "engine/export/format.h"
#include "engine/graph/serialize.h"
#include "engine/search/task.h"
#include "engine/util/atomic_file.h"
#include "engine/util/error.h"

namespace secateur {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

}  // namespace

// Which dimensions search the layer and what each decided, by dimension name.
json searchesJson(const LayerDecision& d) {
    json searches = json::object();
    for (const auto& [name, entry] : d.dimensions) searches[name] = {{"summary", entry.summary}};
    return searches;
}

json layerDecisionJson(const LayerDecision& d) {
    std::vector<int> kept(d.kept.begin(), d.kept.end());
    json layer = {{"name", d.node},
                  {"kind", d.op},
                  {"layer_kind", layerKindName(d.kind)},
                  {"kept_channels", d.keptChannels},
                  {"total_channels", d.totalChannels},
                  {"keep_probability", d.keepProbability},
                  {"kept", kept},
                  {"kernel", d.kernel},
                  {"seed_kernel", d.seedKernel},
                  {"dilation", d.dilation},
                  {"seed_dilation", d.seedDilation},
                  {"searches", searchesJson(d)}};
    if (!d.weightBits.empty()) layer["weight_bits"] = d.weightBits;
    return layer;
}

LayerDecision layerDecisionFromJson(const json& j) {
    LayerDecision d;
    d.node = j.at("name").get<std::string>();
    d.op = j.at("kind").get<std::string>();
    // Summaries written before "layer_kind" (or by a newer version): the kind the op alone gives.
    const auto kind = layerKindFromName(j.value("layer_kind", std::string()));
    Node opOnly;
    opOnly.op = d.op;
    d.kind = kind ? *kind : layerKind(opOnly);
    d.keptChannels = j.at("kept_channels").get<int64_t>();
    d.totalChannels = j.at("total_channels").get<int64_t>();
    d.keepProbability = j.value("keep_probability", std::vector<float>{});
    for (const int k : j.value("kept", std::vector<int>{})) d.kept.push_back(k != 0);
    d.kernel = j.at("kernel").get<std::vector<int64_t>>();
    d.seedKernel = j.at("seed_kernel").get<std::vector<int64_t>>();
    d.dilation = j.at("dilation").get<std::vector<int64_t>>();
    d.seedDilation = j.at("seed_dilation").get<std::vector<int64_t>>();
    d.weightBits = j.value("weight_bits", std::vector<int>{});
    const json searches = j.value("searches", json::object());
    if (searches
            .is_array()) {  // written before the dimension registry: channels, kernels, dilations
        const std::vector<std::string> names{"channels", "kernels", "dilations"};
        for (size_t i = 0; i < names.size() && i < searches.size(); ++i)
            if (searches[i].get<bool>()) d.dimensions[names[i]] = {};
    } else {
        for (const auto& [name, entry] : searches.items())
            d.dimensions[name] = {entry.value("summary", std::string())};
    }
    return d;
}

RunSummary summarizeRun(const Project& project, const Graph& seed, const SearchResult& result,
                        const TaskInfo& task) {
    RunSummary s;
    s.name = project.name;
    s.task = task.name;
    s.metric = task.metric;
    s.lowerIsBetter = task.lowerIsBetter;
    for (const Dimension& d : project.search.dimensions) s.dimensions.push_back(d.name);
    s.cost = project.search.cost;
    s.target = project.search.target;
    s.limits = result.limits;
    s.repair = result.repair;
    s.strength = project.search.strength;
    s.cancelled = result.cancelled;
    s.costs = result.measured.totals;
    s.seedCosts = measure(seed, project.search.target).totals;
    s.metrics = result.metrics;
    s.seedMetrics = result.seedMetrics;
    s.decisions = result.decisions;
    s.layerCosts = result.measured.layers;
    return s;
}

json limitsJson(const std::vector<LimitStatus>& limits) {
    json list = json::array();
    for (const LimitStatus& l : limits) {
        json entry{{"cost", l.cost}, {"met", l.met}};
        if (costInfo(l.cost).exact)
            entry.update({{"limit", std::llround(l.limit)}, {"value", std::llround(l.value)}});
        else
            entry.update({{"limit", l.limit}, {"value", l.value}});
        list.push_back(entry);
    }
    return list;
}

json repairJson(const Repair& r) {
    return {{"ran", r.ran},
            {"closed", r.closed},
            {"channels_removed", r.count("channels")},
            {"tap_gates_closed", r.count("taps")}};
}

json runSummaryJson(const RunSummary& s) {
    json layers = json::array();
    for (const LayerDecision& d : s.decisions.layers) layers.push_back(layerDecisionJson(d));
    json layerCosts = json::array();
    for (const LayerCost& c : s.layerCosts) {
        json layer = costValuesJson(c.costs);
        layer.update({{"name", c.node}, {"kind", c.op}});
        layerCosts.push_back(layer);
    }
    // Every cost is also at the top level of its object ("params", "macs").
    json seed = costValuesJson(s.seedCosts);
    seed.update({{"costs", s.seedCosts},
                 {"metrics", s.seedMetrics},
                 {"trained_epochs", s.seedTrainedEpochs}});
    json j = costValuesJson(s.costs);
    j.update({{"name", s.name},
              {"costs", s.costs},
              {"seed", seed},
              {"metrics", s.metrics},
              {"task", s.task},
              {"metric", s.metric},
              {"lower_is_better", s.lowerIsBetter},
              {"dimensions", s.dimensions},
              {"cost", s.cost},
              {"target", s.target},
              {"limits", limitsJson(s.limits)},
              {"limits_met", allMet(s.limits)},
              {"repair", repairJson(s.repair)},
              {"strength", s.strength},
              {"cancelled", s.cancelled},
              {"layers", layers},
              {"layer_costs", layerCosts}});
    return j;
}

void saveRunSummary(const RunSummary& s, const std::string& path) {
    writeFileAtomically(path, runSummaryJson(s).dump(2) + "\n");
}

RunSummary loadRunSummary(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw Error("cannot open run summary '" + path + "'");
    RunSummary s;
    std::string field = "(top level)";
    try {
        const json j = json::parse(in);
        s.id = fs::path(path).parent_path().filename().string();
        field = "name";
        s.name = j.value("name", s.id);
        field = "costs";
        s.costs = j.at("costs").get<std::map<std::string, double>>();
        field = "seed";
        s.seedCosts = j.at("seed").at("costs").get<std::map<std::string, double>>();
        s.seedMetrics = j.at("seed").value("metrics", std::map<std::string, double>{});
        s.seedTrainedEpochs = j.at("seed").value("trained_epochs", 0);
        field = "metrics";
        s.metrics = j.at("metrics").get<std::map<std::string, double>>();
        field = "task";
        s.task = j.at("task").get<std::string>();
        field = "metric";
        if (j.contains("metric")) {
            s.metric = j.at("metric").get<std::string>();
            s.lowerIsBetter = j.value("lower_is_better", false);
        } else if (!headlineValue(s.metrics, "accuracy") && headlineValue(s.metrics, "mae")) {
            s.metric = "mae";  // written before summaries named their metric: a regression
            s.lowerIsBetter = true;
        }
        field = "dimensions";
        s.dimensions = j.at("dimensions").get<std::vector<std::string>>();
        field = "cost";
        s.cost = j.at("cost").get<std::string>();
        field = "target";
        s.target = j.value("target", s.target);
        field = "limits";
        for (const json& l : j.value("limits", json::array()))
            s.limits.push_back({l.at("cost").get<std::string>(), l.at("limit").get<double>(),
                                l.at("value").get<double>(), l.at("met").get<bool>()});
        field = "repair";
        if (j.contains("repair")) {
            const json& r = j.at("repair");
            s.repair.ran = r.at("ran").get<bool>();
            if (r.contains("closed")) {
                s.repair.closed = r.at("closed").get<std::map<std::string, int>>();
            } else {  // written before the dimension registry
                s.repair.closed["channels"] = r.at("channels_removed").get<int>();
                s.repair.closed["taps"] = r.at("tap_gates_closed").get<int>();
            }
        }
        field = "strength";
        s.strength = j.at("strength").get<double>();
        field = "cancelled";
        s.cancelled = j.at("cancelled").get<bool>();
        field = "layers";
        for (const json& layer : j.at("layers"))
            s.decisions.layers.push_back(layerDecisionFromJson(layer));
        field = "layer_costs";
        for (const json& c : j.value("layer_costs", json::array())) {
            LayerCost layer{c.at("name").get<std::string>(), c.at("kind").get<std::string>(), {}};
            for (const auto& [key, value] : c.items())
                if (value.is_number()) layer.costs[key] = value.get<double>();
            s.layerCosts.push_back(std::move(layer));
        }
    } catch (const json::exception& e) {
        throw Error("run summary '" + path + "', field '" + field + "': " + e.what());
    }
    return s;
}

RunSummary writeRun(const std::string& folder, const Project& project, const Graph& seed,
                    const SearchResult& result, const TaskInfo& task, int seedTrainedEpochs) {
    const fs::path out = folder;
    fs::create_directories(out);
    writeFormat(result.exported, "torchscript", (out / "final.pt").string());
    saveGraph(result.exported, (out / "final.json").string());
    project.save((out / "project.json").string());
    RunSummary summary = summarizeRun(project, seed, result, task);
    summary.id = out.filename().string();
    summary.seedTrainedEpochs = seedTrainedEpochs;
    saveRunSummary(summary, (out / "summary.json").string());
    return summary;
}

void exportRun(const std::string& folder, const std::string& format, const std::string& target) {
    const fs::path model = fs::path(folder) / "final.json";
    if (!fs::exists(model))
        throw Error("'" + folder + "' holds no searched network (" + model.string() +
                    " is missing): run `secateur search ... --out " + folder + "` first");
    formatInfo(format);  // an unknown format is refused before the model is read
    writeFormat(loadGraph(model.string()), format, target);
}

}  // namespace secateur
