#include "tests/widgets/sample_data.h"

#include <QCoreApplication>
#include <QHelpEvent>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>
#include <QWidget>
#include <algorithm>
#include <cmath>
#include <filesystem>

#include "widgets/layer_decision_view.h"

namespace secateur::test {
namespace {

struct Layer {
    const char* name;
    const char* op;  // as the engine's IR names it
    LayerKind kind;  // as layerKind() classifies it
    int64_t channels, kernel, dilation, inputs;
};

constexpr Layer kLayers[] = {{"features.0.conv", "conv", LayerKind::StandardConv, 64, 9, 1, 1},
                             {"features.1.conv", "conv", LayerKind::StandardConv, 64, 7, 2, 64},
                             {"features.2.dw", "conv", LayerKind::DepthwiseConv, 64, 5, 4, 1},
                             {"features.3.pw", "conv", LayerKind::PointwiseConv, 128, 1, 1, 64},
                             {"classifier", "linear", LayerKind::Linear, 10, 0, 0, 128}};

Decisions decisionsAt(double progress, std::vector<LayerCost>& costs) {
    Decisions decisions;
    int64_t previous = 1;
    for (size_t l = 0; l < std::size(kLayers); ++l) {
        const Layer& layer = kLayers[l];
        LayerDecision d;
        d.node = layer.name;
        d.op = layer.op;
        d.kind = layer.kind;
        d.totalChannels = layer.channels;
        const bool output = l + 1 == std::size(kLayers);
        if (!output) d.dimensions["channels"] = {};
        for (int64_t c = 0; c < layer.channels; ++c) {
            // Each channel's probability falls with progress at its own rate.
            const double rate =
                static_cast<double>((c * 37 + static_cast<int64_t>(l) * 11) % 64) / 64.0;
            const double p = output ? 1.0 : std::clamp(1.0 - progress * rate * 1.6, 0.02, 1.0);
            d.keepProbability.push_back(static_cast<float>(p));
            d.kept.push_back(p >= 0.5);
        }
        d.keptChannels = std::max<int64_t>(1, std::count(d.kept.begin(), d.kept.end(), true));
        if (layer.kernel > 0) {
            d.seedKernel = {layer.kernel};
            d.kernel = {std::max<int64_t>(
                1, layer.kernel - static_cast<int64_t>(std::lround(progress * 4)))};
            d.seedDilation = {layer.dilation};
            d.dilation = {layer.dilation};
            if (layer.kernel > 1) d.dimensions["kernels"] = d.dimensions["dilations"] = {};
        }
        const int64_t inputs = layer.inputs == 1 ? 1 : previous;
        const int64_t taps = d.kernel.empty() ? 1 : d.kernel[0];
        const int64_t params = d.keptChannels * inputs * taps + d.keptChannels;
        const double macs = static_cast<double>(params * (layer.kernel > 0 ? 49 : 1));
        costs.push_back({d.node, d.op, {{"params", static_cast<double>(params)}, {"macs", macs}}});
        previous = d.keptChannels;
        decisions.layers.push_back(std::move(d));
    }
    return decisions;
}

constexpr double kFrames = 49;  // the length of every conv's output

// Float activations: each node's step holds its input and its output.
void addPlan(const Decisions& decisions, Snapshot& s) {
    double inputs = kFrames;  // one input channel
    for (const LayerDecision& layer : decisions.layers) {
        const double length = layer.kernel.empty() ? 1.0 : kFrames;
        const double outputs = static_cast<double>(layer.keptChannels) * length;
        s.liveSteps.push_back(layer.node);
        s.liveBytes.push_back((inputs + outputs) * 4.0);
        inputs = outputs;
    }
}

// Int16 weights, 8 bytes per channel and 64 per layer; a 48 MHz core at one MAC per cycle.
void addDeviceCosts(const Decisions& decisions, Snapshot& s) {
    double channels = 0;
    for (const LayerDecision& layer : decisions.layers)
        channels += static_cast<double>(layer.keptChannels);
    const auto layers = static_cast<double>(decisions.layers.size());
    s.costs["flash"] = 2.0 * s.costs.at("params") + 8.0 * channels + 64.0 * layers;
    s.costs["peak_ram"] = *std::max_element(s.liveBytes.begin(), s.liveBytes.end());
    s.costs["latency_ms"] = s.costs.at("macs") / 48e3 + 0.05 * layers;
    s.costs["energy_uj"] = s.costs.at("latency_ms") * 30.0;  // 30 mW
    const double flash = s.costs.at("flash");
    s.limits = {{"flash", kSampleFlashLimit, flash, flash <= kSampleFlashLimit}};
}

}  // namespace

std::vector<CostInfo> sampleCostInfo() {
    return {{"params", "parameter", "Parameters", "Trainable parameters.", true, ""},
            {"macs", "MAC", "MACs", "Multiply-accumulates per sample.", true, ""}};
}

std::vector<DimensionInfo> sampleDimensionInfo() {
    return {{"channels", "Channels", "Output channels each layer keeps", "conv and linear", true},
            {"kernels", "Kernels", "Receptive field of each conv", "conv with k > 1", true},
            {"dilations", "Dilations", "Power-of-two spacing of Conv1d taps", "Conv1d", true}};
}

std::vector<CostInfo> sampleDeviceCostInfo() {
    return {
        {"flash", "byte", "Flash", "Bytes stored for the network.", true, ""},
        {"peak_ram", "byte", "Peak RAM", "Largest activation memory live at one step.", true, ""},
        {"latency_ms", "ms", "Latency", "Estimated time of one inference.", false, "±20%"},
        {"energy_uj", "µJ", "Energy", "Estimated energy of one inference.", false, "±30%"}};
}

Snapshot sampleSnapshot(double progress, const std::string& phase) {
    Snapshot s;
    s.phase = phase;
    s.epochsInPhase = 4;
    s.stepsPerEpoch = 16;
    s.totalSteps = 6 * 16;
    s.step = static_cast<int64_t>(progress * static_cast<double>(s.totalSteps));
    s.epoch = static_cast<int>(progress * 3.99);
    s.taskLoss = 2.3 * std::exp(-3.0 * progress) + 0.1;
    s.costTerm = 0.2 * (1.0 - 0.7 * progress);
    s.decisions = decisionsAt(progress, s.layerCosts);
    s.costInfo = sampleCostInfo();
    for (const CostInfo& info : sampleDeviceCostInfo()) s.costInfo.push_back(info);
    for (const LayerCost& c : s.layerCosts)
        for (const auto& [name, value] : c.costs) s.costs[name] += value;
    addPlan(s.decisions, s);
    addDeviceCosts(s.decisions, s);
    s.metrics = {{"val_accuracy", 0.5 + 0.45 * progress}, {"val_loss", s.taskLoss * 1.1}};
    return s;
}

RunSummary sampleRun(const std::string& id, double shrink, double accuracy) {
    RunSummary r;
    r.id = id;
    r.name = "sample";
    r.task = "synthetic";
    r.dimensions = {"channels", "kernels", "dilations"};
    r.cost = "macs";
    r.strength = 1.0 - shrink;
    std::vector<LayerCost> seedCosts;
    decisionsAt(0.0, seedCosts);
    r.decisions = decisionsAt(1.0 - shrink, r.layerCosts);
    for (const LayerCost& c : r.layerCosts)
        for (const auto& [name, value] : c.costs) r.costs[name] += value;
    for (const LayerCost& c : seedCosts)
        for (const auto& [name, value] : c.costs) r.seedCosts[name] += value;
    r.metrics = {{"val_accuracy", accuracy}, {"val_loss", 1.0 - accuracy}};
    r.seedMetrics = {{"val_accuracy", 0.93}, {"val_loss", 0.1}};
    return r;
}

std::string testOutputPath(const std::string& fileName) {
    const std::filesystem::path dir = SECATEUR_TEST_OUTPUT;
    std::filesystem::create_directories(dir);
    return (dir / fileName).string();
}

bool saveRender(QWidget& widget, const std::string& fileName) {
    return widget.grab().save(QString::fromStdString(testOutputPath(fileName)));
}

std::optional<QString> toolTipAt(QWidget& widget, const QPoint& position) {
    QHelpEvent help(QEvent::ToolTip, position, widget.mapToGlobal(position));
    if (!QCoreApplication::sendEvent(&widget, &help)) return std::nullopt;
    return QToolTip::text();
}

QStringList clickedLayers(widgets::LayerDecisionView& view, const QPoint& position) {
    QSignalSpy clicked(&view, &widgets::LayerDecisionView::layerClicked);
    QTest::mouseClick(&view, Qt::LeftButton, {}, position);
    QStringList layers;
    for (const QList<QVariant>& arguments : clicked) layers << arguments.at(0).toString();
    return layers;
}

std::vector<std::pair<int64_t, int64_t>> keptPerLayer(const widgets::LayerDecisionView& view) {
    std::vector<std::pair<int64_t, int64_t>> kept;
    for (int layer = 0; layer < view.layerCount(); ++layer) kept.push_back(view.keptOf(layer));
    return kept;
}

std::vector<std::pair<int64_t, int64_t>> keptPerLayer(const Decisions& decisions) {
    std::vector<std::pair<int64_t, int64_t>> kept;
    for (const LayerDecision& layer : decisions.layers)
        kept.emplace_back(layer.keptChannels, layer.totalChannels);
    return kept;
}

}  // namespace secateur::test
