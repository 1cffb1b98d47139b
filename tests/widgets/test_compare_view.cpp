#include <QLabel>
#include <QtTest/QtTest>

#include "tests/widgets/sample_data.h"
#include "widgets/compare_view.h"

using secateur::widgets::CompareView;

class TestCompareView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void oneRowPerLayer() {
        CompareView view;
        view.setCostInfo(secateur::test::sampleCostInfo());
        const auto left = secateur::test::sampleRun("run-a", 0.9, 0.91);
        const auto right = secateur::test::sampleRun("run-b", 0.5, 0.88);
        view.setArchitectures(left, right);
        QCOMPARE(view.rowCount(), static_cast<int>(left.decisions.layers.size()));
        QCOMPARE(view.rowCount(), 5);
        // Each row shows its layer's kind from the engine's vocabulary.
        QCOMPARE(view.kindAt(0), QStringLiteral("Conv"));
        QCOMPARE(view.kindAt(2), QStringLiteral("Depthwise conv"));
        QCOMPARE(view.kindAt(3), QStringLiteral("Pointwise conv"));
        QCOMPARE(view.kindAt(4), QStringLiteral("Linear"));
        QCOMPARE(view.kindAt(5), QString());
    }

    void deltasAreRightMinusLeft() {
        CompareView view;
        view.setCostInfo(secateur::test::sampleCostInfo());
        const auto big = secateur::test::sampleRun("run-big", 0.9, 0.91);
        const auto small = secateur::test::sampleRun("run-small", 0.5, 0.88);
        view.setArchitectures(big, small);
        // One row per cost, under the registry's label.
        QStringList texts;
        for (const QLabel* label : view.findChildren<QLabel*>()) texts << label->text();
        QVERIFY(texts.contains(QStringLiteral("Parameters")));
        QVERIFY(texts.contains(QStringLiteral("MACs")));
        QVERIFY2(view.deltaText("params").startsWith('-'), qPrintable(view.deltaText("params")));
        QVERIFY(view.deltaText("macs").startsWith('-'));
        QVERIFY(view.deltaText("accuracy").startsWith('-'));
        QVERIFY(view.deltaText("accuracy").contains(QStringLiteral("-3.0 pp")));
        view.setArchitectures(small, big);
        QVERIFY(view.deltaText("params").startsWith('+'));
        QVERIFY(view.deltaText("macs").startsWith('+'));
        QVERIFY(view.deltaText("accuracy").startsWith(QStringLiteral("+3.0 pp")));
        const double relative =
            (big.costs.at("params") - small.costs.at("params")) / small.costs.at("params") * 100;
        QVERIFY(
            view.deltaText("params").endsWith(QStringLiteral("(+%1%)").arg(relative, 0, 'f', 1)));
    }

    void layersOnOneSideOnlyStillGetARow() {
        CompareView view;
        view.setCostInfo(secateur::test::sampleCostInfo());
        auto left = secateur::test::sampleRun("run-a", 0.9, 0.91);
        auto right = secateur::test::sampleRun("run-b", 0.5, 0.88);
        right.decisions.layers.erase(right.decisions.layers.begin() + 1);
        secateur::LayerDecision extra = right.decisions.layers.front();
        extra.node = "features.0.extra";
        right.decisions.layers.insert(right.decisions.layers.begin() + 1, extra);
        view.setArchitectures(left, right);
        QCOMPARE(view.rowCount(), 6);
    }

    void clearEmptiesTheView() {
        CompareView view;
        view.setCostInfo(secateur::test::sampleCostInfo());
        view.setArchitectures(secateur::test::sampleRun("run-a", 0.9, 0.91),
                              secateur::test::sampleRun("run-b", 0.5, 0.88));
        view.clear();
        QCOMPARE(view.rowCount(), 0);
        QCOMPARE(view.deltaText("params"), QStringLiteral("-"));
        QCOMPARE(view.deltaText("accuracy"), QStringLiteral("-"));
    }

    void missingAccuracyFallsBackToPrefixedMetric() {
        CompareView view;
        view.setCostInfo(secateur::test::sampleCostInfo());
        auto left = secateur::test::sampleRun("run-a", 0.9, 0.91);
        auto right = secateur::test::sampleRun("run-b", 0.5, 0.88);
        left.metrics = {{"val_accuracy_top1", 0.80}};
        right.metrics = {{"val_accuracy_top1", 0.85}};
        view.setArchitectures(left, right);
        QVERIFY(view.deltaText("accuracy").startsWith(QStringLiteral("+5.0 pp")));
        right.metrics.clear();
        view.setArchitectures(left, right);
        QCOMPARE(view.deltaText("accuracy"), QStringLiteral("-"));
    }

    void renders() {
        CompareView view;
        view.setCostInfo(secateur::test::sampleCostInfo());
        view.resize(820, 520);
        auto left = secateur::test::sampleRun("2024-05-02_run-07", 0.85, 0.912);
        auto right = secateur::test::sampleRun("2024-05-03_run-11", 0.45, 0.897);
        // A layer only the right run has, to show the "-" side.
        secateur::LayerDecision extra = right.decisions.layers.back();
        extra.node = "classifier.aux";
        right.decisions.layers.push_back(extra);
        view.setArchitectures(left, right);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.grab().save(
            QString::fromStdString(secateur::test::testOutputPath("compare_view.png"))));
    }
};

QTEST_MAIN(TestCompareView)
#include "test_compare_view.moc"
