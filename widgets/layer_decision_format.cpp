#include "widgets/layer_decision_format.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>

namespace secateur::widgets {

QColor blendColors(const QColor& a, const QColor& b, double weightOfB) {
    const auto mix = [&](int x, int y) {
        return static_cast<int>(std::lround(x * (1.0 - weightOfB) + y * weightOfB));
    };
    return {mix(a.red(), b.red()), mix(a.green(), b.green()), mix(a.blue(), b.blue())};
}

QColor mutedTextColor(const QPalette& palette) {
    return blendColors(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.45);
}

QString joinSizes(const std::vector<int64_t>& sizes, QChar separator) {
    QStringList parts;
    for (const int64_t size : sizes) parts << QString::number(size);
    return parts.join(separator);
}

int64_t sizeProduct(const std::vector<int64_t>& sizes) {
    return std::accumulate(sizes.begin(), sizes.end(), int64_t{1}, std::multiplies<>());
}

double keptShare(int64_t kept, int64_t total) {
    if (total <= 0) return 0.0;
    return std::clamp(static_cast<double>(kept) / static_cast<double>(total), 0.0, 1.0);
}

double keptShare(const LayerDecision& layer) {
    return keptShare(layer.keptChannels, layer.totalChannels);
}

double meanKeepProbability(const LayerDecision& layer) {
    if (layer.keepProbability.empty()) return 1.0;
    const double sum =
        std::accumulate(layer.keepProbability.begin(), layer.keepProbability.end(), 0.0);
    return sum / static_cast<double>(layer.keepProbability.size());
}

QString kindLabel(LayerKind kind) {
    return QCoreApplication::translate("secateur::LayerKind", layerKindLabel(kind));
}

QString layerToolTip(const LayerDecision& layer) {
    const auto tr = [](const char* text) {
        return QCoreApplication::translate("secateur::widgets::LayerToolTip", text);
    };
    QString text = QStringLiteral("<b>%1</b> &nbsp;<i>%2</i>")
                       .arg(QString::fromStdString(layer.node).toHtmlEscaped(),
                            kindLabel(layer.kind).toHtmlEscaped());
    text += QStringLiteral("<br>") + tr("Kept channels: %1 / %2 (%3%)")
                                         .arg(layer.keptChannels)
                                         .arg(layer.totalChannels)
                                         .arg(100.0 * keptShare(layer), 0, 'f', 0);
    if (!layer.searches("channels")) text += tr(" &mdash; fixed, not searched");
    text += QStringLiteral("<br>") +
            tr("Mean keep probability: %1").arg(meanKeepProbability(layer), 0, 'f', 2);
    if (!layer.seedKernel.empty())
        text +=
            QStringLiteral("<br>") + tr("Kernel: %1 &rarr; %2 taps")
                                         .arg(joinSizes(layer.seedKernel), joinSizes(layer.kernel));
    if (!layer.seedDilation.empty())
        text += QStringLiteral("<br>") +
                tr("Dilation: %1 &rarr; %2")
                    .arg(joinSizes(layer.seedDilation), joinSizes(layer.dilation));
    // What each dimension searching the layer decided, in its own words (any registered one).
    QStringList searched;
    for (const auto& [name, entry] : layer.dimensions)
        searched << QStringLiteral("%1: %2").arg(QString::fromStdString(name).toHtmlEscaped(),
                                                 QString::fromStdString(entry.summary).toHtmlEscaped());
    text += QStringLiteral("<br>") + (searched.isEmpty() ? tr("Not searched")
                                                         : tr("Searched: %1").arg(searched.join(
                                                               QStringLiteral("; "))));
    return text;
}

}  // namespace secateur::widgets
