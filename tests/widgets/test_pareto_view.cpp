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

#include "tests/widgets/pareto_test_helpers.h"
#include "tests/widgets/sample_data.h"
#include "widgets/pareto_front.h"
#include "widgets/pareto_labels.h"
#include "widgets/pareto_view.h"

using secateur::test::chartOf;
using secateur::test::legendShows;
using secateur::test::pointFromRun;
using secateur::test::samplePoints;
using secateur::test::seriesNamed;
using secateur::widgets::excludedPointsNote;
using secateur::widgets::paretoFront;
using secateur::widgets::ParetoPoint;
using secateur::widgets::paretoToolTip;
using secateur::widgets::ParetoView;

namespace {

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
        view.setCostInfo(secateur::test::sampleCostInfo());
        view.setPoints(samplePoints());
        QCOMPARE(view.costAxis(), QStringLiteral("params"));  // the catalog's first cost
        view.setCostAxis(QStringLiteral("macs"));             // what the app does: the project's
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
        view.setCostInfo(secateur::test::sampleCostInfo());
        view.setCostAxis(QStringLiteral("macs"));
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
        view.setCostInfo(secateur::test::sampleCostInfo());
        view.setCostAxis(QStringLiteral("macs"));
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
        view.setCostInfo(secateur::test::sampleCostInfo());
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
        view.setCostInfo(secateur::test::sampleCostInfo());
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
        view.setCostInfo(secateur::test::sampleCostInfo());
        view.setCostAxis(QStringLiteral("macs"));
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
        view.setCostInfo(secateur::test::sampleCostInfo());
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

    void pointsOverALimitAreGreyedAndOffTheFront() {
        ParetoView view;
        view.setCostInfo(secateur::test::sampleCostInfo());
        view.setCostAxis(QStringLiteral("macs"));
        view.resize(720, 460);
        std::vector<ParetoPoint> points = samplePoints();
        view.setPoints(points);
        view.show();  // legend markers are visible only in a shown chart
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto* over = seriesNamed<QScatterSeries>(view, QStringLiteral("Over a limit"));
        QVERIFY(over != nullptr);
        QCOMPARE(view.overLimitCount(), 0);
        QVERIFY(!legendShows(view, over));
        QVERIFY(!view.pointToolTip(QStringLiteral("run-a")).contains(QStringLiteral("limit")));

        // run-a is on the front (the most accurate run); over a limit it no longer counts.
        points[0].meetsLimits = false;
        view.setPoints(points);
        QCOMPARE(view.pointCount(), 5);
        QCOMPARE(view.frontCount(), 3);  // run-c, run-b and the seed
        QCOMPARE(view.overLimitCount(), 1);
        QCOMPARE(over->count(), 1);
        QVERIFY(legendShows(view, over));
        auto* front = seriesNamed<QScatterSeries>(view, QStringLiteral("Pareto front"));
        QCOMPARE(front->count(), 2);
        QVERIFY(!front->points().contains(over->at(0)));
        // The front's line runs through the seed and skips the greyed run.
        QLineSeries* line = nullptr;
        for (QAbstractSeries* series : chartOf(view)->series()) {
            auto* candidate = qobject_cast<QLineSeries*>(series);
            if (candidate != nullptr && candidate->points().contains(front->at(0)))
                line = candidate;
        }
        QVERIFY(line != nullptr);
        QVERIFY(line->points().contains(
            seriesNamed<QScatterSeries>(view, QStringLiteral("Seed"))->at(0)));
        QVERIFY(!line->points().contains(over->at(0)));
        QVERIFY(
            view.pointToolTip(QStringLiteral("run-a")).contains(QStringLiteral("exceeds a limit")));
        QVERIFY(!view.pointToolTip(QStringLiteral("run-b")).contains(QStringLiteral("exceeds")));
        view.setSelected(QStringLiteral("run-a"));  // a greyed point can still be selected
        QCOMPARE(seriesNamed<QScatterSeries>(view, QStringLiteral("Selected"))->count(), 1);

        // The seed keeps its star but leaves the front too; a dominated run greys as well.
        points[4].meetsLimits = false;
        points[3].meetsLimits = false;
        view.setPoints(points);
        QCOMPARE(view.frontCount(), 2);
        QCOMPARE(view.overLimitCount(), 2);
        QCOMPARE(seriesNamed<QScatterSeries>(view, QStringLiteral("Seed"))->count(), 1);
        QCOMPARE(seriesNamed<QScatterSeries>(view, QStringLiteral("Dominated runs"))->count(), 0);
        QVERIFY(
            view.pointToolTip(QStringLiteral("seed")).contains(QStringLiteral("exceeds a limit")));
    }

    void emptyStateExplainsWhatToDo() {
        ParetoView view;
        view.setCostInfo(secateur::test::sampleCostInfo());
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

    void renders() {
        ParetoView view;
        view.setCostInfo(secateur::test::sampleCostInfo());
        view.resize(760, 480);
        std::vector<ParetoPoint> points = samplePoints();
        for (int i = 0; i < 6; ++i) {
            const double shrink = 0.3 + 0.1 * i;
            const std::string id = "sweep-" + std::to_string(i);
            points.push_back(pointFromRun(
                secateur::test::sampleRun(id, shrink, 0.78 + 0.025 * i - 0.03 * (i % 2))));
        }
        // Runs beyond the MACs limit are greyed (the seed keeps its star).
        const double limit = points.front().costs.at("macs") * 0.95;
        for (ParetoPoint& point : points)
            point.meetsLimits = point.seed || point.failed || point.costs.at("macs") <= limit;
        view.setPoints(points);
        view.setCostAxis(QStringLiteral("macs"));
        view.setSelected(QStringLiteral("run-b"));
        view.setCostLimit(QStringLiteral("macs"), limit);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.grab().save(
            QString::fromStdString(secateur::test::testOutputPath("pareto_view.png"))));
    }
};

QTEST_MAIN(TestParetoView)
#include "test_pareto_view.moc"
