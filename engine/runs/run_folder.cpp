#include "engine/runs/run_folder.h"

#include <filesystem>
#include <fstream>
#include <optional>

#include "engine/cost/cost_json.h"
#include "engine/graph/serialize.h"
#include "engine/runs/run_summary_json.h"
#include "engine/util/atomic_file.h"
#include "engine/util/error.h"

namespace secateur {

using nlohmann::json;

json pointRecordJson(const PointRecord& p) {
    json j = costValuesJson(p.costs);  // every cost also at the top level ("params", "macs")
    j.update({{"name", p.name},
              {"kind", pointKindName(p.kind)},
              {"setting", p.setting},
              {"costs", p.costs},
              {"validation", p.validation},
              {"test", p.test},
              {"wall_seconds", p.wallSeconds},
              {"limits_met", p.limitsMet}});
    return j;
}

PointRecord pointRecordFromJson(const json& j, const std::string& where) {
    try {
        PointRecord p;
        p.name = j.at("name").get<std::string>();
        const std::string kind = j.at("kind").get<std::string>();
        const std::optional<PointKind> known = pointKindOf(kind);
        if (!known)
            throw Error(where + ": unknown point kind '" + kind +
                        "' (seed, search or baseline; delete the file to recompute the point)");
        p.kind = *known;
        p.setting = j.value("setting", 0.0);
        p.costs = j.at("costs").get<std::map<std::string, double>>();
        p.validation = j.at("validation").get<std::map<std::string, double>>();
        p.test = j.at("test").get<std::map<std::string, double>>();
        p.wallSeconds = j.value("wall_seconds", 0.0);
        p.limitsMet = j.value("limits_met", true);
        return p;
    } catch (const json::exception& e) {
        throw Error(where + ": " + e.what() + " (delete the file to recompute the point)");
    }
}

PointRecord pointRecordOf(const std::string& name, PointKind kind, double setting,
                          const SearchResult& result, double seconds) {
    PointRecord p;
    p.name = name;
    p.kind = kind;
    p.setting = setting;
    p.costs = result.measured.totals;
    for (const auto& [key, value] : result.metrics)
        p.validation[key.rfind("val_", 0) == 0 ? key.substr(4) : key] = value;
    p.test = result.testMetrics;
    p.wallSeconds = seconds;
    p.limitsMet = allMet(result.limits);
    return p;
}

void writePointFile(const std::string& path, const PointRecord& record, const RunSummary& summary,
                    const SearchResult& result, const std::string& budget) {
    json j = runSummaryJson(summary);
    j.update(pointRecordJson(record));
    j["validation_confusion"] = result.validationConfusion;
    j["test_confusion"] = result.testConfusion;
    j["budget"] = budget;
    writeFileAtomically(path, j.dump(1) + "\n");
}

json snapshotJson(const Snapshot& s, bool epochEnd) {
    json layers = json::array();
    for (const LayerDecision& d : s.decisions.layers) layers.push_back(layerDecisionJson(d));
    return {{"phase", s.phase},
            {"epoch", s.epoch},
            {"epochs", s.epochsInPhase},
            {"step", s.step},
            {"steps_per_epoch", s.stepsPerEpoch},
            {"total_steps", s.totalSteps},
            {"task_loss", s.taskLoss},
            {"cost_term", s.costTerm},
            {"costs", s.costs},
            {"metrics", s.metrics},
            {"epoch_end", epochEnd},
            {"layers", layers}};
}

Snapshot snapshotFromJson(const json& j) {
    Snapshot s;
    s.phase = j.value("phase", std::string());
    s.epoch = j.value("epoch", 0);
    s.epochsInPhase = j.value("epochs", 0);
    s.step = j.value("step", int64_t{0});
    s.stepsPerEpoch = j.value("steps_per_epoch", int64_t{0});
    s.totalSteps = j.value("total_steps", int64_t{0});
    s.taskLoss = j.value("task_loss", 0.0);
    s.costTerm = j.value("cost_term", 0.0);
    s.costs = j.value("costs", std::map<std::string, double>{});
    s.metrics = j.value("metrics", std::map<std::string, double>{});
    for (const json& layer : j.value("layers", json::array()))
        s.decisions.layers.push_back(layerDecisionFromJson(layer));
    return s;
}

SnapshotLog readSnapshotLog(const std::string& path) {
    SnapshotLog log;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        try {
            const json j = json::parse(line);
            log.snapshots.push_back(snapshotFromJson(j));
            log.epochEnds.push_back(j.value("epoch_end", false));
        } catch (const json::exception&) {
            break;
        }
    }
    return log;
}

void writeSweepIndex(const std::string& folder, const ReportInput& report,
                     const std::vector<std::string>& order) {
    std::string lines;
    for (const std::string& name : order)
        for (const PointRecord& p : report.points)
            if (p.name == name) lines += pointRecordJson(p).dump() + "\n";
    const std::filesystem::path out(folder);
    writeFileAtomically((out / "metrics.jsonl").string(), lines);
    writeFileAtomically((out / "report.md").string(), reportMarkdown(report));
    writeFileAtomically((out / "report.html").string(), reportHtml(report));
    writeFileAtomically((out / "points.csv").string(), reportCsv(report));
}

}  // namespace secateur
