#include <QSignalSpy>
#include <QtTest>

#include "tests/widgets/sample_data.h"
#include "widgets/cost_texts.h"
#include "widgets/custom_plot.h"
#include "widgets/training_curves.h"

using secateur::test::sampleSnapshot;
using secateur::test::testOutputPath;
using secateur::widgets::TrainingCurves;

namespace {

// A short search: 60 steps, an epoch every 10, warm-up, search then fine-tune.
void feedRun(TrainingCurves& curves, int steps = 60, int stepsPerEpoch = 10) {
    for (int step = 1; step <= steps; ++step) {
        const double progress = static_cast<double>(step) / steps;
        const std::string phase = progress <= 0.2   ? "warmup"
                                  : progress <= 0.8 ? "search"
                                                    : "finetune";
        secateur::Snapshot snapshot = sampleSnapshot(progress, phase);
        snapshot.step = step;
        curves.addStep(snapshot);
        if (step % stepsPerEpoch == 0) curves.addEpoch(snapshot);
    }
}

QCPGraph* graphNamed(const TrainingCurves& curves, const QString& prefix) {
    for (int i = 0; i < curves.plot()->graphCount(); ++i) {
        if (curves.plot()->graph(i)->name().startsWith(prefix)) return curves.plot()->graph(i);
    }
    return nullptr;
}

}  // namespace

class TestTrainingCurves : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pointsGrowWithStepsAndEpochs() {
        TrainingCurves curves;
        QCOMPARE(curves.pointCount(QStringLiteral("task loss")), 0);
        secateur::Snapshot first = sampleSnapshot(0.1);
        curves.addStep(first);
        QCOMPARE(curves.pointCount(QStringLiteral("task loss")), 1);
        QCOMPARE(curves.pointCount(QStringLiteral("cost term")), 1);
        QCOMPARE(curves.pointCount(QStringLiteral("params")), 1);
        QCOMPARE(curves.pointCount(QStringLiteral("macs")), 1);
        QCOMPARE(curves.pointCount(QStringLiteral("accuracy")), 0);
        curves.addEpoch(first);
        QCOMPARE(curves.pointCount(QStringLiteral("accuracy")), 1);
        QCOMPARE(curves.pointCount(QStringLiteral("validation loss")), 1);
        QCOMPARE(curves.pointCount(QStringLiteral("task loss")), 1);
        QCOMPARE(curves.pointCount(QStringLiteral("no such series")), 0);

        TrainingCurves run;
        feedRun(run);
        QCOMPARE(run.pointCount(QStringLiteral("task loss")), 60);
        QCOMPARE(run.pointCount(QStringLiteral("macs")), 60);
        QCOMPARE(run.pointCount(QStringLiteral("accuracy")), 6);
    }

    void valuesArePlottedAsShown() {
        TrainingCurves curves;
        secateur::Snapshot start = sampleSnapshot(0.0);
        start.step = 0;
        secateur::Snapshot later = sampleSnapshot(1.0);
        later.step = 40;
        curves.addStep(start);
        curves.addStep(later);
        curves.addEpoch(later);
        QCPGraph* loss = graphNamed(curves, QStringLiteral("Task loss"));
        QVERIFY(loss != nullptr);
        QCOMPARE(loss->data()->at(1)->key, 40.0);
        QCOMPARE(loss->data()->at(1)->value, later.taskLoss);
        // Costs are relative to the first value; the legend names the absolute value.
        QCPGraph* macs = graphNamed(curves, QStringLiteral("MACs"));
        QVERIFY(macs != nullptr);
        QCOMPARE(macs->data()->at(0)->value, 100.0);
        QVERIFY(macs->data()->at(1)->value < 100.0);
        QVERIFY(macs->name().endsWith(QLatin1Char('k')) || macs->name().endsWith(QLatin1Char('M')));
        QCPGraph* accuracy = graphNamed(curves, QStringLiteral("Validation accuracy"));
        QVERIFY(accuracy != nullptr);
        QCOMPARE(accuracy->data()->at(0)->value, later.metrics.at("val_accuracy") * 100.0);
    }

    void firstOfSeveralAccuraciesIsUsed() {
        TrainingCurves curves;
        secateur::Snapshot snapshot = sampleSnapshot(0.5);
        snapshot.metrics = {{"val_accuracy_0", 0.61}, {"val_accuracy_1", 0.72}, {"val_loss", 0.9}};
        curves.addEpoch(snapshot);
        QCOMPARE(curves.pointCount(QStringLiteral("accuracy")), 1);
        QCOMPARE(graphNamed(curves, QStringLiteral("Validation accuracy"))->data()->at(0)->value,
                 61.0);
    }

    void clearEmptiesEverySeries() {
        TrainingCurves curves;
        feedRun(curves, 20, 5);
        const int itemsWithPhases = curves.plot()->itemCount();
        QVERIFY(itemsWithPhases > 0);
        curves.clear();
        for (const char* series : {"task loss", "cost term", "accuracy", "params", "macs"}) {
            QCOMPARE(curves.pointCount(QString::fromLatin1(series)), 0);
        }
        QCOMPARE(curves.plot()->itemCount(), 0);
        feedRun(curves, 10, 5);
        QCOMPARE(curves.pointCount(QStringLiteral("task loss")), 10);
    }

    void limitsAreDashedLinesOnTheirCosts() {
        TrainingCurves curves;
        curves.resize(800, 600);
        secateur::Snapshot start = sampleSnapshot(0.0);
        start.step = 0;
        start.limits.push_back(
            {"macs", start.costs.at("macs") * 0.5, start.costs.at("macs"), false});
        curves.addStep(start);
        // In the chart's units: % of the cost's first value, as its curve is drawn.
        const double flash = start.costs.at("flash");
        QVERIFY(curves.limitLine(QStringLiteral("flash")).has_value());
        QCOMPARE(*curves.limitLine(QStringLiteral("flash")),
                 secateur::test::kSampleFlashLimit / flash * 100.0);
        QCOMPARE(*curves.limitLine(QStringLiteral("macs")), 50.0);
        QVERIFY(!curves.limitLine(QStringLiteral("peak_ram")).has_value());  // no limit on it
        QStringList labels;
        for (int i = 0; i < curves.plot()->itemCount(); ++i) {
            if (const auto* text = qobject_cast<QCPItemText*>(curves.plot()->item(i)))
                labels << text->text();
            if (const auto* line = qobject_cast<QCPItemStraightLine*>(curves.plot()->item(i)))
                QCOMPARE(line->pen().style(), Qt::DashLine);
        }
        QVERIFY2(labels.contains(QStringLiteral("Flash limit 64 kB")),
                 qPrintable(labels.join('|')));
        QVERIFY(labels.contains(
            QStringLiteral("MACs limit ") +
            secateur::widgets::costValueText(start.costs.at("macs") * 0.5, QStringLiteral("MAC"))));

        // Later steps keep the line where it is; the chart keeps it in sight.
        secateur::Snapshot later = sampleSnapshot(1.0);
        later.step = 40;
        curves.addStep(later);
        QCOMPARE(*curves.limitLine(QStringLiteral("flash")),
                 secateur::test::kSampleFlashLimit / flash * 100.0);
        const QCPRange costRange = curves.plot()->axisRects().at(3)->axis(QCPAxis::atLeft)->range();
        QVERIFY(costRange.contains(*curves.limitLine(QStringLiteral("macs"))));
        curves.show();
        QVERIFY(QTest::qWaitForWindowExposed(&curves));
        curves.plot()->replot();
        QVERIFY(curves.valuesAt(curves.plot()->axisRects().at(3)->rect().center())
                    .contains(QStringLiteral("Flash limit 64 kB")));

        curves.clear();
        QVERIFY(!curves.limitLine(QStringLiteral("flash")).has_value());
        QCOMPARE(curves.plot()->itemCount(), 0);
        // A new run is relative to its own first value.
        secateur::Snapshot other = sampleSnapshot(0.5);
        curves.addStep(other);
        QCOMPARE(*curves.limitLine(QStringLiteral("flash")),
                 secateur::test::kSampleFlashLimit / other.costs.at("flash") * 100.0);
        // Snapshots without limits draw none.
        TrainingCurves plain;
        other.limits.clear();
        plain.addStep(other);
        plain.addEpoch(other);
        QVERIFY(!plain.limitLine(QStringLiteral("flash")).has_value());
        QCOMPARE(plain.plot()->itemCount(), 1 * 5);  // the search phase only
    }

    void phasesAreMarked() {
        TrainingCurves curves;
        feedRun(curves);
        // Three phases, each a band in the three charts and the ribbon, plus a name; the sample's
        // flash limit is a line and its label.
        QCOMPARE(curves.plot()->itemCount(), 3 * 5 + 2);
        secateur::Snapshot done = sampleSnapshot(1.0, "done");
        done.step = 60;
        curves.addEpoch(done);
        QCOMPARE(curves.plot()->itemCount(), 3 * 5 + 2 + 3);
    }

    void zoomIsKeptDuringUpdatesAndDoubleClickFitsAll() {
        TrainingCurves curves;
        curves.resize(800, 600);
        feedRun(curves, 30, 10);
        QCPAxis* steps = curves.plot()->axisRects().at(1)->axis(QCPAxis::atBottom);
        QCOMPARE(steps->range().upper, 30.0);
        QVERIFY(!curves.userZoomed());

        steps->setRange(5.0, 15.0);  // as a mouse drag or wheel does
        QVERIFY(curves.userZoomed());
        secateur::Snapshot next = sampleSnapshot(0.9);
        next.step = 31;
        curves.addStep(next);
        QCOMPARE(steps->range().lower, 5.0);
        QCOMPARE(steps->range().upper, 15.0);
        // The other charts follow the shared step axis.
        QCOMPARE(curves.plot()->axisRects().at(3)->axis(QCPAxis::atBottom)->range().upper, 15.0);

        curves.show();
        QVERIFY(QTest::qWaitForWindowExposed(&curves));
        curves.plot()->replot();
        const QPoint center = curves.plot()->axisRects().at(1)->rect().center();
        QTest::mouseDClick(curves.plot(), Qt::LeftButton, Qt::NoModifier, center);
        QVERIFY(!curves.userZoomed());
        QCOMPARE(steps->range().upper, 31.0);

        // The mouse wheel zooms the steps of every chart.
        QWheelEvent wheel(center, curves.plot()->mapToGlobal(center), QPoint(), QPoint(0, 120),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(curves.plot(), &wheel);
        QVERIFY(curves.userZoomed());
        QVERIFY(steps->range().size() < 30.0);
        QCOMPARE(curves.plot()->axisRects().at(3)->axis(QCPAxis::atBottom)->range(),
                 steps->range());
    }

    void tooltipNamesNearestValues() {
        TrainingCurves curves;
        curves.resize(800, 600);
        feedRun(curves, 30, 10);
        curves.show();
        QVERIFY(QTest::qWaitForWindowExposed(&curves));
        curves.plot()->replot();
        const QRect costChart = curves.plot()->axisRects().at(3)->rect();
        const QString text = curves.valuesAt(costChart.center());
        QVERIFY2(text.contains(QStringLiteral("MACs at step")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("%")));
        QVERIFY(curves.valuesAt(QPoint(-5, -5)).isEmpty());
        QVERIFY(!curves.whatsThis().isEmpty());
    }

    void rendersToPng() {
        TrainingCurves curves;
        curves.resize(900, 640);
        feedRun(curves);
        curves.show();
        QVERIFY(QTest::qWaitForWindowExposed(&curves));
        curves.plot()->replot();
        QVERIFY(curves.grab().save(QString::fromStdString(testOutputPath("training_curves.png"))));
        QVERIFY(
            curves.savePng(QString::fromStdString(testOutputPath("training_curves_export.png"))));
    }
};

QTEST_MAIN(TestTrainingCurves)
#include "test_training_curves.moc"
