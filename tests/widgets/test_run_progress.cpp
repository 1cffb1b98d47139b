// The run progress panel: bar values per phase, the overall line, the state and rendering.
#include <QLabel>
#include <QProgressBar>
#include <QTest>
#include <utility>
#include <vector>

#include "tests/widgets/sample_data.h"
#include "widgets/run_progress.h"

using secateur::TrainingPhase;
using secateur::widgets::RunProgress;
using secateur::widgets::RunState;

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
        QCOMPARE(progress.phaseValue(TrainingPhase::WarmUp), 0);
        QCOMPARE(progress.phaseValue(TrainingPhase::Search), 0);
        QCOMPARE(progress.phaseValue(TrainingPhase::FineTune), 0);
        QCOMPARE(progress.phaseValue(TrainingPhase::Done), -1);  // no bar
    }

    void warmupFillsFirstBar() {
        RunProgress progress;
        progress.reset(1, 4, 1);
        progress.setSnapshot(snapshotAt(10, "warmup", 1), 5.0);
        QCOMPARE(progress.phaseValue(TrainingPhase::WarmUp), 10);
        QCOMPARE(progress.phaseValue(TrainingPhase::Search), 0);
        QCOMPARE(progress.phaseValue(TrainingPhase::FineTune), 0);
        QCOMPARE(progress.overallText(), QString("Step 10 / 96 · elapsed 0:05 · about 0:43 left"));
    }

    void searchKeepsWarmupFull() {
        RunProgress progress;
        progress.reset(1, 4, 1);
        progress.setSnapshot(snapshotAt(10, "warmup", 1), 5.0);
        progress.setSnapshot(snapshotAt(48, "search", 4), 24.0);
        QCOMPARE(progress.phaseValue(TrainingPhase::WarmUp), 16);
        QCOMPARE(progress.phaseValue(TrainingPhase::Search), 32);
        QCOMPARE(progress.phaseValue(TrainingPhase::FineTune), 0);
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
        QCOMPARE(progress.phaseValue(TrainingPhase::WarmUp), 16);
        QCOMPARE(progress.phaseValue(TrainingPhase::Search), 64);
        QCOMPARE(progress.phaseValue(TrainingPhase::FineTune), 8);
        QVERIFY(progress.overallText().startsWith("Step 88 / 96 · elapsed 1:01:28 · about 5:"));
        progress.setSnapshot(snapshotAt(96, "done", 0), 4000.0);
        QCOMPARE(progress.phaseValue(TrainingPhase::FineTune), 16);
        QCOMPARE(progress.overallText(), QString("Step 96 / 96 · elapsed 1:06:40"));
    }

    void noEstimateInTheFirstSteps() {
        RunProgress progress;
        progress.reset(0, 4, 0);
        progress.setSnapshot(snapshotAt(2, "search", 4), 1.0);
        QCOMPARE(progress.overallText(), QString("Step 2 / 96 · elapsed 0:01"));
        QCOMPARE(progress.phaseValue(TrainingPhase::Search), 2);
        QCOMPARE(progress.phaseValue(TrainingPhase::WarmUp), 0);
        QCOMPARE(progress.findChildren<QProgressBar*>()[0]->text(), QString("Not used (0 epochs)"));
    }

    void withoutResetUsesSnapshotEpochs() {
        RunProgress progress;
        progress.setSnapshot(snapshotAt(40, "search", 4), 10.0);
        QCOMPARE(progress.findChildren<QProgressBar*>()[1]->maximum(), 64);
        QCOMPARE(progress.phaseValue(TrainingPhase::Search), 40);
    }

    void states() {
        RunProgress progress;
        QCOMPARE(progress.state(), RunState::Ready);
        const std::vector<std::pair<RunState, QString>> shown{
            {RunState::Running, "Running"},    {RunState::Paused, "Paused"},
            {RunState::Stopping, "Stopping…"}, {RunState::Finished, "Finished"},
            {RunState::Stopped, "Stopped"},    {RunState::Failed, "Failed"}};
        for (const auto& [state, text] : shown) {
            progress.setState(state);
            QCOMPARE(progress.state(), state);
            QCOMPARE(progress.stateText(), text);
            QCOMPARE(secateur::widgets::runStateText(state), text);
        }
        progress.setState(RunState::StoppedWhileSeedTrained);
        QVERIFY(progress.stateText().contains(QStringLiteral("seed")));
        progress.reset(2, 6, 2);
        QCOMPARE(progress.state(), RunState::Ready);
        QCOMPARE(progress.stateText(), QString("Ready"));
    }

    void rendersProgress() {
        RunProgress progress;
        progress.reset(1, 4, 1);
        progress.setState(RunState::Running);
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
