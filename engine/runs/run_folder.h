// The files of a sweep's run folder: points/NAME.json (+ .pt, .graph.json), seed.json,
// metrics.jsonl, snapshots/NAME.jsonl, report.md and report.html. Every write is atomic.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/report/report.h"
#include "engine/runs/run_summary.h"

namespace secateur {

nlohmann::json pointRecordJson(const PointRecord& p);
PointRecord pointRecordFromJson(const nlohmann::json& j, const std::string& where);

// A finished search's record; validation metrics lose their "val_" prefix.
PointRecord pointRecordOf(const std::string& name, PointKind kind, double setting,
                          const SearchResult& result, double seconds);

// points/NAME.json: the point's record, its architecture and costs (a summary.json superset, so
// the studio's run views read it), both confusion matrices and the budget's name.
void writePointFile(const std::string& path, const PointRecord& record, const RunSummary& summary,
                    const SearchResult& result, const std::string& budget);

// One JSON line per snapshot, as snapshots/NAME.jsonl holds them.
nlohmann::json snapshotJson(const Snapshot& s, bool epochEnd);
Snapshot snapshotFromJson(const nlohmann::json& j);

struct SnapshotLog {
    std::vector<Snapshot> snapshots;
    std::vector<bool> epochEnds;  // one per snapshot
};
// snapshots/NAME.jsonl read back; a line that does not parse (a file cut short) ends the log.
// Missing file: an empty log.
SnapshotLog readSnapshotLog(const std::string& path);

// metrics.jsonl (one line per finished point, in `order`), report.md, report.html and points.csv.
void writeSweepIndex(const std::string& folder, const ReportInput& report,
                     const std::vector<std::string>& order);

}  // namespace secateur
