#include "widgets/palette.h"

#include <QCoreApplication>
#include <algorithm>
#include <array>
#include <cmath>

namespace secateur::widgets {

using secateur::TrainingPhase;

QColor keepProbabilityColor(double probability) {
    // Stops sampled from a viridis-like ramp; linear interpolation between them.
    static constexpr std::array<std::array<int, 3>, 5> stops{
        {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}}};
    const double p = std::clamp(std::isfinite(probability) ? probability : 0.0, 0.0, 1.0);
    const double scaled = p * static_cast<double>(stops.size() - 1);
    const auto low = static_cast<size_t>(std::floor(scaled));
    const size_t high = std::min(low + 1, stops.size() - 1);
    const double t = scaled - static_cast<double>(low);
    const auto mix = [&](int channel) {
        const auto c = static_cast<size_t>(channel);
        return static_cast<int>(std::lround(stops[low][c] * (1.0 - t) + stops[high][c] * t));
    };
    return {mix(0), mix(1), mix(2)};
}

QColor prunedColor() {
    return {200, 200, 204};
}

QColor phaseColor(TrainingPhase phase) {
    switch (phase) {
        case TrainingPhase::WarmUp:
            return {120, 144, 156};
        case TrainingPhase::Search:
            return {30, 136, 229};
        case TrainingPhase::FineTune:
            return {67, 160, 71};
        case TrainingPhase::Done:
            break;
    }
    return {158, 158, 158};
}

QString phaseLabel(TrainingPhase phase) {
    switch (phase) {
        case TrainingPhase::WarmUp:
            return QCoreApplication::translate("Phase", "Warm-up");
        case TrainingPhase::Search:
            return QCoreApplication::translate("Phase", "Search");
        case TrainingPhase::FineTune:
            return QCoreApplication::translate("Phase", "Fine-tune");
        case TrainingPhase::Done:
            break;
    }
    return QCoreApplication::translate("Phase", "Done");
}

QColor seriesColor(const QString& name) {
    if (name == QStringLiteral("task loss")) return {30, 136, 229};
    if (name == QStringLiteral("cost term")) return {229, 57, 53};
    if (name == QStringLiteral("accuracy")) return {67, 160, 71};
    if (name == QStringLiteral("seed")) return {142, 36, 170};
    if (name == QStringLiteral("share")) return {251, 140, 0};
    return {97, 97, 97};
}

QColor layerKindColor(LayerKind kind) {
    switch (kind) {
        case LayerKind::StandardConv:
            return {30, 136, 229};  // blue
        case LayerKind::DepthwiseConv:
            return {0, 150, 136};  // teal
        case LayerKind::PointwiseConv:
            return {142, 36, 170};  // purple
        case LayerKind::GroupedConv:
            return {216, 27, 96};  // pink
        case LayerKind::TransposedConv:
            return {121, 85, 72};  // brown
        case LayerKind::Linear:
            return {251, 140, 0};  // orange
        case LayerKind::Normalization:
            return {124, 179, 66};  // light green
        case LayerKind::Pooling:
            return {0, 172, 193};  // cyan
        case LayerKind::Elementwise:
            return {192, 202, 51};  // lime
        case LayerKind::Opaque:
            return {55, 71, 79};  // dark slate
        case LayerKind::Other:
            break;
    }
    return {120, 144, 156};
}

QColor withAlpha(QColor color, int alpha) {
    color.setAlpha(alpha);
    return color;
}

QColor limitColor(bool met) {
    return met ? QColor(67, 160, 71) : QColor(229, 57, 53);
}

}  // namespace secateur::widgets
