// The Pareto view for sweeps: width baselines as their own series beside the front, and the
// metric on the validation or the test split.
#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>
#include <QtTest/QtTest>

#include "tests/widgets/pareto_test_helpers.h"
#include "tests/widgets/sample_data.h"
#include "widgets/pareto_labels.h"
#include "widgets/pareto_view.h"

using secateur::test::chartOf;
using secateur::test::legendShows;
using secateur::test::pointFromRun;
using secateur::test::samplePoints;
using secateur::test::seriesNamed;
using secateur::widgets::CostTexts;
using secateur::widgets::excludedPointsNote;
using secateur::widgets::ParetoPoint;
using secateur::widgets::paretoToolTip;
using secateur::widgets::ParetoView;

namespace {

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

}  // namespace

class TestParetoSweep : public QObject {
    Q_OBJECT

private Q_SLOTS:
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
        const CostTexts costs(secateur::test::sampleCostInfo());
        const QString tip = paretoToolTip(point, costs, QStringLiteral("macro-F1"));
        QVERIFY(tip.contains(QStringLiteral("Validation macro-F1: 90.0%")));
        QVERIFY(tip.contains(QStringLiteral("Test macro-F1: 87.5%")));
        QVERIFY(tip.contains(QStringLiteral("width-scaling baseline")));
        QVERIFY2(tip.contains(QStringLiteral("Parameters: ")), qPrintable(tip));  // its label
        QVERIFY(!paretoToolTip(samplePoints()[4], costs).contains(QStringLiteral("baseline")));
        QVERIFY(!paretoToolTip(samplePoints()[4], costs).contains(QStringLiteral("Test")));
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

    void aLowerIsBetterMetricIsDrawnInItsUnitsAndMinimised() {
        ParetoView view;
        // MAE: a (cost 100, 0.20), b (200, 0.10), c (300, 0.15: dominated by b), seed (400, 0.05).
        std::vector<ParetoPoint> points;
        const std::pair<double, double> runs[] = {{100, 0.20}, {200, 0.10}, {300, 0.15}};
        for (const auto& [params, mae] : runs) {
            ParetoPoint p;
            p.id = QStringLiteral("run-%1").arg(params);
            p.accuracy = mae;
            p.costs = {{"params", params}};
            points.push_back(p);
        }
        ParetoPoint seed;
        seed.id = QStringLiteral("seed");
        seed.accuracy = 0.05;
        seed.costs = {{"params", 400.0}};
        seed.seed = true;
        points.push_back(seed);
        view.setMetricName(QStringLiteral("MAE"), true);
        view.setPoints(points);
        QVERIFY(view.lowerIsBetter());
        QCOMPARE(view.frontCount(), 3);  // run-100, run-200 and the seed; run-300 is dominated
        const auto* axisY = qobject_cast<QValueAxis*>(chartOf(view)->axes(Qt::Vertical).first());
        QCOMPARE(axisY->titleText(), QStringLiteral("Validation MAE"));
        QVERIFY(axisY->min() >= 0.0 && axisY->min() <= 0.05);  // raw units, not percent
        QVERIFY(axisY->max() >= 0.20 && axisY->max() < 1.0);
        QVERIFY(!axisY->labelFormat().endsWith(QStringLiteral("%%")));
        const QString tip = paretoToolTip(points[1], CostTexts(), QStringLiteral("MAE"), false);
        QVERIFY2(tip.contains(QStringLiteral("Validation MAE: 0.1")), qPrintable(tip));
        QVERIFY(!tip.contains(QStringLiteral("10.0%")));
        view.setMetricName(QStringLiteral("accuracy"));  // back to a fraction: minimised no more
        QCOMPARE(view.frontCount(), 1);  // run-100, now the cheapest and the "most accurate"
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
};

QTEST_MAIN(TestParetoSweep)
#include "test_pareto_sweep.moc"
