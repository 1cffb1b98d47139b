// Activation memory over the execution plan: one bar per step (the node it runs) of the bytes
// live while it runs, the peak step marked, and the peak RAM limit as a dashed line.
#pragma once

#include <QRect>
#include <QString>
#include <QWidget>
#include <optional>
#include <string>
#include <vector>

#include "engine/search/search.h"

class QCustomPlot;
class QCPBars;
class QCPItemStraightLine;
class QCPItemText;
class QLabel;
class QStackedLayout;

namespace secateur::widgets {

class MemoryTimeline : public QWidget {
    Q_OBJECT

public:
    explicit MemoryTimeline(QWidget* parent = nullptr);
    ~MemoryTimeline() override;

    // Cheap enough for every snapshot: the step labels are redone only when the plan changes.
    void setSnapshot(const secateur::Snapshot& snapshot);
    void clear();

    int stepCount() const { return static_cast<int>(bytes_.size()); }
    int peakStep() const { return peak_; }  // -1 without a plan
    std::optional<double> limitBytes() const { return limit_; }
    bool peakOverLimit() const;
    QString peakText() const;  // "peak 12.3 kB at conv3" (empty without a plan)
    // Where step `step`'s bar is drawn, in plot coordinates (after a replot).
    QRect barRect(int step) const;
    // The step, node and bytes of the bar at `plotPosition` (empty: no bar there).
    QString barToolTip(const QPoint& plotPosition) const;
    QCustomPlot* plot() const { return plot_; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void updateBars();
    void updateTicks();
    void updateLimit();
    void fitValueAxis();

    std::vector<double> bytes_;
    std::vector<std::string> steps_;
    int peak_ = -1;
    std::optional<double> limit_;

    QStackedLayout* stack_ = nullptr;
    QLabel* emptyLabel_ = nullptr;
    QCustomPlot* plot_ = nullptr;
    QCPBars* bars_ = nullptr;     // every step but the peak
    QCPBars* peakBar_ = nullptr;  // the peak step, in its own colour
    QCPItemText* peakLabel_ = nullptr;
    QCPItemStraightLine* limitLine_ = nullptr;
    QCPItemText* limitLabel_ = nullptr;
};

}  // namespace secateur::widgets
