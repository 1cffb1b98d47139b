#include "widgets/cost_axis.h"

#include <QtCharts/QCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QValueAxis>
#include <algorithm>
#include <cmath>
#include <vector>

#include "widgets/compact_number.h"

namespace secateur::widgets {
namespace {

constexpr double kLogRatio = 20.0;

// The unit that keeps axis labels short: 1, 1e3 (k), 1e6 (M) or 1e9 (G).
double unitFor(double value) {
    for (const double unit : {1e9, 1e6, 1e3}) {
        if (value >= unit) return unit;
    }
    return 1.0;
}

QString unitSuffix(double unit) {
    if (unit >= 1e9) return QStringLiteral("G");
    if (unit >= 1e6) return QStringLiteral("M");
    if (unit >= 1e3) return QStringLiteral("k");
    return {};
}

}  // namespace

CostAxis::CostAxis(QChart* chart, QObject* owner)
    : chart_(chart), owner_(owner), linear_(new QValueAxis(owner)), log_(new QCategoryAxis(owner)) {
    log_->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    use(linear_);
}

bool CostAxis::needsLogScale(double minCost, double maxCost) {
    return minCost > 0 && maxCost / minCost > kLogRatio;
}

QAbstractAxis* CostAxis::axis() const {
    return logarithmic_ ? static_cast<QAbstractAxis*>(log_) : linear_;
}

double CostAxis::toAxis(double cost) const {
    return logarithmic_ ? std::log10(cost) : cost / unit_;
}

void CostAxis::fit(double minCost, double maxCost, const QString& costName) {
    logarithmic_ = needsLogScale(minCost, maxCost);
    if (logarithmic_) {
        unit_ = 1.0;
        use(log_);
        setLogTicks(std::floor(std::log10(minCost / 1.15)), std::ceil(std::log10(maxCost * 1.15)));
        log_->setTitleText(QObject::tr("%1 (log scale)").arg(costName));
        return;
    }
    unit_ = unitFor(maxCost);
    use(linear_);
    const double low = minCost / unit_;
    const double high = maxCost / unit_;
    const double span = high - low;
    const double pad = span > 0 ? span * 0.08 : std::max(std::abs(high) * 0.1, 1.0);
    linear_->setRange(std::max(0.0, low - pad), high + pad);
    linear_->applyNiceNumbers();
    const double step = (linear_->max() - linear_->min()) / std::max(1, linear_->tickCount() - 1);
    linear_->setLabelFormat(QStringLiteral("%.%1f").arg(decimalsForStep(step)) + unitSuffix(unit_));
    linear_->setTitleText(costName);
}

void CostAxis::use(QAbstractAxis* axis) {
    const QList<QAbstractAxis*> current = chart_->axes(Qt::Horizontal);
    if (current.contains(axis)) return;
    for (QAbstractAxis* old : current) {
        chart_->removeAxis(old);
        old->setParent(owner_);  // the chart gives up ownership on removal
    }
    chart_->addAxis(axis, Qt::AlignBottom);
    for (QAbstractSeries* series : chart_->series()) series->attachAxis(axis);
}

void CostAxis::setLogTicks(double lowExponent, double highExponent) {
    // Every power of ten is labelled; ranges of a few decades also get 2 and 5 times each.
    const bool dense = highExponent - lowExponent <= 3;
    QStringList labels;
    std::vector<double> positions;
    for (double exponent = lowExponent; exponent <= highExponent; exponent += 1) {
        for (const double multiple : {1.0, 2.0, 5.0}) {
            if (multiple > 1.0 && (!dense || exponent == highExponent)) continue;
            const double value = multiple * std::pow(10.0, exponent);
            labels.append(compactNumber(value));
            positions.push_back(std::log10(value));
        }
    }
    if (log_->categoriesLabels() == labels && log_->min() == lowExponent &&
        log_->max() == highExponent) {
        return;
    }
    for (const QString& label : log_->categoriesLabels()) log_->remove(label);
    log_->setStartValue(lowExponent - 1e-9);  // so that the first tick gets its label
    for (int i = 0; i < labels.size(); ++i) log_->append(labels[i], positions[size_t(i)]);
    log_->setRange(lowExponent, highExponent);
}

}  // namespace secateur::widgets
