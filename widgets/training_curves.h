// Live training curves of a search: losses, validation accuracy and costs over training steps,
// three stacked charts sharing the step axis, with the search phases shaded behind them and each
// cost's limit as a dashed line on its curve.
#pragma once

#include <QMap>
#include <QString>
#include <QWidget>
#include <memory>
#include <optional>
#include <vector>

#include "engine/search/search.h"
#include "widgets/cost_texts.h"

class QCustomPlot;
class QCPAxisRect;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCPLegend;
class QCPMarginGroup;

namespace secateur::widgets {

class PhaseBands;

class TrainingCurves : public QWidget {
    Q_OBJECT

public:
    explicit TrainingCurves(QWidget* parent = nullptr);
    ~TrainingCurves() override;

    // Task loss, cost term and each cost of a training-step snapshot, at x = step.
    void addStep(const secateur::Snapshot& snapshot);
    // Validation metrics after an epoch, at x = step; also marks a change of phase.
    void addEpoch(const secateur::Snapshot& snapshot);
    void clear();

    // Series: "task loss", "cost term", "validation loss", "accuracy", and one per cost the
    // snapshots report, by its name ("params", "macs", ...).
    int pointCount(const QString& series) const;
    // Where the limit on `cost` is drawn, in the cost chart's units (% of the cost's first
    // value); none until a snapshot carries the limit and the cost has a first value.
    std::optional<double> limitLine(const QString& cost) const;
    // Whether the user zoomed or panned (live updates then keep the visible range).
    bool userZoomed() const { return userZoomed_; }
    // Fits every chart to all data and returns to following live updates.
    void fitAll();
    bool savePng(const QString& path);
    QCustomPlot* plot() const { return plot_; }
    // The values of every curve nearest to a point of the plot (empty outside the charts).
    QString valuesAt(const QPoint& plotPosition) const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QCPAxisRect* addChart(const QString& yLabel, Qt::Alignment legendCorner);
    QCPGraph* addSeries(size_t chart, const QString& series, const QString& legendName);
    void addCost(const QString& series, double value, double step);
    void updateLimits(const std::vector<secateur::LimitStatus>& limits);
    QString seriesName(const QString& series) const;  // for legends and tooltips
    void refresh();
    void fitValueAxes();
    void syncKeyRange(double lower, double upper);

    QCustomPlot* plot_ = nullptr;
    QCPAxisRect* ribbon_ = nullptr;
    QCPMarginGroup* margins_ = nullptr;
    enum Chart : size_t { kLossChart = 0, kAccuracyChart = 1, kCostChart = 2 };  // in charts_
    std::vector<QCPAxisRect*> charts_;  // loss, accuracy, costs (top to bottom)
    std::vector<QCPLegend*> legends_;   // one per chart
    QMap<QString, QCPGraph*> series_;
    QMap<QString, double> firstCost_;
    struct LimitLine {
        QCPItemStraightLine* line = nullptr;
        QCPItemText* label = nullptr;
        double value = 0.0;  // % of the first value
    };
    QMap<QString, LimitLine> limitLines_;  // by cost
    CostTexts costs_;                      // labels and colours of the snapshots' costs
    std::unique_ptr<PhaseBands> phases_;
    bool userZoomed_ = false;
    bool fitting_ = false;
};

}  // namespace secateur::widgets
