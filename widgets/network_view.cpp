#include "widgets/network_view.h"

#include <QPaintEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <vector>

#include "widgets/layer_decision_format.h"
#include "widgets/palette.h"

namespace secateur::widgets {
namespace {

constexpr int kMargin = 14;
constexpr int kLegendHeight = 26;
constexpr double kMaxBarWidth = 40.0;
constexpr int kMaxRotatedLabelWidth = 130;

// "features.3.pw" -> "3.pw": the last two parts say which layer it is.
QString shortName(const std::string& node) {
    const QStringList parts = QString::fromStdString(node).split(QLatin1Char('.'));
    return parts.size() <= 2 ? parts.join(QLatin1Char('.')) : parts.mid(parts.size() - 2).join('.');
}

QString rotatedLabel(const LayerDecision& layer) {
    return QStringLiteral("%1 · %2").arg(shortName(layer.node)).arg(layer.keptChannels);
}

}  // namespace

NetworkView::NetworkView(QWidget* parent) : LayerDecisionView(parent) {
    setToolTip(tr("The network from input to output; hover a bar for details, click to select."));
    setWhatsThis(
        tr("The network drawn from input (left) to output (right), one bar per convolution or "
           "linear layer. A bar's height is its number of output channels: the outline is the "
           "original (seed) network, the filled part what the search keeps, so you can see "
           "where the network gets thinner. Wider bars have longer kernels; the colour says the "
           "kind of layer (standard, depthwise or pointwise convolution, linear...)."));
}

QRectF NetworkView::seedBarRect(int layer) const {
    if (layer < 0 || layer >= layerCount()) return {};
    return seedBar(layout(), layer);
}

QRectF NetworkView::keptBarRect(int layer) const {
    if (layer < 0 || layer >= layerCount()) return {};
    return keptBar(layout(), layer);
}

QRectF NetworkView::seedBar(const Layout& layout, int layer) const {
    const LayerDecision& d = decision(layer);
    return barRect(layout, layer, d.totalChannels, sizeProduct(d.seedKernel));
}

QRectF NetworkView::keptBar(const Layout& layout, int layer) const {
    const LayerDecision& d = decision(layer);
    const int64_t kernelTaps = d.kernel.empty() ? sizeProduct(d.seedKernel) : sizeProduct(d.kernel);
    return barRect(layout, layer, d.keptChannels, kernelTaps);
}

QSize NetworkView::sizeHint() const {
    return {760, 320};
}

QSize NetworkView::minimumSizeHint() const {
    return {320, 200};
}

NetworkView::Layout NetworkView::layout() const {
    Layout result;
    const QFontMetrics metrics(font());
    const int count = std::max(layerCount(), 1);
    const double plotWidth = width() - 2.0 * kMargin;
    result.slotWidth = plotWidth / count;
    result.maxBarWidth = std::min(kMaxBarWidth, result.slotWidth * 0.5);

    int widestLabel = 0;
    for (const LayerDecision& layer : decisions().layers) {
        result.maxChannels = std::max(result.maxChannels, layer.totalChannels);
        result.maxTaps = std::max(result.maxTaps, sizeProduct(layer.seedKernel));
        widestLabel = std::max(widestLabel, metrics.horizontalAdvance(shortName(layer.node)));
    }
    double labelHeight = 2.0 * metrics.height() + 8.0;
    if (widestLabel + 8 > result.slotWidth) {
        // Vertical labels, thinned out when even a line of text does not fit a slot.
        result.labels = LabelMode::Rotated;
        result.labelStep =
            std::max(1, static_cast<int>(std::ceil((metrics.height() + 2) / result.slotWidth)));
        int widestRotated = 0;
        for (const LayerDecision& layer : decisions().layers)
            widestRotated = std::max(widestRotated, metrics.horizontalAdvance(rotatedLabel(layer)));
        labelHeight = std::min(widestRotated, kMaxRotatedLabelWidth) + 10.0;
    }
    const double top = kLegendHeight + 8.0;
    const double bottom = height() - kMargin - labelHeight;
    result.plot = QRectF(kMargin, top, plotWidth, std::max(bottom - top, 10.0));
    return result;
}

QRectF NetworkView::slotRect(const Layout& layout, int layer) const {
    return {layout.plot.left() + layer * layout.slotWidth, kLegendHeight + 2.0, layout.slotWidth,
            height() - kLegendHeight - 4.0};
}

QRectF NetworkView::barRect(const Layout& layout, int layer, int64_t channels,
                            int64_t kernelTaps) const {
    const double minWidth = std::max(2.0, layout.maxBarWidth * 0.3);
    const double widthShare = layout.maxTaps > 1 ? static_cast<double>(kernelTaps - 1) /
                                                       static_cast<double>(layout.maxTaps - 1)
                                                 : 1.0;
    const double barWidth =
        minWidth + (layout.maxBarWidth - minWidth) * std::clamp(widthShare, 0.0, 1.0);
    const double barHeight =
        std::max(2.0, layout.plot.height() * 0.94 * static_cast<double>(channels) /
                          static_cast<double>(layout.maxChannels));
    const double centreX = layout.plot.left() + (layer + 0.5) * layout.slotWidth;
    return {centreX - barWidth / 2.0, layout.plot.center().y() - barHeight / 2.0, barWidth,
            barHeight};
}

int NetworkView::layerAt(const QPoint& position) const {
    const Layout current = layout();
    for (int layer = 0; layer < layerCount(); ++layer)
        if (slotRect(current, layer).contains(position)) return layer;
    return -1;
}

QRect NetworkView::toolTipArea(int layer) const {
    return slotRect(layout(), layer).toAlignedRect();
}

void NetworkView::paintEvent(QPaintEvent* /*event*/) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    paintLegend(painter);
    if (decisions().layers.empty()) {
        painter.setPen(mutedTextColor(palette()));
        painter.drawText(rect().adjusted(kMargin, kLegendHeight, -kMargin, -kMargin),
                         Qt::AlignCenter, tr("No layers yet: start a search to see the network."));
        return;
    }
    const Layout current = layout();
    painter.setRenderHint(QPainter::Antialiasing);

    for (int layer = 0; layer < layerCount(); ++layer) {
        if (selectedLayer() != QString::fromStdString(decision(layer).node)) continue;
        painter.setPen(Qt::NoPen);
        painter.setBrush(withAlpha(palette().color(QPalette::Highlight), 40));
        painter.drawRoundedRect(slotRect(current, layer).adjusted(1, 0, -1, 0), 4, 4);
    }

    painter.setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DashLine));
    painter.drawLine(QPointF(current.plot.left(), current.plot.center().y()),
                     QPointF(current.plot.right(), current.plot.center().y()));

    // Light trapezoids carry the kept width from one layer to the next.
    painter.setPen(Qt::NoPen);
    painter.setBrush(withAlpha(palette().color(QPalette::Text), 28));
    for (int layer = 0; layer + 1 < layerCount(); ++layer) {
        const QRectF from = keptBar(current, layer), to = keptBar(current, layer + 1);
        const QPointF corners[] = {from.topRight(), to.topLeft(), to.bottomLeft(),
                                   from.bottomRight()};
        painter.drawPolygon(corners, 4);
    }

    for (int layer = 0; layer < layerCount(); ++layer) {
        const LayerDecision& decision = this->decision(layer);
        const bool selected = selectedLayer() == QString::fromStdString(decision.node);
        const QColor color = barColor(layer);
        // The seed outline; what the search removed is hatched like pruned channels.
        const QRectF seed = seedBar(current, layer);
        painter.setPen(Qt::NoPen);
        painter.setBrush(blendColors(prunedColor(), palette().color(QPalette::Base), 0.5));
        painter.drawRect(seed);
        painter.setBrush(QBrush(prunedColor().darker(120), Qt::BDiagPattern));
        painter.drawRect(seed);
        painter.setBrush(color);
        painter.drawRect(keptBar(current, layer));
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(color, selected ? 2.0 : 1.0));
        painter.drawRect(seed);
    }
    painter.setRenderHint(QPainter::Antialiasing, false);
    paintLabels(painter, current);
}

QColor NetworkView::barColor(int layer) const {
    if (layer < 0 || layer >= layerCount()) return {};
    const LayerDecision& d = decision(layer);
    const QColor color = layerKindColor(d.kind);
    return d.searches("channels") ? color : blendColors(color, palette().color(QPalette::Base), 0.45);
}

std::vector<LayerKind> NetworkView::legendKinds() const {
    std::vector<LayerKind> kinds;
    for (const LayerKind kind : allLayerKinds()) {
        const auto& layers = decisions().layers;
        if (std::any_of(layers.begin(), layers.end(),
                        [kind](const LayerDecision& layer) { return layer.kind == kind; }))
            kinds.push_back(kind);
    }
    return kinds;
}

void NetworkView::paintLegend(QPainter& painter) const {
    const QFontMetrics metrics(font());
    const int centreY = kLegendHeight / 2 + 4;
    int x = kMargin;
    for (const LayerKind kind : legendKinds()) {
        painter.fillRect(QRect(x, centreY - 5, 10, 10), layerKindColor(kind));
        x += 15;
        const QString name = kindLabel(kind);
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(QRect(x, 0, 200, kLegendHeight + 8), Qt::AlignVCenter, name);
        x += metrics.horizontalAdvance(name) + 16;
    }
    painter.setPen(mutedTextColor(palette()));
    const QString hint =
        tr("height: channels (filled kept, hatched pruned) · width: kernel length");
    const QRect hintArea(x, 0, width() - kMargin - x, kLegendHeight + 8);
    painter.drawText(hintArea, Qt::AlignVCenter | Qt::AlignRight,
                     metrics.elidedText(hint, Qt::ElideRight, hintArea.width()));
}

void NetworkView::paintLabels(QPainter& painter, const Layout& layout) const {
    const QFontMetrics metrics(font());
    const double labelTop = layout.plot.bottom() + 6.0;
    for (int layer = 0; layer < layerCount(); ++layer) {
        const LayerDecision& decision = this->decision(layer);
        const bool selected = selectedLayer() == QString::fromStdString(decision.node);
        if (layer % layout.labelStep != 0 && !selected) continue;
        QFont labelFont = font();
        labelFont.setBold(selected);
        painter.setFont(labelFont);
        const QColor text =
            decision.searches("channels") ? palette().color(QPalette::Text) : mutedTextColor(palette());
        const double centreX = layout.plot.left() + (layer + 0.5) * layout.slotWidth;
        if (layout.labels == LabelMode::Horizontal) {
            const QRectF nameLine(centreX - layout.slotWidth / 2, labelTop, layout.slotWidth,
                                  metrics.height());
            painter.setPen(text);
            painter.drawText(nameLine, Qt::AlignCenter, shortName(decision.node));
            painter.setPen(mutedTextColor(palette()));
            painter.drawText(
                nameLine.translated(0, metrics.height() + 2), Qt::AlignCenter,
                QStringLiteral("%1 / %2").arg(decision.keptChannels).arg(decision.totalChannels));
        } else {
            painter.save();
            painter.translate(centreX, labelTop);
            painter.rotate(-90);
            painter.setPen(text);
            const QRectF line(-kMaxRotatedLabelWidth, -metrics.height() / 2.0,
                              kMaxRotatedLabelWidth, metrics.height());
            painter.drawText(
                line, Qt::AlignRight | Qt::AlignVCenter,
                metrics.elidedText(rotatedLabel(decision), Qt::ElideMiddle, kMaxRotatedLabelWidth));
            painter.restore();
        }
    }
    painter.setFont(font());
}

}  // namespace secateur::widgets
