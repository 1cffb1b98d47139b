// The progress of a running search: one bar per phase, the overall step with elapsed and
// remaining time, and the run's state.
#pragma once

#include <QString>
#include <QWidget>
#include <array>

#include "engine/runs/training_phase.h"
#include "engine/search/search.h"

class QLabel;
class QProgressBar;

namespace secateur::widgets {

// What a run is doing, as the run controls show it. Code compares these, never the shown text.
enum class RunState {
    Ready,
    Running,
    Paused,
    Stopping,
    Finished,
    Stopped,
    StoppedWhileSeedTrained,  // no run yet: the next Start continues the seed's training
    Failed,
};
// The state's text ("Running", "Stopping…"), translated; one table for every state.
QString runStateText(RunState state);

class RunProgress : public QWidget {
    Q_OBJECT

public:
    explicit RunProgress(QWidget* parent = nullptr);

    // Empties the bars for a run with these epochs per phase and shows Ready.
    void reset(int warmupEpochs, int searchEpochs, int finetuneEpochs);
    // Phases before `s.phase` show full, those after it empty; "done" fills all.
    void setSnapshot(const secateur::Snapshot& s, double elapsedSeconds);
    void setState(RunState state);

    RunState state() const { return state_; }
    QString stateText() const;  // runStateText(state()), as shown
    // The bar value (steps done in that phase); -1 for Done, which has no bar.
    int phaseValue(secateur::TrainingPhase phase) const;
    QString overallText() const;

private:
    struct PhaseRow {
        secateur::TrainingPhase phase;
        int epochs = 0;
        QProgressBar* bar = nullptr;
    };

    void updateBar(PhaseRow& row, int64_t stepsPerEpoch, int64_t done, bool current);

    std::array<PhaseRow, 3> rows_{{{secateur::TrainingPhase::WarmUp},
                                   {secateur::TrainingPhase::Search},
                                   {secateur::TrainingPhase::FineTune}}};
    RunState state_ = RunState::Ready;
    QLabel* stateLabel_ = nullptr;
    QLabel* overallLabel_ = nullptr;
};

}  // namespace secateur::widgets
