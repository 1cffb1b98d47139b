// Two finished runs side by side: headline metrics with their differences, then layer by layer.
#pragma once

#include <QString>
#include <QWidget>
#include <map>
#include <vector>

#include "engine/cost/cost.h"
#include "engine/project/run_summary.h"

class QGridLayout;
class QLabel;

namespace secateur::widgets {

class CompareRows;

class CompareView : public QWidget {
    Q_OBJECT

public:
    explicit CompareView(QWidget* parent = nullptr);

    // One row per cost of `infos` (the engine registry's catalog) below the accuracy.
    void setCostInfo(const std::vector<secateur::CostInfo>& infos);
    void setArchitectures(const secateur::RunSummary& left, const secateur::RunSummary& right);
    void clear();

    int rowCount() const;
    // The kind shown for `row` ("Depthwise conv"); empty outside the range.
    QString kindAt(int row) const;
    // Right minus left for "accuracy" or a cost's name, e.g. "-12.3k (-45.0%)"; "-" if unknown.
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
    void setMetric(MetricLabels& labels, double left, double right, bool higherIsBetter,
                   bool percent);

    QLabel* leftTitle_ = nullptr;
    QLabel* rightTitle_ = nullptr;
    QLabel* leftSubtitle_ = nullptr;
    QLabel* rightSubtitle_ = nullptr;
    QWidget* header_ = nullptr;
    QGridLayout* grid_ = nullptr;
    std::vector<MetricLabels> metrics_;  // accuracy, then one per cost
    std::map<QString, QString> deltas_;
    CompareRows* rows_ = nullptr;
};

}  // namespace secateur::widgets
