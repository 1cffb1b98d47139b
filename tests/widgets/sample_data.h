// Plain engine values for widget tests, made up without running the engine, and small helpers
// that drive and render the views.
#pragma once

#include <QString>
#include <QStringList>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/runs/run_summary.h"
#include "engine/search/search.h"

class QPoint;
class QWidget;

namespace secateur::widgets {
class LayerDecisionView;
}

namespace secateur::test {

// A five-layer 1-D network (two standard convs with kernels and dilations, a depthwise and a
// pointwise conv, a linear head; ops and kinds as the engine names them) at search progress
// `progress` in [0, 1]: later snapshots keep fewer channels and shorter kernels, so views must
// change between them. Besides params and MACs (per layer and in total) it reports the device
// costs in total, the live activation bytes of each node's step of the plan, and a flash limit
// of kSampleFlashLimit that early snapshots exceed and late ones meet.
Snapshot sampleSnapshot(double progress, const std::string& phase = "search");
constexpr double kSampleFlashLimit = 64.0 * 1024;
// The descriptions of the count costs (params, macs), as the engine's registry gives them.
std::vector<CostInfo> sampleCostInfo();
// The built-in dimensions as the engine registers them (widgets cannot link the engine).
std::vector<DimensionInfo> sampleDimensionInfo();
// Those of the device costs (flash, peak_ram, latency_ms, energy_uj); snapshots carry both.
std::vector<CostInfo> sampleDeviceCostInfo();

// A finished run of the same network; `shrink` in (0, 1] is the share of channels kept.
RunSummary sampleRun(const std::string& id, double shrink, double accuracy);

// Where tests write rendered PNGs (created if needed).
std::string testOutputPath(const std::string& fileName);
// Grabs `widget` and saves it to testOutputPath(fileName).
bool saveRender(QWidget& widget, const std::string& fileName);

// Sends a tooltip request at `position`: the text shown, or nothing when it was not handled.
std::optional<QString> toolTipAt(QWidget& widget, const QPoint& position);
// The layers `view` reports as clicked by a left click at `position`.
QStringList clickedLayers(widgets::LayerDecisionView& view, const QPoint& position);
// Kept and total channels of each layer, as the view reports them and as the decisions hold them.
std::vector<std::pair<int64_t, int64_t>> keptPerLayer(const widgets::LayerDecisionView& view);
std::vector<std::pair<int64_t, int64_t>> keptPerLayer(const Decisions& decisions);

}  // namespace secateur::test
