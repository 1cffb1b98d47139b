// The JSON forms of a run's summary parts (summary.json, the sweep's point files).
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "engine/runs/run_summary.h"

namespace secateur {

// One layer's decisions as summary.json and the sweep's point files hold them.
nlohmann::json layerDecisionJson(const LayerDecision& d);
LayerDecision layerDecisionFromJson(const nlohmann::json& j);
// Each limit with its value on the exported network and whether it is met; what the repair did.
nlohmann::json limitsJson(const std::vector<LimitStatus>& limits);
nlohmann::json repairJson(const Repair& repair);
// The JSON saveRunSummary writes.
nlohmann::json runSummaryJson(const RunSummary& summary);

}  // namespace secateur
