// The training curves' limit lines: each limit as a dashed line on its cost's curve, in the
// cost chart's units (% of the cost's first value).
#include <cmath>

#include "widgets/custom_plot.h"
#include "widgets/training_curves.h"

namespace secateur::widgets {

// A limit is drawn once its cost has a first value to be relative to; snapshots without it leave
// the line in place (clear() removes it).
void TrainingCurves::updateLimits(const std::vector<secateur::LimitStatus>& limits) {
    QCPAxisRect* chart = charts_[kCostChart];
    for (const secateur::LimitStatus& status : limits) {
        const QString cost = QString::fromStdString(status.cost);
        const double first = firstCost_.value(cost, 0.0);
        if (first <= 0.0 || !(status.limit > 0.0) || !std::isfinite(status.limit)) continue;
        LimitLine& limit = limitLines_[cost];
        if (limit.line == nullptr) {
            const QColor color = costs_.color(cost);
            limit.line = new QCPItemStraightLine(plot_);
            limit.line->setPen(QPen(color, 1.4, Qt::DashLine));
            limit.label = new QCPItemText(plot_);
            limit.label->setColor(color.darker(115));
            limit.label->setBrush(QColor(255, 255, 255, 200));
            limit.label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
            for (QCPItemPosition* position :
                 {limit.line->point1, limit.line->point2, limit.label->position}) {
                position->setAxisRect(chart);
                position->setAxes(chart->axis(QCPAxis::atBottom), chart->axis(QCPAxis::atLeft));
            }
            limit.label->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
            limit.line->setClipAxisRect(chart);
            limit.label->setClipAxisRect(chart);
        }
        limit.value = status.limit / first * 100.0;
        limit.line->point1->setCoords(0.0, limit.value);
        limit.line->point2->setCoords(1.0, limit.value);
        limit.label->position->setCoords(0.01, limit.value);
        limit.label->setText(
            tr("%1 limit %2").arg(costs_.label(cost), costs_.valueText(cost, status.limit)));
    }
}

std::optional<double> TrainingCurves::limitLine(const QString& cost) const {
    const auto found = limitLines_.constFind(cost);
    if (found == limitLines_.constEnd()) return std::nullopt;
    return found->value;
}

}  // namespace secateur::widgets
