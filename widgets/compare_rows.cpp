#include "widgets/compare_rows.h"

#include <QEvent>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>

#include "widgets/layer_decision_format.h"
#include "widgets/palette.h"

namespace secateur::widgets {
namespace {

constexpr int kRowHeight = 40;
constexpr int kTopMargin = 4;
constexpr double kSideMargin = 10.0;
constexpr double kBarHeight = 18.0;

const QColor kDifferBackground(255, 248, 225);
const QColor kDifferAccent(255, 179, 0);
const QColor kText(33, 33, 33);
const QColor kMutedText(117, 117, 117);

QColor keptBarColor() {
    return keepProbabilityColor(0.5);
}

QString channelsText(const CompareSide& side) {
    return QStringLiteral("%1 / %2").arg(side.kept).arg(side.total);
}

QString sideDescription(const std::optional<CompareSide>& side) {
    if (!side) return QObject::tr("not in this network");
    QString text = QObject::tr("%1 channels kept").arg(channelsText(*side));
    if (!side->shape.isEmpty()) text += QStringLiteral(", ") + side->shape;
    return text;
}

}  // namespace

CompareRows::CompareRows(QWidget* parent) : QWidget(parent) {
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::MinimumExpanding);
}

void CompareRows::setRows(std::vector<CompareRow> rows) {
    const bool resized = rows.size() != rows_.size();
    rows_ = std::move(rows);
    if (resized) {
        setMinimumHeight(sizeHint().height());
        updateGeometry();
    }
    update();
}

QSize CompareRows::sizeHint() const {
    return {560, kTopMargin * 2 + std::max(2, rowCount()) * kRowHeight};
}

QSize CompareRows::minimumSizeHint() const {
    return {420, sizeHint().height()};
}

CompareRows::Columns CompareRows::columnsFor(int row) const {
    const double width = static_cast<double>(this->width());
    const double middleWidth = std::clamp(width * 0.3, 150.0, 240.0);
    const double top = kTopMargin + row * kRowHeight;
    const double middleLeft = (width - middleWidth) / 2.0;
    const double barTop = top + (kRowHeight - kBarHeight) / 2.0;
    const double trackWidth = std::max(0.0, middleLeft - kSideMargin - 6.0);
    return {QRectF(kSideMargin, barTop, trackWidth, kBarHeight),
            QRectF(middleLeft, top, middleWidth, kRowHeight),
            QRectF(middleLeft + middleWidth + 6.0, barTop, trackWidth, kBarHeight)};
}

int CompareRows::rowAt(int y) const {
    const int row = (y - kTopMargin) / kRowHeight;
    return y >= kTopMargin && row < rowCount() ? row : -1;
}

bool CompareRows::event(QEvent* event) {
    if (event->type() != QEvent::ToolTip) return QWidget::event(event);
    const auto* help = static_cast<QHelpEvent*>(event);
    const int row = rowAt(help->pos().y());
    if (row < 0) {
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    const CompareRow& r = rows_[static_cast<size_t>(row)];
    QToolTip::showText(help->globalPos(),
                       tr("<b>%1</b> (%2)<br>Left: %3<br>Right: %4")
                           .arg(r.layer.toHtmlEscaped(), kindLabel(r.kind).toHtmlEscaped(),
                                sideDescription(r.left), sideDescription(r.right)),
                       this);
    return true;
}

void CompareRows::paintEvent(QPaintEvent* /*event*/) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), palette().base());
    if (rows_.empty()) {
        painter.setPen(kMutedText);
        painter.drawText(rect(), Qt::AlignCenter, tr("Choose two runs to compare their layers"));
        return;
    }
    const QFont base = font();
    QFont bold = base;
    bold.setBold(true);
    QFont small = base;
    small.setPointSizeF(base.pointSizeF() * 0.85);

    for (int row = 0; row < rowCount(); ++row) {
        const CompareRow& r = rows_[static_cast<size_t>(row)];
        const Columns columns = columnsFor(row);
        const QRectF band(0, columns.middle.top(), width(), kRowHeight);
        if (r.differs()) {
            painter.fillRect(band, kDifferBackground);
            painter.fillRect(QRectF(0, band.top(), 3, band.height()), kDifferAccent);
        } else if (row % 2 == 1) {
            painter.fillRect(band, QColor(250, 250, 250));
        }
        painter.setPen(QColor(238, 238, 238));
        painter.drawLine(band.bottomLeft(), band.bottomRight());

        paintSide(painter, columns.leftTrack, r.left, true);
        paintSide(painter, columns.rightTrack, r.right, false);

        // Middle: the layer's name, and below it its kind and kernels (both when they differ).
        const QRectF name = columns.middle.adjusted(4, 3, -4, -kRowHeight / 2.0);
        const QRectF detail = columns.middle.adjusted(4, kRowHeight / 2.0 - 1, -4, -3);
        painter.setFont(r.differs() ? bold : base);
        painter.setPen(kText);
        painter.drawText(name, Qt::AlignCenter,
                         painter.fontMetrics().elidedText(r.layer, Qt::ElideMiddle,
                                                          static_cast<int>(name.width())));
        const bool shapesDiffer =
            r.left && r.right && r.left->shape != r.right->shape && !r.left->shape.isEmpty();
        painter.setFont(small);
        const QString kind = kindLabel(r.kind);
        if (shapesDiffer) {
            painter.setPen(kDifferAccent.darker(160));
            painter.drawText(detail, Qt::AlignLeft | Qt::AlignVCenter, r.left->shape);
            painter.drawText(detail, Qt::AlignRight | Qt::AlignVCenter, r.right->shape);
            painter.setPen(kMutedText);
            painter.drawText(detail, Qt::AlignCenter, kind);
        } else {
            const CompareSide* side = r.left ? &*r.left : r.right ? &*r.right : nullptr;
            const QString shape = side != nullptr ? side->shape : QString();
            painter.setPen(kMutedText);
            painter.drawText(detail, Qt::AlignCenter,
                             shape.isEmpty() ? kind : kind + QStringLiteral(" · ") + shape);
        }
    }
}

void CompareRows::paintSide(QPainter& painter, const QRectF& track,
                            const std::optional<CompareSide>& side, bool growsLeft) const {
    painter.setFont(font());
    if (!side) {
        painter.setPen(kMutedText);
        painter.drawText(track, Qt::AlignCenter, QStringLiteral("-"));
        return;
    }
    const double share = keptShare(side->kept, side->total);
    painter.setPen(Qt::NoPen);
    painter.setBrush(prunedColor().lighter(112));
    painter.drawRoundedRect(track, 3, 3);
    const double barWidth = track.width() * share;
    const QRectF bar = growsLeft
                           ? QRectF(track.right() - barWidth, track.top(), barWidth, track.height())
                           : QRectF(track.left(), track.top(), barWidth, track.height());
    painter.setBrush(keptBarColor());
    painter.drawRoundedRect(bar, 3, 3);

    // The count sits inside the bar's outer end when it fits, else just beyond it.
    const QString text = channelsText(*side);
    const double textWidth = painter.fontMetrics().horizontalAdvance(text) + 12.0;
    const bool inside = barWidth >= textWidth;
    QRectF label;
    if (inside) {
        label = growsLeft ? QRectF(bar.left() + 6, bar.top(), textWidth, bar.height())
                          : QRectF(bar.right() - textWidth, bar.top(), textWidth - 6, bar.height());
    } else {
        label = growsLeft ? QRectF(bar.left() - textWidth, bar.top(), textWidth - 6, bar.height())
                          : QRectF(bar.right() + 6, bar.top(), textWidth, bar.height());
    }
    painter.setPen(inside ? QColor(Qt::white) : kText);
    painter.drawText(
        label, (growsLeft == inside ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter, text);
}

}  // namespace secateur::widgets
