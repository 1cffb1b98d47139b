// The progress of a running search: one bar per phase, the overall step with elapsed and
// remaining time, and the run's state.
#pragma once

#include <QString>
#include <QWidget>
#include <array>

#include "engine/search/search.h"

class QLabel;
class QProgressBar;

namespace secateur::widgets {

class RunProgress : public QWidget {
    Q_OBJECT

public:
    explicit RunProgress(QWidget* parent = nullptr);

    // Empties the bars for a run with these epochs per phase and shows "Ready".
    void reset(int warmupEpochs, int searchEpochs, int finetuneEpochs);
    // Phases before `s.phase` show full, those after it empty; "done" fills all.
    void setSnapshot(const secateur::Snapshot& s, double elapsedSeconds);
    // "Ready", "Running", "Paused", "Stopping…", "Finished", "Stopped" or "Failed".
    void setState(const QString& state);

    QString stateText() const;
    // The bar value (steps done in that phase) for "warmup", "search" or "finetune"; -1 otherwise.
    int phaseValue(const QString& phase) const;
    QString overallText() const;

private:
    struct PhaseRow {
        const char* phase;
        int epochs = 0;
        QProgressBar* bar = nullptr;
    };

    void updateBar(PhaseRow& row, int64_t stepsPerEpoch, int64_t done, bool current);

    std::array<PhaseRow, 3> rows_{{{"warmup"}, {"search"}, {"finetune"}}};
    QLabel* stateLabel_ = nullptr;
    QLabel* overallLabel_ = nullptr;
};

}  // namespace secateur::widgets
