#include "widgets/pareto_series.h"

#include <QtCharts/QChart>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>
#include <algorithm>
#include <cmath>

#include "widgets/compact_number.h"
#include "widgets/palette.h"
#include "widgets/pareto_labels.h"

namespace secateur::widgets {

ParetoSeries ParetoSeries::create(QChart* chart, QValueAxis* accuracyAxis) {
    ParetoSeries s;
    const QColor grey = prunedColor();
    s.overLimit = new QScatterSeries(chart);
    s.overLimit->setName(paretoText("Over a limit"));
    s.overLimit->setMarkerSize(9);
    s.overLimit->setColor(withAlpha(grey, 160));
    s.overLimit->setBorderColor(grey.darker(125));

    const QColor front = phaseColor(TrainingPhase::Search);
    s.dominated = new QScatterSeries(chart);
    s.dominated->setName(paretoText("Dominated runs"));
    s.dominated->setMarkerSize(9);
    s.dominated->setColor(withAlpha(front, 70));
    s.dominated->setBorderColor(withAlpha(front, 110));

    const QColor baseline(96, 125, 160);  // a muted grey-blue
    s.baselineLine = new QLineSeries(chart);
    s.baselineLine->setPen(QPen(withAlpha(baseline, 150), 1.2));
    s.baseline = new QScatterSeries(chart);
    s.baseline->setName(paretoText("Width scaling"));
    s.baseline->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    s.baseline->setMarkerSize(9);
    s.baseline->setColor(withAlpha(baseline, 210));
    s.baseline->setBorderColor(baseline.darker(140));

    s.frontLine = new QLineSeries(chart);
    s.frontLine->setPen(QPen(withAlpha(front, 200), 2.0));

    const QColor limit = seriesColor(QStringLiteral("cost term"));
    s.limitLine = new QLineSeries(chart);
    s.limitLine->setPen(QPen(limit, 1.5, Qt::DashLine));
    s.limitLine->setPointLabelsFormat(paretoText("limit"));
    s.limitLine->setPointLabelsColor(limit);
    s.limitLine->setPointLabelsClipping(false);
    s.limitLine->setPointLabelsVisible(true);

    s.front = new QScatterSeries(chart);
    s.front->setName(paretoText("Pareto front"));
    s.front->setMarkerSize(11);
    s.front->setColor(front);
    s.front->setBorderColor(front.darker(130));

    const QColor seed = seriesColor(QStringLiteral("seed"));
    s.seed = new QScatterSeries(chart);
    s.seed->setName(paretoText("Seed"));
    s.seed->setMarkerShape(QScatterSeries::MarkerShapeStar);
    s.seed->setMarkerSize(18);
    s.seed->setColor(seed);
    s.seed->setBorderColor(seed.darker(130));
    s.seed->setPointLabelsFormat(paretoText("seed"));
    s.seed->setPointLabelsColor(seed.darker(120));
    s.seed->setPointLabelsVisible(true);

    s.selected = new QScatterSeries(chart);
    s.selected->setName(paretoText("Selected"));
    s.selected->setMarkerSize(17);
    s.selected->setColor(QColor(255, 193, 7));
    s.selected->setPen(QPen(QColor(33, 33, 33), 2.5));

    for (QAbstractSeries* series : std::initializer_list<QAbstractSeries*>{
             s.overLimit, s.dominated, s.baselineLine, s.baseline, s.frontLine, s.limitLine,
             s.front, s.seed, s.selected}) {
        chart->addSeries(series);
        series->attachAxis(accuracyAxis);
    }
    for (QAbstractSeries* series : std::initializer_list<QAbstractSeries*>{
             s.baselineLine, s.frontLine, s.limitLine, s.selected}) {
        for (QLegendMarker* marker : chart->legend()->markers(series)) marker->setVisible(false);
    }
    return s;
}

void ParetoSeries::updateLegend(QChart* chart) const {
    for (QScatterSeries* series : {overLimit, dominated, baseline, front, seed}) {
        for (QLegendMarker* marker : chart->legend()->markers(series))
            marker->setVisible(series->count() > 0);
    }
}

void ParetoSeries::setLimit(double x, const QValueAxis* accuracyAxis) {
    if (!std::isfinite(x)) {
        limitLine->clear();
        return;
    }
    limitLine->replace(QList<QPointF>{{x, accuracyAxis->min()}, {x, accuracyAxis->max()}});
    limitLine->setPointConfiguration(0, QXYSeries::PointConfiguration::LabelVisibility, false);
}

void ParetoSeries::setFront(const QList<QPointF>& markers, QList<QPointF> onFront) {
    front->replace(markers);
    std::sort(onFront.begin(), onFront.end(), [](const QPointF& a, const QPointF& b) {
        return a.x() != b.x() ? a.x() < b.x() : a.y() < b.y();
    });
    QList<QPointF> line;
    for (const QPointF& point : onFront) {
        if (!line.isEmpty()) line.append(QPointF(point.x(), line.back().y()));
        line.append(point);
    }
    frontLine->replace(line);
}

void ParetoSeries::setBaselines(const QList<QPointF>& points) {
    baseline->replace(points);
    QList<QPointF> line = points;
    std::sort(line.begin(), line.end(), [](const QPointF& a, const QPointF& b) {
        return a.x() != b.x() ? a.x() < b.x() : a.y() < b.y();
    });
    baselineLine->replace(line);
}

void ParetoSeries::fitAccuracyAxis(QValueAxis* axis, double minY, double maxY) {
    const double spanY = maxY - minY;
    const double padY = std::max(1.0, spanY * 0.12);
    axis->setRange(std::max(0.0, minY - padY), std::min(100.0, maxY + padY));
    axis->applyNiceNumbers();
    const double low = std::max(0.0, axis->min());
    const double high = std::min(100.0, axis->max());
    const double intervalY = (high - low) / std::max(1, axis->tickCount() - 1);
    axis->setLabelFormat(QStringLiteral("%.%1f%%").arg(decimalsForStep(intervalY)));
    // The ticks stay on the nice values. Where the range ends at 0 or 100% a point can sit on the
    // edge, so the axis goes a little further and markers are not cut in half; elsewhere it ends
    // a hair above the last tick, so that rounding cannot drop that tick.
    const double margin = (high - low) * 0.06;
    axis->setTickAnchor(low);
    axis->setTickInterval(intervalY);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setRange(low > 0.0 ? low : low - margin,
                   high < 100.0 ? high + intervalY * 1e-6 : high + margin);
}

void ParetoSeries::fitValueAxis(QValueAxis* axis, double minY, double maxY) {
    const double span = maxY - minY;
    const double pad = span > 0 ? span * 0.12 : std::max(std::abs(maxY) * 0.1, 1e-3);
    axis->setTickType(QValueAxis::TicksFixed);
    axis->setRange(std::max(0.0, minY - pad), maxY + pad);
    axis->applyNiceNumbers();
    const double step = (axis->max() - axis->min()) / std::max(1, axis->tickCount() - 1);
    axis->setLabelFormat(QStringLiteral("%.%1f").arg(decimalsForStep(step)));
}

}  // namespace secateur::widgets
