// The series of the Pareto chart: dominated runs, the front and its stepped line, the seed, the
// selection and the dashed cost limit.
#pragma once

class QChart;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace secateur::widgets {

struct ParetoSeries {
    QScatterSeries* dominated = nullptr;
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
};

}  // namespace secateur::widgets
