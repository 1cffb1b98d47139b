// The phases of a search (warm-up, search, fine-tune) on a QCustomPlot: a named coloured ribbon
// above the charts and faint bands behind them, plus a dashed line where the search is done.
#pragma once

#include <QString>
#include <vector>

#include "engine/runs/training_phase.h"

class QCustomPlot;
class QCPAxisRect;
class QCPItemRect;
class QCPItemStraightLine;
class QCPItemText;

namespace secateur::widgets {

class PhaseBands {
public:
    // Items go on `layer` of `plot` (below the grid, ideally); `ribbon` holds the phase names.
    PhaseBands(QCustomPlot* plot, const QString& layer, QCPAxisRect* ribbon,
               std::vector<QCPAxisRect*> charts);

    // Extends the current phase to `step`, or starts a new one; Done ends the last phase.
    void track(secateur::TrainingPhase phase, double step);
    void clear();
    // Hides a phase name that does not fit its band at the current zoom (after a layout).
    void fitLabels();
    int phaseCount() const { return static_cast<int>(bands_.size()); }

private:
    struct Band {
        secateur::TrainingPhase phase;
        double start = 0.0, end = 0.0;
        std::vector<QCPItemRect*> shades;  // one per chart, then the ribbon's
        QCPItemText* label = nullptr;
    };

    Band makeBand(secateur::TrainingPhase phase, double step);
    void extend(Band& band, double step);
    void markDone(double step);

    QCustomPlot* plot_;
    QString layer_;
    QCPAxisRect* ribbon_;
    std::vector<QCPAxisRect*> charts_;
    std::vector<Band> bands_;
    std::vector<QCPItemStraightLine*> doneLines_;
};

}  // namespace secateur::widgets
