// The run progress panel: bar values per phase, the overall line, the state and rendering.
#include <QLabel>
#include <QProgressBar>
#include <QTest>

#include "tests/widgets/sample_data.h"
#include "widgets/run_progress.h"

using secateur::widgets::RunProgress;

namespace {

// A run of 1 warm-up, 4 search and 1 fine-tune epochs of 16 steps each (96 steps).
secateur::Snapshot snapshotAt(int64_t step, const std::string& phase, int epochsInPhase) {
    secateur::Snapshot s = secateur::test::sampleSnapshot(static_cast<double>(step) / 96.0, phase);
    s.step = step;
    s.stepsPerEpoch = 16;
    s.totalSteps = 96;
    s.epochsInPhase = epochsInPhase;
    return s;
}

}  // namespace

class TestRunProgress : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void startsReady() {
        RunProgress progress;
        progress.reset(1, 4, 1);
        QCOMPARE(progress.stateText(), QString("Ready"));
        QCOMPARE(progress.phaseValue("warmup"), 0);
        QCOMPARE(progress.phaseValue("search"), 0);
        QCOMPARE(progress.phaseValue("finetune"), 0);
        QCOMPARE(progress.phaseValue("export"), -1);
    }

    void warmupFillsFirstBar() {
        RunProgress progress;
        progress.reset(1, 4, 1);
        progress.setSnapshot(snapshotAt(10, "warmup", 1), 5.0);
        QCOMPARE(progress.phaseValue("warmup"), 10);
        QCOMPARE(progress.phaseValue("search"), 0);
        QCOMPARE(progress.phaseValue("finetune"), 0);
        QCOMPARE(progress.overallText(), QString("Step 10 / 96 · elapsed 0:05 · about 0:43 left"));
    }

    void searchKeepsWarmupFull() {
        RunProgress progress;
        progress.reset(1, 4, 1);
        progress.setSnapshot(snapshotAt(10, "warmup", 1), 5.0);
        progress.setSnapshot(snapshotAt(48, "search", 4), 24.0);
        QCOMPARE(progress.phaseValue("warmup"), 16);
        QCOMPARE(progress.phaseValue("search"), 32);
        QCOMPARE(progress.phaseValue("finetune"), 0);
        const auto bars = progress.findChildren<QProgressBar*>();
        QCOMPARE(bars.size(), 3);
        QCOMPARE(bars[1]->maximum(), 64);
        QCOMPARE(bars[1]->text(), QString("Epoch 3 of 4 · 50%"));
        QCOMPARE(progress.overallText(), QString("Step 48 / 96 · elapsed 0:24 · about 0:24 left"));
    }

    void finetuneAndDone() {
        RunProgress progress;
        progress.reset(1, 4, 1);
        progress.setSnapshot(snapshotAt(88, "finetune", 1), 3600.0 + 88.0);
        QCOMPARE(progress.phaseValue("warmup"), 16);
        QCOMPARE(progress.phaseValue("search"), 64);
        QCOMPARE(progress.phaseValue("finetune"), 8);
        QVERIFY(progress.overallText().startsWith("Step 88 / 96 · elapsed 1:01:28 · about 5:"));
        progress.setSnapshot(snapshotAt(96, "done", 0), 4000.0);
        QCOMPARE(progress.phaseValue("finetune"), 16);
        QCOMPARE(progress.overallText(), QString("Step 96 / 96 · elapsed 1:06:40"));
    }

    void noEstimateInTheFirstSteps() {
        RunProgress progress;
        progress.reset(0, 4, 0);
        progress.setSnapshot(snapshotAt(2, "search", 4), 1.0);
        QCOMPARE(progress.overallText(), QString("Step 2 / 96 · elapsed 0:01"));
        QCOMPARE(progress.phaseValue("search"), 2);
        QCOMPARE(progress.phaseValue("warmup"), 0);
        QCOMPARE(progress.findChildren<QProgressBar*>()[0]->text(), QString("Not used (0 epochs)"));
    }

    void withoutResetUsesSnapshotEpochs() {
        RunProgress progress;
        progress.setSnapshot(snapshotAt(40, "search", 4), 10.0);
        QCOMPARE(progress.findChildren<QProgressBar*>()[1]->maximum(), 64);
        QCOMPARE(progress.phaseValue("search"), 40);
    }

    void states() {
        RunProgress progress;
        for (const QString state :
             {"Running", "Paused", "Stopping…", "Finished", "Stopped", "Failed"}) {
            progress.setState(state);
            QCOMPARE(progress.stateText(), state);
        }
        progress.reset(2, 6, 2);
        QCOMPARE(progress.stateText(), QString("Ready"));
    }

    void rendersProgress() {
        RunProgress progress;
        progress.reset(1, 4, 1);
        progress.setState("Running");
        progress.setSnapshot(snapshotAt(48, "search", 4), 42.0);
        progress.resize(380, 170);
        progress.show();
        QVERIFY(QTest::qWaitForWindowExposed(&progress));
        QVERIFY(progress.grab().save(
            QString::fromStdString(secateur::test::testOutputPath("run_progress.png"))));
    }
};

QTEST_MAIN(TestRunProgress)
#include "test_run_progress.moc"
