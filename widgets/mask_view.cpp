#include "widgets/mask_view.h"

#include <QLinearGradient>
#include <QPaintEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

#include "widgets/layer_decision_format.h"
#include "widgets/palette.h"

namespace secateur::widgets {
namespace {

constexpr int kMargin = 12;
constexpr int kLegendHeight = 30;
constexpr int kColumnTitleHeight = 22;
constexpr int kHeaderHeight = kLegendHeight + kColumnTitleHeight;
constexpr int kRowHeight = 44;
constexpr int kGap = 16;
constexpr int kNameWidth = 170;
constexpr int kKeptWidth = 110;
constexpr int kKernelWidth = 210;
constexpr int kMinStripWidth = 120;
constexpr int kStripHeight = 18;

const QColor kKeptBarColor{33, 145, 140};
const QColor kTapKeptColor{59, 82, 139};

QBrush hatchBrush() {
    return {prunedColor().darker(135), Qt::BDiagPattern};
}

float probabilityAt(const LayerDecision& layer, int64_t channel) {
    const auto index = static_cast<size_t>(channel);
    return index < layer.keepProbability.size() ? layer.keepProbability[index] : 1.0F;
}

bool keptAt(const LayerDecision& layer, int64_t channel) {
    const auto index = static_cast<size_t>(channel);
    return index < layer.kept.size() ? layer.kept[index] : true;
}

QString kernelText(const LayerDecision& layer) {
    if (layer.seedKernel.size() == 1)
        return QStringLiteral("k %1/%2").arg(sizeProduct(layer.kernel)).arg(layer.seedKernel[0]);
    return QStringLiteral("k %1 / %2").arg(joinSizes(layer.kernel), joinSizes(layer.seedKernel));
}

QString dilationText(const LayerDecision& layer) {
    if (layer.dilation.empty()) return {};
    QString text = QStringLiteral("d %1").arg(joinSizes(layer.dilation));
    if (layer.seedDilation != layer.dilation && !layer.seedDilation.empty())
        text += QStringLiteral(" (seed %1)").arg(joinSizes(layer.seedDilation));
    return text;
}

}  // namespace

MaskView::MaskView(QWidget* parent) : LayerDecisionView(parent) {
    setToolTip(tr("Channel masks of every layer; hover a row for details, click to select it."));
    setWhatsThis(
        tr("Each row is one convolution or linear layer of the network being searched. Every "
           "small cell is one output channel, coloured by how likely the search is to keep it; "
           "channels the current mask removes turn grey and hatched, so you can watch the layer "
           "shrink. On the right, the kernel taps still in use and the dilation of the layer."));
}

QSize MaskView::sizeHint() const {
    const int width = 2 * kMargin + kNameWidth + kKeptWidth + 360 + kKernelWidth + 3 * kGap;
    return {width, minimumSizeHint().height()};
}

QSize MaskView::minimumSizeHint() const {
    const int width =
        2 * kMargin + kNameWidth + kKeptWidth + kMinStripWidth + kKernelWidth + 3 * kGap;
    const int rows = std::max(layerCount(), 1);
    return {width, kHeaderHeight + rows * kRowHeight + kMargin};
}

QRect MaskView::rowRect(int layer) const {
    return {0, kHeaderHeight + layer * kRowHeight, width(), kRowHeight};
}

QRect MaskView::toolTipArea(int layer) const {
    return rowRect(layer);
}

MaskView::Columns MaskView::columnsFor(const QRect& row) const {
    const int stripWidth = std::max(kMinStripWidth, row.width() - 2 * kMargin - kNameWidth -
                                                        kKeptWidth - kKernelWidth - 3 * kGap);
    Columns columns;
    columns.name = QRect(row.left() + kMargin, row.top(), kNameWidth, row.height());
    columns.kept = QRect(columns.name.right() + 1 + kGap, row.top(), kKeptWidth, row.height());
    columns.strip = QRect(columns.kept.right() + 1 + kGap, row.top(), stripWidth, row.height());
    columns.kernel = QRect(columns.strip.right() + 1 + kGap, row.top(), kKernelWidth, row.height());
    return columns;
}

int MaskView::layerAt(const QPoint& position) const {
    if (position.y() < kHeaderHeight) return -1;
    const int layer = (position.y() - kHeaderHeight) / kRowHeight;
    return layer < layerCount() ? layer : -1;
}

void MaskView::paintEvent(QPaintEvent* event) {
    QPainter painter(this);
    painter.fillRect(event->rect(), palette().color(QPalette::Base));
    if (event->rect().top() < kHeaderHeight) paintHeader(painter);
    if (decisions().layers.empty()) {
        painter.setPen(mutedTextColor(palette()));
        painter.drawText(rect().adjusted(kMargin, kHeaderHeight, -kMargin, 0), Qt::AlignCenter,
                         tr("No layers yet: start a search to watch its masks."));
        return;
    }
    for (int layer = 0; layer < layerCount(); ++layer) {
        if (rowRect(layer).intersects(event->rect())) paintRow(painter, layer);
    }
}

void MaskView::paintHeader(QPainter& painter) const {
    const QColor muted = mutedTextColor(palette());
    QFont font = painter.font();
    painter.setPen(palette().color(QPalette::Text));
    const QFontMetrics metrics(font);

    int x = kMargin;
    const auto label = [&](const QString& text, int spacing) {
        const int textWidth = metrics.horizontalAdvance(text);
        painter.drawText(QRect(x, 0, textWidth + 2, kLegendHeight), Qt::AlignVCenter, text);
        x += textWidth + spacing;
    };
    const auto swatch = [&](int swatchWidth, int spacing) {
        const QRect area(x, kLegendHeight / 2 - 5, swatchWidth, 10);
        x += swatchWidth + spacing;
        return area;
    };
    label(tr("Keep probability"), 8);
    label(QStringLiteral("0"), 5);
    const QRect ramp = swatch(120, 6);
    QLinearGradient gradient(ramp.topLeft(), ramp.topRight());
    for (int stop = 0; stop <= 10; ++stop)
        gradient.setColorAt(stop / 10.0, keepProbabilityColor(stop / 10.0));
    painter.fillRect(ramp, gradient);
    label(QStringLiteral("1"), 24);
    const QRect pruned = swatch(18, 7);
    painter.fillRect(pruned, prunedColor());
    painter.fillRect(pruned, hatchBrush());
    label(tr("pruned (not kept)"), 0);

    font.setPointSizeF(font.pointSizeF() * 0.85);
    font.setBold(true);
    painter.setFont(font);
    painter.setPen(muted);
    const Columns columns = columnsFor(QRect(0, kLegendHeight, width(), kColumnTitleHeight - 4));
    const auto title = [&](const QRect& area, const QString& text) {
        painter.drawText(area, Qt::AlignLeft | Qt::AlignBottom, text);
    };
    title(columns.name, tr("LAYER"));
    title(columns.kept, tr("KEPT CHANNELS"));
    title(columns.strip, tr("OUTPUT CHANNELS"));
    title(columns.kernel, tr("KERNEL TAPS · DILATION"));
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawLine(kMargin, kHeaderHeight - 1, width() - kMargin, kHeaderHeight - 1);
    painter.setFont(this->font());
}

void MaskView::paintRow(QPainter& painter, int layer) const {
    const LayerDecision& decision = this->decision(layer);
    const QRect row = rowRect(layer);
    const bool selected =
        !selectedLayer().isEmpty() && selectedLayer() == QString::fromStdString(decision.node);
    if (selected) {
        painter.fillRect(row, withAlpha(palette().color(QPalette::Highlight), 45));
        painter.fillRect(QRect(row.left(), row.top(), 4, row.height()),
                         palette().color(QPalette::Highlight));
    } else if (layer % 2 == 1) {
        painter.fillRect(row, palette().color(QPalette::AlternateBase));
    }

    const Columns columns = columnsFor(row);
    const bool fixed = !decision.searches("channels");
    const QColor text = fixed ? mutedTextColor(palette()) : palette().color(QPalette::Text);

    // Name on the first line, kind (and "fixed") on the second.
    const QRect nameLine = columns.name.adjusted(0, 5, 0, -row.height() / 2);
    const QRect kindLine = columns.name.adjusted(0, row.height() / 2, 0, -5);
    QFont nameFont = font();
    nameFont.setBold(!fixed);
    painter.setFont(nameFont);
    painter.setPen(text);
    painter.drawText(nameLine, Qt::AlignLeft | Qt::AlignVCenter,
                     QFontMetrics(nameFont).elidedText(QString::fromStdString(decision.node),
                                                       Qt::ElideMiddle, nameLine.width()));
    painter.setFont(font());
    painter.setPen(mutedTextColor(palette()));
    painter.drawText(kindLine, Qt::AlignLeft | Qt::AlignVCenter, kindLabel(decision.kind));

    paintKeptBar(painter, columns.kept, decision);
    painter.save();
    if (fixed) painter.setOpacity(0.35);
    paintChannelStrip(painter, columns.strip, decision);
    painter.restore();
    paintKernel(painter, columns.kernel, decision);
}

void MaskView::paintKeptBar(QPainter& painter, const QRect& area,
                            const LayerDecision& layer) const {
    const bool fixed = !layer.searches("channels");
    const double share = keptShare(layer);
    const QRect textLine = area.adjusted(0, 5, 0, -area.height() / 2);
    painter.setPen(fixed ? mutedTextColor(palette()) : palette().color(QPalette::Text));
    painter.drawText(textLine, Qt::AlignLeft | Qt::AlignVCenter,
                     QStringLiteral("%1 / %2").arg(layer.keptChannels).arg(layer.totalChannels));
    painter.setPen(mutedTextColor(palette()));
    painter.drawText(textLine, Qt::AlignRight | Qt::AlignVCenter,
                     fixed ? tr("fixed") : QStringLiteral("%1%").arg(std::lround(100.0 * share)));
    const QRectF bar(area.left(), area.center().y() + 5, area.width(), 7);
    painter.fillRect(bar, prunedColor());
    painter.fillRect(QRectF(bar.topLeft(), QSizeF(bar.width() * share, bar.height())),
                     fixed ? mutedTextColor(palette()) : kKeptBarColor);
}

void MaskView::paintChannelStrip(QPainter& painter, const QRect& area,
                                 const LayerDecision& layer) const {
    const QRect strip(area.left(), area.center().y() - kStripHeight / 2 + 1, area.width(),
                      kStripHeight);
    const int64_t channels = layer.totalChannels;
    if (channels <= 0) return;
    // Wide layers share pixels: each drawn column averages the channels it covers.
    const int64_t columnCount = std::min<int64_t>(channels, strip.width());
    const bool gaps = channels * 4 <= strip.width();
    painter.fillRect(strip, palette().color(QPalette::Base));
    int64_t prunedRunStart = -1;
    const auto columnLeft = [&](int64_t column) {
        return strip.left() + static_cast<int>(column * strip.width() / columnCount);
    };
    const auto flushPrunedRun = [&](int64_t end) {
        if (prunedRunStart < 0) return;
        painter.fillRect(QRect(columnLeft(prunedRunStart), strip.top(),
                               columnLeft(end) - columnLeft(prunedRunStart), strip.height()),
                         hatchBrush());
        prunedRunStart = -1;
    };
    for (int64_t column = 0; column < columnCount; ++column) {
        const int64_t first = column * channels / columnCount;
        const int64_t last = std::max(first + 1, (column + 1) * channels / columnCount);
        int red = 0, green = 0, blue = 0;
        int64_t pruned = 0;
        for (int64_t channel = first; channel < last; ++channel) {
            const QColor probability = keepProbabilityColor(probabilityAt(layer, channel));
            const bool kept = keptAt(layer, channel);
            const QColor color = kept ? probability : blendColors(prunedColor(), probability, 0.2);
            red += color.red();
            green += color.green();
            blue += color.blue();
            pruned += kept ? 0 : 1;
        }
        const auto count = static_cast<int>(last - first);
        const int left = columnLeft(column);
        const int right = columnLeft(column + 1) - (gaps ? 1 : 0);
        painter.fillRect(QRect(left, strip.top(), std::max(1, right - left), strip.height()),
                         QColor(red / count, green / count, blue / count));
        const bool mostlyPruned = pruned * 2 > static_cast<int64_t>(count);
        if (mostlyPruned && prunedRunStart < 0) prunedRunStart = column;
        if (!mostlyPruned) flushPrunedRun(column);
    }
    flushPrunedRun(columnCount);
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(strip.adjusted(-1, -1, 0, 0));
}

void MaskView::paintKernel(QPainter& painter, const QRect& area, const LayerDecision& layer) const {
    const QColor muted = mutedTextColor(palette());
    if (layer.seedKernel.empty()) {
        painter.setPen(muted);
        painter.drawText(area, Qt::AlignLeft | Qt::AlignVCenter, tr("no kernel"));
        return;
    }
    constexpr int kTapsWidth = 110;
    const QRect taps(area.left(), area.top() + 6, kTapsWidth, area.height() - 12);
    QRect label(taps.right() + 10, area.top() + 5, area.right() - taps.right() - 10,
                area.height() - 10);
    const bool searched = layer.searches("kernels");
    const QColor fill = searched ? kTapKeptColor : muted;
    const auto drawTap = [&](const QRect& box, bool kept) {
        if (kept) {
            painter.fillRect(box, fill);
        } else {
            painter.fillRect(box, palette().color(QPalette::Base));
            painter.setPen(prunedColor().darker(115));
            painter.drawRect(box.adjusted(0, 0, -1, -1));
        }
    };
    if (layer.seedKernel.size() == 1) {
        // Conv1d drops the oldest (leftmost) taps first.
        const int64_t seedTaps = layer.seedKernel[0];
        const int64_t keptTaps = layer.kernel.empty() ? seedTaps : layer.kernel[0];
        const int64_t pitch =
            std::clamp<int64_t>(taps.width() / std::max<int64_t>(seedTaps, 1), 2, 12);
        const int box = static_cast<int>(std::max<int64_t>(pitch - 2, 1));
        for (int64_t tap = 0; tap < seedTaps; ++tap) {
            const int x = taps.left() + static_cast<int>(tap * pitch);
            drawTap(QRect(x, taps.center().y() - box / 2, box, box), tap >= seedTaps - keptTaps);
        }
    } else if (layer.seedKernel.size() == 2) {
        // Conv2d shrinks symmetrically, so the kept taps form a centred block.
        const int64_t rows = layer.seedKernel[0], cols = layer.seedKernel[1];
        const int64_t keptRows = layer.kernel.size() == 2 ? layer.kernel[0] : rows;
        const int64_t keptCols = layer.kernel.size() == 2 ? layer.kernel[1] : cols;
        const int64_t pitch =
            std::max<int64_t>(2, std::min(taps.height() / std::max<int64_t>(rows, 1),
                                          taps.width() / std::max<int64_t>(cols, 1)));
        const int box = static_cast<int>(std::max<int64_t>(pitch - 1, 1));
        const int top = taps.center().y() - static_cast<int>(rows * pitch) / 2;
        label.setLeft(taps.left() + static_cast<int>(cols * pitch) + 10);
        for (int64_t r = 0; r < rows; ++r) {
            for (int64_t c = 0; c < cols; ++c) {
                const bool kept = std::abs(2 * r - (rows - 1)) < keptRows &&
                                  std::abs(2 * c - (cols - 1)) < keptCols;
                drawTap(QRect(taps.left() + static_cast<int>(c * pitch),
                              top + static_cast<int>(r * pitch), box, box),
                        kept);
            }
        }
    }
    painter.setPen(layer.searches("kernels") ? palette().color(QPalette::Text) : muted);
    painter.drawText(label, Qt::AlignLeft | Qt::AlignTop, kernelText(layer));
    painter.setPen(layer.searches("dilations") ? palette().color(QPalette::Text) : muted);
    painter.drawText(label, Qt::AlignLeft | Qt::AlignBottom, dilationText(layer));
}

}  // namespace secateur::widgets
