// Two finished runs side by side: headline metrics with their differences, then layer by layer.
#pragma once

#include <QString>
#include <QWidget>
#include <array>
#include <map>

#include "engine/project/run_summary.h"

class QLabel;

namespace secateur::widgets {

class CompareRows;

class CompareView : public QWidget {
    Q_OBJECT

public:
    explicit CompareView(QWidget* parent = nullptr);

    void setArchitectures(const secateur::RunSummary& left, const secateur::RunSummary& right);
    void clear();

    int rowCount() const;
    // The kind shown for `row` ("Depthwise conv"); empty outside the range.
    QString kindAt(int row) const;
    // Right minus left for "accuracy", "params" or "macs", e.g. "-12.3k (-45.0%)"; "-" if unknown.
    QString deltaText(const QString& metric) const;

private:
    struct MetricLabels {
        QString key;
        QLabel* left = nullptr;
        QLabel* right = nullptr;
        QLabel* delta = nullptr;
    };

    void setMetric(MetricLabels& labels, double left, double right, bool higherIsBetter,
                   bool percent);

    QLabel* leftTitle_ = nullptr;
    QLabel* rightTitle_ = nullptr;
    QLabel* leftSubtitle_ = nullptr;
    QLabel* rightSubtitle_ = nullptr;
    std::array<MetricLabels, 3> metrics_;
    std::map<QString, QString> deltas_;
    CompareRows* rows_ = nullptr;
};

}  // namespace secateur::widgets
