// Two finished runs side by side: the task's metric and the costs with their differences, then
// layer by layer.
#pragma once

#include <QString>
#include <QWidget>
#include <functional>
#include <map>
#include <vector>

#include "engine/cost/cost.h"
#include "engine/runs/run_summary.h"

class QGridLayout;
class QLabel;

namespace secateur::widgets {

class CompareRows;

class CompareView : public QWidget {
    Q_OBJECT

public:
    explicit CompareView(QWidget* parent = nullptr);

    // One row per cost of `infos` (the engine registry's catalog) below the task's metric.
    void setCostInfo(const std::vector<secateur::CostInfo>& infos);
    // How a metric's key is shown ("macro_f1" -> "macro-F1"): the engine's metricLabel, which
    // the studio hands in; the key itself without one.
    void setMetricLabel(std::function<QString(const std::string&)> label);
    // Both runs on the left run's task metric (RunSummary::metric: accuracy in %, or an error
    // such as MAE in its units, lower better), then on each cost.
    void setArchitectures(const secateur::RunSummary& left, const secateur::RunSummary& right);
    void clear();

    int rowCount() const;
    // The kind shown for `row` ("Depthwise conv"); empty outside the range.
    QString kindAt(int row) const;
    // Right minus left for the task's metric ("accuracy", "mae") or a cost's name, e.g.
    // "-12.3k (-45.0%)"; "-" if unknown.
    QString deltaText(const QString& metric) const;

private:
    struct MetricLabels {
        QString key;
        QLabel* name = nullptr;
        QLabel* left = nullptr;
        QLabel* right = nullptr;
        QLabel* delta = nullptr;
    };

    void addMetricRow(const QString& key, const QString& title);
    QString metricTitle(const std::string& metric) const;  // "Validation macro-F1"
    void setMetric(MetricLabels& labels, double left, double right, bool higherIsBetter,
                   bool percent);

    QLabel* leftTitle_ = nullptr;
    QLabel* rightTitle_ = nullptr;
    QLabel* leftSubtitle_ = nullptr;
    QLabel* rightSubtitle_ = nullptr;
    QWidget* header_ = nullptr;
    QGridLayout* grid_ = nullptr;
    std::vector<MetricLabels> metrics_;  // the task's metric, then one per cost
    std::map<QString, QString> deltas_;
    CompareRows* rows_ = nullptr;
    std::function<QString(const std::string&)> metricLabel_;
};

}  // namespace secateur::widgets
