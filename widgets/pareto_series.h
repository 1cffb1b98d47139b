// The series of the Pareto chart: runs over a limit, dominated runs, the width-scaling baselines
// and their line, the front and its stepped line, the seed, the selection and the dashed cost
// limit.
#pragma once

#include <QList>
#include <QPointF>

class QChart;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace secateur::widgets {

struct ParetoSeries {
    QScatterSeries* overLimit = nullptr;
    QScatterSeries* dominated = nullptr;
    QLineSeries* baselineLine = nullptr;
    QScatterSeries* baseline = nullptr;
    QLineSeries* frontLine = nullptr;
    QLineSeries* limitLine = nullptr;
    QScatterSeries* front = nullptr;
    QScatterSeries* seed = nullptr;
    QScatterSeries* selected = nullptr;

    // Styled series on `chart` in drawing order, attached to `accuracyAxis`; the lines and the
    // selection stay out of the legend.
    static ParetoSeries create(QChart* chart, QValueAxis* accuracyAxis);
    // Lists each kind of point in the legend only while there is one.
    void updateLegend(QChart* chart) const;
    // The dashed limit at `x` across `accuracyAxis` (NaN: none).
    void setLimit(double x, const QValueAxis* accuracyAxis);
    // The front's markers, and its line in steps through every point on it (the seed's too): the
    // best accuracy reachable at each cost stays flat until the next front point.
    void setFront(const QList<QPointF>& markers, QList<QPointF> onFront);
    // The baseline markers, joined in cost order.
    void setBaselines(const QList<QPointF>& points);
    // Fits the accuracy axis (in %) to [minY, maxY] on round ticks within 0 to 100%.
    static void fitAccuracyAxis(QValueAxis* axis, double minY, double maxY);
    // A metric in its own units (MAE): nice numbers from 0 or just below the lowest value.
    static void fitValueAxis(QValueAxis* axis, double minY, double maxY);
};

}  // namespace secateur::widgets
