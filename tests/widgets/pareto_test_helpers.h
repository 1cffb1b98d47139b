// Helpers the Pareto view tests share: sample points made from sample runs, and the chart's
// series and legend looked up by name.
#pragma once

#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <limits>
#include <vector>

#include "tests/widgets/sample_data.h"
#include "widgets/pareto_view.h"

namespace secateur::test {

using widgets::ParetoPoint;
using widgets::ParetoView;

inline ParetoPoint pointFromRun(const secateur::RunSummary& run) {
    ParetoPoint point;
    point.id = QString::fromStdString(run.id);
    point.label = QStringLiteral("%1 (strength %2)").arg(point.id).arg(run.strength, 0, 'f', 2);
    point.accuracy = run.metrics.at("val_accuracy");
    point.costs = run.costs;
    return point;
}

// Four runs (run-d dominated by run-c), the seed (most accurate, most expensive) and a failed run.
inline std::vector<ParetoPoint> samplePoints() {
    std::vector<ParetoPoint> points;
    const auto runA = sampleRun("run-a", 0.75, 0.91);
    points.push_back(pointFromRun(runA));
    points.push_back(pointFromRun(sampleRun("run-b", 0.6, 0.89)));
    points.push_back(pointFromRun(sampleRun("run-c", 0.4, 0.82)));
    points.push_back(pointFromRun(sampleRun("run-d", 0.5, 0.80)));
    ParetoPoint seed;
    seed.id = QStringLiteral("seed");
    seed.label = QStringLiteral("Seed network");
    seed.accuracy = runA.seedMetrics.at("val_accuracy");
    seed.costs = runA.seedCosts;
    seed.seed = true;
    points.push_back(seed);
    ParetoPoint failed;
    failed.id = QStringLiteral("run-e");
    failed.accuracy = std::numeric_limits<double>::quiet_NaN();
    failed.failed = true;
    points.push_back(failed);
    return points;
}

inline QChart* chartOf(ParetoView& view) {
    return view.findChild<QChartView*>()->chart();
}

template <typename Series>
inline Series* seriesNamed(ParetoView& view, const QString& name) {
    for (QAbstractSeries* series : chartOf(view)->series()) {
        if (series->name() == name) return qobject_cast<Series*>(series);
    }
    return nullptr;
}

inline bool legendShows(ParetoView& view, QAbstractSeries* series) {
    const auto markers = chartOf(view)->legend()->markers(series);
    return !markers.isEmpty() && markers.front()->isVisible();
}

}  // namespace secateur::test
