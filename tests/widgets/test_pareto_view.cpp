#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QtCharts/QCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>
#include <QtTest/QtTest>
#include <cmath>
#include <limits>

#include "tests/widgets/sample_data.h"
#include "widgets/pareto_front.h"
#include "widgets/pareto_labels.h"
#include "widgets/pareto_view.h"

using secateur::widgets::excludedPointsNote;
using secateur::widgets::paretoFront;
using secateur::widgets::ParetoPoint;
using secateur::widgets::paretoToolTip;
using secateur::widgets::ParetoView;

namespace {

ParetoPoint pointFromRun(const secateur::RunSummary& run) {
    ParetoPoint point;
    point.id = QString::fromStdString(run.id);
    point.label = QStringLiteral("%1 (strength %2)").arg(point.id).arg(run.strength, 0, 'f', 2);
    point.accuracy = run.metrics.at("val_accuracy");
    point.costs = run.costs;
    return point;
}

// Four runs (run-d dominated by run-c), the seed (most accurate, most expensive) and a failed run.
std::vector<ParetoPoint> samplePoints() {
    std::vector<ParetoPoint> points;
    const auto runA = secateur::test::sampleRun("run-a", 0.75, 0.91);
    points.push_back(pointFromRun(runA));
    points.push_back(pointFromRun(secateur::test::sampleRun("run-b", 0.6, 0.89)));
    points.push_back(pointFromRun(secateur::test::sampleRun("run-c", 0.4, 0.82)));
    points.push_back(pointFromRun(secateur::test::sampleRun("run-d", 0.5, 0.80)));
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

QChart* chartOf(ParetoView& view) {
    return view.findChild<QChartView*>()->chart();
}

template <typename Series>
Series* seriesNamed(ParetoView& view, const QString& name) {
    for (QAbstractSeries* series : chartOf(view)->series()) {
        if (series->name() == name) return qobject_cast<Series*>(series);
    }
    return nullptr;
}

std::pair<double, double> xRange(ParetoView& view) {
    QAbstractAxis* axis = chartOf(view)->axes(Qt::Horizontal).first();
    if (auto* log = qobject_cast<QCategoryAxis*>(axis)) return {log->min(), log->max()};
    auto* linear = qobject_cast<QValueAxis*>(axis);
    return {linear->min(), linear->max()};
}

// The accuracy axis's tick values, whichever way it places them.
QList<double> yTicks(ParetoView& view) {
    const auto* axis = qobject_cast<QValueAxis*>(chartOf(view)->axes(Qt::Vertical).first());
    QList<double> ticks;
    if (axis->tickType() == QValueAxis::TicksFixed) {
        const double step = (axis->max() - axis->min()) / (axis->tickCount() - 1);
        for (int i = 0; i < axis->tickCount(); ++i) ticks.append(axis->min() + i * step);
        return ticks;
    }
    const double interval = axis->tickInterval();
    double tick =
        axis->tickAnchor() - std::floor((axis->tickAnchor() - axis->min()) / interval) * interval;
    for (; tick <= axis->max(); tick += interval) ticks.append(tick);
    return ticks;
}

// Baselines at 30 % (cheaper and more accurate than every run and the seed), 50 % and 70 % width.
std::vector<ParetoPoint> withBaselines(std::vector<ParetoPoint> points) {
    const std::pair<double, double> widths[] = {{0.7, 0.9}, {0.3, 0.97}, {0.5, 0.86}};
    for (const auto& [width, accuracy] : widths) {
        const std::string id = "width-" + std::to_string(width).substr(0, 3);
        ParetoPoint baseline = pointFromRun(secateur::test::sampleRun(id, width, accuracy));
        baseline.label = QString::fromStdString(id);
        baseline.baseline = true;
        points.push_back(baseline);
    }
    return points;
}

// Test values for run-a, run-b, run-c, the seed and the baselines; run-d has none.
std::vector<ParetoPoint> withTestValues(std::vector<ParetoPoint> points) {
    for (ParetoPoint& point : points) {
        if (point.id == "run-d" || point.failed) continue;
        point.testAccuracy = point.accuracy - 0.03;
    }
    return points;
}

QComboBox* splitCombo(ParetoView& view) {
    for (QComboBox* combo : view.findChildren<QComboBox*>()) {
        if (combo->findData(QStringLiteral("test")) >= 0) return combo;
    }
    return nullptr;
}

QString noteText(ParetoView& view) {
    QStringList texts;
    for (const QLabel* label : view.findChildren<QLabel*>()) texts.append(label->text());
    return texts.join('\n');
}

bool legendShows(ParetoView& view, QAbstractSeries* series) {
    const auto markers = chartOf(view)->legend()->markers(series);
    return !markers.isEmpty() && markers.front()->isVisible();
}

QLineSeries* limitSeries(ParetoView& view) {
    // The limit is the dashed line series.
    for (QAbstractSeries* series : chartOf(view)->series()) {
        auto* line = qobject_cast<QLineSeries*>(series);
        if (line != nullptr && line->pen().style() == Qt::DashLine) return line;
    }
    return nullptr;
}

}  // namespace

class TestParetoView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void frontSkipsDominatedPoints() {
        const std::vector<std::pair<double, double>> points{
            {1.0, 0.5}, {2.0, 0.6}, {3.0, 0.55}, {0.5, 0.4}, {2.5, 0.6}};
        QCOMPARE(paretoFront(points), (std::vector<size_t>{3, 0, 1}));
    }

    void frontKeepsExactTiesOnly() {
        const std::vector<std::pair<double, double>> points{
            {1.0, 0.5}, {1.0, 0.5}, {2.0, 0.5}, {1.0, 0.4}, {0.5, 0.3}};
        QCOMPARE(paretoFront(points), (std::vector<size_t>{4, 0, 1}));
    }

    void frontIgnoresNanAndInfinity() {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();
        const std::vector<std::pair<double, double>> points{{nan, 0.99}, {1.0, nan},  {inf, 0.99},
                                                            {2.0, 0.7},  {-inf, 0.1}, {3.0, inf}};
        QCOMPARE(paretoFront(points), (std::vector<size_t>{3}));
        QVERIFY(paretoFront({}).empty());
    }

    void drawsPointsAndFront() {
        ParetoView view;
        view.setPoints(samplePoints());
        QCOMPARE(view.costAxis(), QStringLiteral("macs"));
        QCOMPARE(view.pointCount(), 5);  // the failed run is left out
        QCOMPARE(view.frontCount(), 4);  // run-c, run-b, run-a and the seed; run-d is dominated
        QCOMPARE(seriesNamed<QScatterSeries>(view, QStringLiteral("Pareto front"))->count(), 3);
        QCOMPARE(seriesNamed<QScatterSeries>(view, QStringLiteral("Dominated runs"))->count(), 1);
        auto* seed = seriesNamed<QScatterSeries>(view, QStringLiteral("Seed"));
        QCOMPARE(seed->count(), 1);
        QCOMPARE(seed->at(0).y(), 93.0);
        QVERIFY(seed->pointLabelsVisible());
        QCOMPARE(seed->pointLabelsFormat(), QStringLiteral("seed"));
        bool noted = false;
        for (const QLabel* label : view.findChildren<QLabel*>()) {
            noted = noted || label->text().contains(QStringLiteral("1 failed"));
        }
        QVERIFY(noted);
    }

    void costAxisChangesRangeNotCounts() {
        ParetoView view;
        view.setPoints(samplePoints());
        const auto macsRange = xRange(view);
        const QString macsTitle = chartOf(view)->axes(Qt::Horizontal).first()->titleText();
        view.setCostAxis(QStringLiteral("params"));
        QCOMPARE(view.costAxis(), QStringLiteral("params"));
        QCOMPARE(view.pointCount(), 5);
        QCOMPARE(view.frontCount(), 4);
        QVERIFY(xRange(view) != macsRange);
        QVERIFY(chartOf(view)->axes(Qt::Horizontal).first()->titleText() != macsTitle);
        auto* combo = view.findChild<QComboBox*>();
        QCOMPARE(combo->count(), 2);
        QCOMPARE(combo->currentText(), QStringLiteral("Parameters"));
        combo->setCurrentIndex(combo->findText(QStringLiteral("MACs")));
        QCOMPARE(view.costAxis(), QStringLiteral("macs"));
        QCOMPARE(xRange(view), macsRange);
    }

    void wideCostRangeUsesLogAxis() {
        ParetoView view;
        std::vector<ParetoPoint> points(3);
        const double costs[] = {2e3, 5e4, 3e6};
        for (size_t i = 0; i < points.size(); ++i) {
            points[i].id = QStringLiteral("run-%1").arg(i);
            points[i].accuracy = 0.7 + 0.1 * static_cast<double>(i);
            points[i].costs = {{"macs", costs[i]}, {"params", 102.0 - static_cast<double>(i)}};
        }
        view.resize(640, 400);
        view.setPoints(points);
        auto* logAxis = qobject_cast<QCategoryAxis*>(chartOf(view)->axes(Qt::Horizontal).first());
        QVERIFY(logAxis != nullptr);  // log10 of the cost, labelled per decade
        QVERIFY(logAxis->categoriesLabels().contains(QStringLiteral("10k")));
        QVERIFY(logAxis->categoriesLabels().contains(QStringLiteral("1M")));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.grab().save(
            QString::fromStdString(secateur::test::testOutputPath("pareto_view_log.png"))));
        QCOMPARE(view.frontCount(), 3);
        view.setCostAxis(QStringLiteral("params"));
        QVERIFY(qobject_cast<QValueAxis*>(chartOf(view)->axes(Qt::Horizontal).first()));
        QCOMPARE(view.pointCount(), 3);
        QCOMPARE(view.frontCount(), 1);  // the cheapest in params is also the most accurate
    }

    void clickingAPointEmitsItsId() {
        ParetoView view;
        view.resize(720, 460);
        view.setPoints(samplePoints());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy clicked(&view, &ParetoView::pointClicked);
        QCoreApplication::processEvents();  // lets the chart lay out its plot area

        // A real click on run-d, the dominated point.
        auto* dominated = seriesNamed<QScatterSeries>(view, QStringLiteral("Dominated runs"));
        QChartView* chartView = view.findChild<QChartView*>();
        const QPointF inChart = chartOf(view)->mapToPosition(dominated->at(0), dominated);
        const QPoint atView = chartView->mapFromScene(chartOf(view)->mapToScene(inChart));
        QTest::mouseClick(chartView->viewport(), Qt::LeftButton, {}, atView);
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toString(), QStringLiteral("run-d"));

        // The series' own signal, as Qt Charts sends it, for the seed.
        auto* seed = seriesNamed<QScatterSeries>(view, QStringLiteral("Seed"));
        Q_EMIT seed->clicked(seed->at(0));
        QCOMPARE(clicked.count(), 2);
        QCOMPARE(clicked.at(1).at(0).toString(), QStringLiteral("seed"));
    }

    void selectionSurvivesUpdates() {
        ParetoView view;
        view.setPoints(samplePoints());
        view.setSelected(QStringLiteral("run-b"));
        auto* selected = seriesNamed<QScatterSeries>(view, QStringLiteral("Selected"));
        QCOMPARE(selected->count(), 1);
        auto* front = seriesNamed<QScatterSeries>(view, QStringLiteral("Pareto front"));
        view.setPoints(samplePoints());
        QCOMPARE(seriesNamed<QScatterSeries>(view, QStringLiteral("Pareto front")), front);
        QCOMPARE(selected->count(), 1);
        QVERIFY(front->points().contains(selected->at(0)));
        view.setSelected(QString());
        QCOMPARE(selected->count(), 0);
    }

    void costLimitFollowsTheAxis() {
        ParetoView view;
        view.setPoints(samplePoints());
        const double seedMacs = samplePoints()[4].costs.at("macs");
        view.setCostLimit(QStringLiteral("macs"), seedMacs * 1.2);
        QLineSeries* limit = limitSeries(view);
        QVERIFY(limit != nullptr);
        QCOMPARE(limit->count(), 2);
        QCOMPARE(limit->at(0).x(), limit->at(1).x());
        QVERIFY(xRange(view).second >= limit->at(0).x());
        view.setCostAxis(QStringLiteral("params"));
        QCOMPARE(limit->count(), 0);
        view.setCostAxis(QStringLiteral("macs"));
        QCOMPARE(limit->count(), 2);
        view.setCostLimit(QStringLiteral("macs"), 0);
        QCOMPARE(limit->count(), 0);
    }

    void pointsAtZeroAndFullAccuracyAreNotClipped() {
        ParetoView view;
        view.resize(640, 400);
        std::vector<ParetoPoint> points(3);
        const double accuracies[] = {0.0, 0.6, 0.998};
        for (size_t i = 0; i < points.size(); ++i) {
            points[i].id = QStringLiteral("run-%1").arg(i);
            points[i].accuracy = accuracies[i];
            points[i].costs = {{"macs", 1e5 * static_cast<double>(i + 1)}};
        }
        view.setPoints(points);
        view.setSelected(QStringLiteral("run-2"));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCoreApplication::processEvents();  // lets the chart lay out its plot area

        auto* front = seriesNamed<QScatterSeries>(view, QStringLiteral("Pareto front"));
        auto* selected = seriesNamed<QScatterSeries>(view, QStringLiteral("Selected"));
        QCOMPARE(front->count(), 3);
        const QRectF plot = chartOf(view)->plotArea();
        const double radius = std::max(front->markerSize(), selected->markerSize()) / 2.0;
        const QPointF bottom = chartOf(view)->mapToPosition(front->at(0), front);
        const QPointF top = chartOf(view)->mapToPosition(front->at(2), front);
        QVERIFY2(top.y() - radius >= plot.top(), "the top marker is cut by the plot's edge");
        QVERIFY2(bottom.y() + radius <= plot.bottom(), "the bottom marker is cut");
        // The ticks stay on round values from 0 to 100%.
        const QList<double> ticks = yTicks(view);
        QVERIFY(ticks.size() >= 3);
        QCOMPARE(ticks.first(), 0.0);
        QCOMPARE(ticks.last(), 100.0);
        const auto* axis = qobject_cast<QValueAxis*>(chartOf(view)->axes(Qt::Vertical).first());
        QCOMPARE(axis->labelFormat(), QStringLiteral("%.0f%%"));
        QVERIFY(view.grab().save(
            QString::fromStdString(secateur::test::testOutputPath("pareto_view_edges.png"))));
    }

    void emptyStateExplainsWhatToDo() {
        ParetoView view;
        view.resize(640, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.pointCount(), 0);
        bool shown = false;
        for (const QLabel* label : view.findChildren<QLabel*>()) {
            shown = shown || (label->isVisible() && label->text().startsWith("No finished runs"));
        }
        QVERIFY(shown);
        QVERIFY(view.grab().save(
            QString::fromStdString(secateur::test::testOutputPath("pareto_view_empty.png"))));
    }

    void baselinesStandApartFromTheFront() {
        ParetoView view;
        view.resize(720, 460);
        view.setPoints(samplePoints());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto* baselines = seriesNamed<QScatterSeries>(view, QStringLiteral("Width scaling"));
        QVERIFY(baselines != nullptr);
        QCOMPARE(baselines->count(), 0);
        QVERIFY(!legendShows(view, baselines));

        view.setPoints(withBaselines(samplePoints()));
        QCOMPARE(view.baselineCount(), 3);
        QCOMPARE(view.pointCount(), 8);
        QCOMPARE(baselines->count(), 3);
        QCOMPARE(baselines->markerShape(), QScatterSeries::MarkerShapeRectangle);
        QVERIFY(legendShows(view, baselines));
        // width-0.3 would dominate every run and the seed, yet the front is the same.
        QCOMPARE(view.frontCount(), 4);
        auto* front = seriesNamed<QScatterSeries>(view, QStringLiteral("Pareto front"));
        QCOMPARE(front->count(), 3);
        for (const QPointF& point : baselines->points()) QVERIFY(!front->points().contains(point));
        QCOMPARE(seriesNamed<QScatterSeries>(view, QStringLiteral("Seed"))->count(), 1);
        QCOMPARE(seriesNamed<QScatterSeries>(view, QStringLiteral("Dominated runs"))->count(), 1);

        // A thin line joins them in cost order, out of the legend.
        QLineSeries* line = nullptr;
        for (QAbstractSeries* series : chartOf(view)->series()) {
            auto* candidate = qobject_cast<QLineSeries*>(series);
            if (candidate == nullptr || qobject_cast<QScatterSeries*>(series)) continue;
            if (candidate->count() == 3 && candidate->points().contains(baselines->at(0)))
                line = candidate;
        }
        QVERIFY(line != nullptr);
        QVERIFY(line->at(0).x() < line->at(1).x() && line->at(1).x() < line->at(2).x());
        QVERIFY(line->pen().widthF() < front->markerSize() / 4);
        QVERIFY(!legendShows(view, line));

        view.setSelected(QStringLiteral("width-0.5"));
        auto* selected = seriesNamed<QScatterSeries>(view, QStringLiteral("Selected"));
        QCOMPARE(selected->count(), 1);
        QVERIFY(baselines->points().contains(selected->at(0)));
    }

    void tooltipsAndNotes() {
        ParetoPoint point = withBaselines({}).front();
        point.testAccuracy = 0.875;
        const QString tip = paretoToolTip(point, QStringLiteral("macro-F1"));
        QVERIFY(tip.contains(QStringLiteral("Validation macro-F1: 90.0%")));
        QVERIFY(tip.contains(QStringLiteral("Test macro-F1: 87.5%")));
        QVERIFY(tip.contains(QStringLiteral("width-scaling baseline")));
        QVERIFY(!paretoToolTip(samplePoints()[4]).contains(QStringLiteral("baseline")));
        QVERIFY(!paretoToolTip(samplePoints()[4]).contains(QStringLiteral("Test")));
        QCOMPARE(excludedPointsNote(0, 0), QString());
        QCOMPARE(excludedPointsNote(0, 2), QStringLiteral("2 points have no test result"));
        QCOMPARE(excludedPointsNote(1, 1), QStringLiteral("1 failed or unmeasured run not shown · "
                                                          "1 point has no test result"));
    }

    void clickingABaselineEmitsItsId() {
        ParetoView view;
        view.resize(720, 460);
        view.setPoints(withBaselines(samplePoints()));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy clicked(&view, &ParetoView::pointClicked);
        QCoreApplication::processEvents();

        // width-0.3: the cheapest and most accurate point, alone at the top left.
        auto* baselines = seriesNamed<QScatterSeries>(view, QStringLiteral("Width scaling"));
        QPointF target = baselines->at(0);
        for (const QPointF& point : baselines->points()) {
            if (point.y() > target.y()) target = point;
        }
        QChartView* chartView = view.findChild<QChartView*>();
        const QPointF inChart = chartOf(view)->mapToPosition(target, baselines);
        const QPoint atView = chartView->mapFromScene(chartOf(view)->mapToScene(inChart));
        QTest::mouseClick(chartView->viewport(), Qt::LeftButton, {}, atView);
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toString(), QStringLiteral("width-0.3"));
        auto* selected = seriesNamed<QScatterSeries>(view, QStringLiteral("Selected"));
        QCOMPARE(selected->count(), 1);
        QCOMPARE(selected->at(0), target);
    }

    void splitChoiceNeedsTestValues() {
        ParetoView view;
        view.setPoints(samplePoints());
        QComboBox* combo = splitCombo(view);
        QVERIFY(combo != nullptr);
        QVERIFY(combo->isHidden());
        QCOMPARE(combo->count(), 2);
        QCOMPARE(view.metricSplit(), QStringLiteral("validation"));
        // Without test values the choice is kept but validation is drawn.
        view.setMetricSplit(QStringLiteral("test"));
        QCOMPARE(view.metricSplit(), QStringLiteral("test"));
        QCOMPARE(view.pointCount(), 5);
        QVERIFY(!noteText(view).contains(QStringLiteral("test result")));
        view.setMetricSplit(QStringLiteral("validation"));
        view.setMetricSplit(QStringLiteral("nonsense"));
        QCOMPARE(view.metricSplit(), QStringLiteral("validation"));

        view.setPoints(withTestValues(samplePoints()));
        QVERIFY(!combo->isHidden());
        QCOMPARE(combo->currentText(), QStringLiteral("Validation"));
        view.setPoints(samplePoints());
        QVERIFY(combo->isHidden());
    }

    void testSplitPlotsTestValues() {
        ParetoView view;
        view.setPoints(withTestValues(withBaselines(samplePoints())));
        const auto* axisY = qobject_cast<QValueAxis*>(chartOf(view)->axes(Qt::Vertical).first());
        QCOMPARE(axisY->titleText(), QStringLiteral("Validation accuracy (%)"));
        auto* seed = seriesNamed<QScatterSeries>(view, QStringLiteral("Seed"));
        QCOMPARE(seed->at(0).y(), 93.0);
        QCOMPARE(view.pointCount(), 8);

        QSignalSpy changed(&view, &ParetoView::metricSplitChanged);
        QComboBox* combo = splitCombo(view);
        combo->setCurrentIndex(combo->findData(QStringLiteral("test")));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toString(), QStringLiteral("test"));
        QCOMPARE(view.metricSplit(), QStringLiteral("test"));
        QCOMPARE(axisY->titleText(), QStringLiteral("Test accuracy (%)"));
        QCOMPARE(seed->at(0).y(), 90.0);
        // run-d has no test value: left out and counted, as is the failed run.
        QCOMPARE(view.pointCount(), 7);
        QCOMPARE(view.baselineCount(), 3);
        QCOMPARE(seriesNamed<QScatterSeries>(view, QStringLiteral("Dominated runs"))->count(), 0);
        QCOMPARE(view.frontCount(), 4);
        QList<double> frontY;
        for (const QPointF& point :
             seriesNamed<QScatterSeries>(view, QStringLiteral("Pareto front"))->points())
            frontY.append(point.y());
        std::sort(frontY.begin(), frontY.end());
        QCOMPARE(frontY.size(), 3);
        QCOMPARE(frontY[0], 79.0);  // run-c: 82 % on validation, 79 % on test
        QCOMPARE(frontY[2], 88.0);  // run-a
        QVERIFY(noteText(view).contains(QStringLiteral("1 point has no test result")));
        QVERIFY(noteText(view).contains(QStringLiteral("1 failed")));

        view.setMetricName(QStringLiteral("macro-F1"));
        QCOMPARE(axisY->titleText(), QStringLiteral("Test macro-F1 (%)"));
        view.setMetricSplit(QStringLiteral("validation"));
        QCOMPARE(changed.count(), 1);  // only the user's choice is signalled
        QCOMPARE(combo->currentText(), QStringLiteral("Validation"));
        QCOMPARE(axisY->titleText(), QStringLiteral("Validation macro-F1 (%)"));
        QCOMPARE(seed->at(0).y(), 93.0);
        QCOMPARE(view.pointCount(), 8);
        QVERIFY(!noteText(view).contains(QStringLiteral("test result")));
    }

    void rendersSweep() {
        ParetoView view;
        view.resize(760, 480);
        std::vector<ParetoPoint> points = withTestValues(samplePoints());
        for (const auto& [width, accuracy] :
             std::vector<std::pair<double, double>>{{0.25, 0.7}, {0.5, 0.77}, {0.75, 0.87}}) {
            const std::string id = "width-" + std::to_string(width).substr(0, 4);
            ParetoPoint baseline = pointFromRun(secateur::test::sampleRun(id, width, accuracy));
            baseline.baseline = true;
            baseline.testAccuracy = accuracy - 0.02;
            points.push_back(baseline);
        }
        view.setMetricName(QStringLiteral("macro-F1"));
        view.setPoints(points);
        view.setSelected(QStringLiteral("run-b"));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(secateur::test::saveRender(view, "pareto_view_sweep_validation.png"));
        view.setMetricSplit(QStringLiteral("test"));
        QCoreApplication::processEvents();  // lays out the longer note
        QVERIFY(secateur::test::saveRender(view, "pareto_view_sweep_test.png"));
    }

    void renders() {
        ParetoView view;
        view.resize(760, 480);
        std::vector<ParetoPoint> points = samplePoints();
        for (int i = 0; i < 6; ++i) {
            const double shrink = 0.3 + 0.1 * i;
            const std::string id = "sweep-" + std::to_string(i);
            points.push_back(pointFromRun(
                secateur::test::sampleRun(id, shrink, 0.78 + 0.025 * i - 0.03 * (i % 2))));
        }
        view.setPoints(points);
        view.setSelected(QStringLiteral("run-b"));
        view.setCostLimit(QStringLiteral("macs"), points.front().costs.at("macs") * 1.1);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.grab().save(
            QString::fromStdString(secateur::test::testOutputPath("pareto_view.png"))));
    }
};

QTEST_MAIN(TestParetoView)
#include "test_pareto_view.moc"
