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

    // A network with several outputs reports each output's metric ("val_accuracy_0"): the
    // first output's is the run's.
    void aMultiOutputRunIsJudgedByItsFirstOutput() {
        CompareView view;
        view.setCostInfo(secateur::test::sampleCostInfo());
        auto left = secateur::test::sampleRun("run-a", 0.9, 0.91);
        auto right = secateur::test::sampleRun("run-b", 0.5, 0.88);
        left.metrics = {{"val_accuracy_0", 0.80}, {"val_mae_1", 0.3}};
        right.metrics = {{"val_accuracy_0", 0.85}, {"val_mae_1", 0.2}};
        view.setArchitectures(left, right);
        QVERIFY(view.deltaText("accuracy").startsWith(QStringLiteral("+5.0 pp")));
        right.metrics.clear();
        view.setArchitectures(left, right);
        QCOMPARE(view.deltaText("accuracy"), QStringLiteral("-"));
    }

    // A regression task's runs are compared on their error (MAE, in its own units, lower is
    // better), not on an accuracy they do not have.
    void aRegressionIsComparedOnItsError() {
        CompareView view;
        view.setCostInfo(secateur::test::sampleCostInfo());
        view.setMetricLabel([](const std::string& metric) {
            return metric == "mae" ? QStringLiteral("MAE") : QString::fromStdString(metric);
        });
        auto left = secateur::test::sampleRun("run-a", 0.9, 0.0);
        auto right = secateur::test::sampleRun("run-b", 0.5, 0.0);
        for (auto* run : {&left, &right}) {
            run->metric = "mae";
            run->lowerIsBetter = true;
        }
        left.metrics = {{"val_mae", 4.0}, {"val_loss", 30.0}};
        right.metrics = {{"val_mae", 5.0}, {"val_loss", 40.0}};
        view.setArchitectures(left, right);
        QStringList texts;
        for (const QLabel* label : view.findChildren<QLabel*>()) texts << label->text();
        QVERIFY(texts.contains(QStringLiteral("Validation MAE")));
        QVERIFY(!texts.contains(QStringLiteral("Validation accuracy")));
        QVERIFY(texts.contains(QStringLiteral("4")));  // in its units, not as a percentage
        QCOMPARE(view.deltaText("mae"), QStringLiteral("+1 (+25.0%)"));
        QCOMPARE(view.deltaText("accuracy"), QStringLiteral("-"));
        // A larger error is worse (red), a smaller one better (green).
        const auto deltaColour = [&view] {
            for (const QLabel* label : view.findChildren<QLabel*>())
                if (label->text() == view.deltaText("mae")) return label->styleSheet();
            return QString();
        };
        QVERIFY2(deltaColour().contains(QStringLiteral("#c62828")), qPrintable(deltaColour()));
        view.setArchitectures(right, left);
        QCOMPARE(view.deltaText("mae"), QStringLiteral("-1 (-20.0%)"));
        QVERIFY2(deltaColour().contains(QStringLiteral("#2e7d32")), qPrintable(deltaColour()));
        // Back to a classification: the row follows the task again.
        view.setArchitectures(secateur::test::sampleRun("run-c", 0.9, 0.91),
                              secateur::test::sampleRun("run-d", 0.5, 0.88));
        QVERIFY(view.deltaText("accuracy").startsWith(QStringLiteral("-3.0 pp")));
        QCOMPARE(view.deltaText("mae"), QStringLiteral("-"));
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
