// The horizontal cost axis of a chart: linear with k / M / G labels, or, when the costs span more
// than a factor of 20, log10 of the cost labelled at 1, 2 and 5 times each power of ten.
#pragma once

#include <QString>

class QAbstractAxis;
class QCategoryAxis;
class QChart;
class QObject;
class QValueAxis;

namespace secateur::widgets {

class CostAxis {
public:
    // Adds the axis to the chart and attaches it to every series the chart has now.
    CostAxis(QChart* chart, QObject* owner);

    // Fits the axis to [minCost, maxCost], switching between linear and log as needed.
    void fit(double minCost, double maxCost, const QString& costName);
    // Where a cost lies on the axis as it was last fitted.
    double toAxis(double cost) const;
    bool isLogarithmic() const { return logarithmic_; }
    QAbstractAxis* axis() const;

    static bool needsLogScale(double minCost, double maxCost);

private:
    void use(QAbstractAxis* axis);
    void setLogTicks(double lowExponent, double highExponent);

    QChart* chart_;
    QObject* owner_;  // keeps the axis that is not on the chart
    QValueAxis* linear_;
    QCategoryAxis* log_;
    bool logarithmic_ = false;
    double unit_ = 1.0;  // on the linear axis: cost units per axis unit (1, 1e3, 1e6, 1e9)
};

}  // namespace secateur::widgets
