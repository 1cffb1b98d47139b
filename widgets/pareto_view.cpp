#include "widgets/pareto_view.h"

#include <QComboBox>
#include <QCursor>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QStackedLayout>
#include <QToolTip>
#include <QVBoxLayout>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>
#include <algorithm>
#include <cmath>
#include <limits>

#include "widgets/cost_axis.h"
#include "widgets/pareto_front.h"
#include "widgets/pareto_labels.h"
#include "widgets/pareto_series.h"

namespace secateur::widgets {

ParetoView::ParetoView(QWidget* parent) : QWidget(parent) {
    setToolTip(tr("Accuracy against cost of every finished run; click a point to select it"));
    setWhatsThis(
        tr("Each point is one finished run: how accurate its network is (up) against how much it "
           "costs (right), for the cost chosen above. A run is on the Pareto front when no other "
           "run is both cheaper and more accurate; the front is joined by a line, and the faded "
           "points are dominated runs you would not pick. The star is the seed network you "
           "started from; the grey-blue squares are the seed scaled down in width, the baseline "
           "a search should beat. Grey points exceed a limit of their run, so they are never on "
           "the front."));

    costCombo_ = new QComboBox(this);
    costCombo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    costCombo_->setToolTip(tr("The cost drawn on the horizontal axis"));
    noteLabel_ = new QLabel(this);
    noteLabel_->setStyleSheet(QStringLiteral("color: #757575;"));
    costLabel_ = new QLabel(tr("Cost axis:"), this);
    costLabel_->setBuddy(costCombo_);
    splitCombo_ = new QComboBox(this);
    splitCombo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    splitCombo_->setToolTip(tr("The data split whose metric is drawn on the vertical axis"));
    splitCombo_->addItem(tr("Validation"), QStringLiteral("validation"));
    splitCombo_->addItem(tr("Test"), QStringLiteral("test"));
    splitLabel_ = new QLabel(tr("Metric on:"), this);
    splitLabel_->setBuddy(splitCombo_);

    auto* toolbar = new QHBoxLayout;
    toolbar->addWidget(costLabel_);
    toolbar->addWidget(costCombo_);
    toolbar->addSpacing(8);
    toolbar->addWidget(splitLabel_);
    toolbar->addWidget(splitCombo_);
    toolbar->addStretch(1);
    toolbar->addWidget(noteLabel_);

    chartView_ = new QChartView(this);
    chartView_->setRenderHint(QPainter::Antialiasing);
    chartView_->setMinimumSize(360, 260);
    chart_ = chartView_->chart();
    chart_->setMargins(QMargins(6, 6, 12, 6));
    chart_->setBackgroundRoundness(0);
    chart_->legend()->setAlignment(Qt::AlignBottom);

    emptyLabel_ = new QLabel(
        tr("No finished runs yet:\nstart a search; every finished run appears here as a point"),
        this);
    emptyLabel_->setAlignment(Qt::AlignCenter);
    emptyLabel_->setWordWrap(true);
    emptyLabel_->setMargin(24);
    emptyLabel_->setStyleSheet(
        QStringLiteral("color: #757575; font-size: 11pt; background: white; "
                       "border: 1px dashed #bdbdbd; border-radius: 6px;"));

    auto* chartPage = new QWidget(this);
    auto* chartPageLayout = new QVBoxLayout(chartPage);
    chartPageLayout->setContentsMargins(0, 0, 0, 0);
    chartPageLayout->addWidget(chartView_);
    stack_ = new QStackedLayout;
    stack_->addWidget(chartPage);
    stack_->addWidget(emptyLabel_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(toolbar);
    layout->addLayout(stack_, 1);

    axisY_ = new QValueAxis(this);
    chart_->addAxis(axisY_, Qt::AlignLeft);
    series_ = ParetoSeries::create(chart_, axisY_);
    axisX_ = std::make_unique<CostAxis>(chart_, this);

    const auto connectSeries = [this](QScatterSeries* series, const std::vector<Plotted>* plotted) {
        connect(series, &QScatterSeries::clicked, this, [this, plotted](const QPointF& value) {
            const QString id = idAt(*plotted, value);
            if (id.isEmpty()) return;
            setSelected(id);
            Q_EMIT pointClicked(id);
        });
        connect(series, &QScatterSeries::hovered, this,
                [this, plotted](const QPointF& value, bool state) {
                    showTooltip(*plotted, value, state);
                });
    };
    connectSeries(series_.dominated, &dominatedPlotted_);
    connectSeries(series_.front, &frontPlotted_);
    connectSeries(series_.seed, &seedPlotted_);
    connectSeries(series_.baseline, &baselinePlotted_);
    connectSeries(series_.overLimit, &overLimitPlotted_);
    connect(series_.selected, &QScatterSeries::clicked, this, [this] {
        if (!selectedId_.isEmpty()) Q_EMIT pointClicked(selectedId_);
    });
    connect(series_.selected, &QScatterSeries::hovered, this,
            [this](const QPointF& value, bool state) {
                showTooltip({selectedPlotted_}, value, state);
            });
    connect(costCombo_, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index < 0) return;
        costAxis_ = costCombo_->itemData(index).toString();
        rebuild();
    });
    connect(splitCombo_, &QComboBox::currentIndexChanged, this, [this](int index) {
        metricSplit_ = splitCombo_->itemData(index).toString();
        rebuild();
        Q_EMIT metricSplitChanged(metricSplit_);
    });
    rebuild();
}

ParetoView::~ParetoView() = default;

void ParetoView::setPoints(const std::vector<ParetoPoint>& points) {
    points_ = points;
    refreshCostChoices();
    rebuild();
}

void ParetoView::setCostAxis(const QString& cost) {
    costAxis_ = cost;
    const int index = costCombo_->findData(cost);
    if (index >= 0 && index != costCombo_->currentIndex()) {
        costCombo_->setCurrentIndex(index);  // rebuilds through the signal
        return;
    }
    rebuild();
}

QString ParetoView::costAxis() const {
    return costAxis_;
}

void ParetoView::setSelected(const QString& id) {
    selectedId_ = id;
    updateSelection();
}

void ParetoView::setCostLimit(const QString& cost, double value) {
    if (value > 0 && std::isfinite(value)) {
        costLimits_[cost] = value;
    } else {
        costLimits_.erase(cost);
    }
    rebuild();
}

void ParetoView::setMetricSplit(const QString& split) {
    const int index = splitCombo_->findData(split);
    if (index < 0) return;
    metricSplit_ = split;
    const QSignalBlocker blocker(splitCombo_);
    splitCombo_->setCurrentIndex(index);
    rebuild();
}

QString ParetoView::metricSplit() const {
    return metricSplit_;
}

void ParetoView::setMetricName(const QString& name, bool lowerIsBetter) {
    metricName_ = name.isEmpty() ? QStringLiteral("accuracy") : name;
    lowerIsBetter_ = lowerIsBetter;
    rebuild();
}

void ParetoView::setCostInfo(const std::vector<secateur::CostInfo>& infos) {
    costs_ = CostTexts(infos);
    {
        const QSignalBlocker blocker(costCombo_);
        costCombo_->clear();  // refilled with the new labels
    }
    refreshCostChoices();
    rebuild();
}

void ParetoView::refreshCostChoices() {
    const QStringList names = paretoCostNames(points_, costs_);
    if (!names.contains(costAxis_) && !names.isEmpty()) costAxis_ = names.front();
    QStringList current;
    for (int i = 0; i < costCombo_->count(); ++i)
        current.append(costCombo_->itemData(i).toString());
    const QSignalBlocker blocker(costCombo_);
    if (current != names) {
        costCombo_->clear();
        for (const QString& name : names) costCombo_->addItem(costs_.label(name), name);
    }
    costCombo_->setCurrentIndex(costCombo_->findData(costAxis_));
    costCombo_->setEnabled(names.size() > 1);
}

bool ParetoView::hasTestValues() const {
    return std::any_of(points_.begin(), points_.end(),
                       [](const ParetoPoint& point) { return point.testAccuracy.has_value(); });
}

void ParetoView::rebuild() {
    const std::string cost = costAxis_.toStdString();
    const bool hasLimit = costLimits_.count(costAxis_) != 0;
    const double limit = hasLimit ? costLimits_.at(costAxis_) : 0.0;

    const bool test = metricSplit_ == QStringLiteral("test") && hasTestValues();
    const QString title = lowerIsBetter_ ? (test ? tr("Test %1") : tr("Validation %1"))
                                         : (test ? tr("Test %1 (%)") : tr("Validation %1 (%)"));
    axisY_->setTitleText(title.arg(metricName_));
    const double scale = lowerIsBetter_ ? 1.0 : 100.0;
    // Raw (cost, accuracy %) of the points that can be drawn; the rest are only counted.
    std::vector<size_t> drawable;
    std::vector<std::pair<double, double>> values;
    int excluded = 0, withoutTest = 0;
    for (size_t i = 0; i < points_.size(); ++i) {
        const ParetoPoint& point = points_[i];
        const auto found = point.costs.find(cost);
        const double x = found == point.costs.end() ? std::nan("") : found->second;
        if (!point.failed && test && !point.testAccuracy) {
            ++withoutTest;
            continue;
        }
        const double y = (test ? *point.testAccuracy : point.accuracy) * scale;
        if (point.failed || !std::isfinite(x) || !std::isfinite(y) || x < 0) {
            ++excluded;
            continue;
        }
        drawable.push_back(i);
        values.emplace_back(x, y);
    }
    const double inf = std::numeric_limits<double>::infinity();
    double minX = limit > 0 ? limit : (values.empty() ? 0.0 : inf);
    double maxX = limit > 0 ? limit : (values.empty() ? 1.0 : -inf);
    double minY = values.empty() ? 0.0 : inf, maxY = values.empty() ? 100.0 : -inf;
    for (const auto& [x, y] : values) {
        minX = std::min(minX, x);
        maxX = std::max(maxX, x);
        minY = std::min(minY, y);
        maxY = std::max(maxY, y);
    }
    updateAxes(minX, maxX, minY, maxY);

    // The front is over the searched points and the seed within their limits; baselines only
    // stand beside it.
    const auto isBaseline = [&](size_t i) {
        const ParetoPoint& point = points_[drawable[i]];
        return point.baseline && !point.seed;
    };
    std::vector<std::pair<double, double>> candidates = values;
    for (size_t i = 0; i < values.size(); ++i) {
        if (isBaseline(i) || !points_[drawable[i]].meetsLimits)
            candidates[i].first = std::nan("");  // never on the front
        if (lowerIsBetter_) candidates[i].second = -candidates[i].second;
    }
    std::vector<bool> onFront(values.size(), false);
    const std::vector<size_t> front = paretoFront(candidates);
    for (const size_t i : front) onFront[i] = true;
    frontCount_ = static_cast<int>(front.size());

    dominatedPlotted_.clear();
    frontPlotted_.clear();
    seedPlotted_.clear();
    baselinePlotted_.clear();
    overLimitPlotted_.clear();
    QList<QPointF> dominated, frontPoints, seeds, baselines, overLimit, frontLine;
    for (size_t i = 0; i < values.size(); ++i) {
        const ParetoPoint& point = points_[drawable[i]];
        const Plotted plotted{point.id, axisX_->toAxis(values[i].first), values[i].second};
        const QPointF position(plotted.x, plotted.y);
        if (onFront[i]) frontLine.append(position);
        if (isBaseline(i)) {
            baselinePlotted_.push_back(plotted);
            baselines.append(position);
        } else if (point.seed) {
            seedPlotted_.push_back(plotted);
            seeds.append(position);
        } else if (!point.meetsLimits) {
            overLimitPlotted_.push_back(plotted);
            overLimit.append(position);
        } else if (onFront[i]) {
            frontPlotted_.push_back(plotted);
            frontPoints.append(position);
        } else {
            dominatedPlotted_.push_back(plotted);
            dominated.append(position);
        }
    }
    series_.overLimit->replace(overLimit);
    series_.dominated->replace(dominated);
    series_.setFront(frontPoints, frontLine);
    series_.seed->replace(seeds);
    series_.setBaselines(baselines);
    series_.updateLegend(chart_);

    updateLimit();
    updateSelection();

    noteLabel_->setText(excludedPointsNote(excluded, withoutTest));
    stack_->setCurrentIndex(points_.empty() ? 1 : 0);
    costLabel_->setVisible(!points_.empty());
    costCombo_->setVisible(!points_.empty());
    splitLabel_->setVisible(hasTestValues());
    splitCombo_->setVisible(hasTestValues());
}

void ParetoView::updateAxes(double minX, double maxX, double minY, double maxY) {
    axisX_->fit(minX, maxX, costAxis_.isEmpty() ? tr("cost") : costs_.label(costAxis_));
    if (lowerIsBetter_)
        ParetoSeries::fitValueAxis(axisY_, minY, maxY);
    else
        ParetoSeries::fitAccuracyAxis(axisY_, minY, maxY);
}

void ParetoView::updateSelection() {
    selectedPlotted_ = {};
    for (const auto* plotted : {&frontPlotted_, &dominatedPlotted_, &seedPlotted_,
                                &baselinePlotted_, &overLimitPlotted_}) {
        for (const Plotted& candidate : *plotted) {
            if (!selectedId_.isEmpty() && candidate.id == selectedId_) selectedPlotted_ = candidate;
        }
    }
    if (selectedPlotted_.id.isEmpty()) {
        series_.selected->clear();
    } else {
        series_.selected->replace(QList<QPointF>{{selectedPlotted_.x, selectedPlotted_.y}});
    }
}

void ParetoView::updateLimit() {
    const auto found = costLimits_.find(costAxis_);
    series_.setLimit(found == costLimits_.end() ? std::nan("") : axisX_->toAxis(found->second),
                     axisY_);
}

const ParetoPoint* ParetoView::pointById(const QString& id) const {
    const auto found = std::find_if(points_.begin(), points_.end(),
                                    [&](const ParetoPoint& point) { return point.id == id; });
    return found == points_.end() ? nullptr : &*found;
}

QString ParetoView::idAt(const std::vector<Plotted>& plotted, const QPointF& value) const {
    // Compare on screen, so that a log axis does not skew the distance.
    const QPointF target = chart_->mapToPosition(value, series_.front);
    QString best;
    double bestDistance = std::numeric_limits<double>::infinity();
    for (const Plotted& candidate : plotted) {
        const QPointF at = chart_->mapToPosition(QPointF(candidate.x, candidate.y), series_.front);
        const double distance = std::hypot(at.x() - target.x(), at.y() - target.y());
        if (distance < bestDistance) {
            bestDistance = distance;
            best = candidate.id;
        }
    }
    return best;
}

void ParetoView::showTooltip(const std::vector<Plotted>& plotted, const QPointF& value,
                             bool state) {
    const QString text = state ? pointToolTip(idAt(plotted, value)) : QString();
    if (text.isEmpty()) {
        QToolTip::hideText();
        return;
    }
    QToolTip::showText(QCursor::pos(), text, chartView_);
}

QString ParetoView::pointToolTip(const QString& id) const {
    const ParetoPoint* point = pointById(id);
    if (point == nullptr) return {};
    return paretoToolTip(*point, costs_, metricName_, !lowerIsBetter_);
}

}  // namespace secateur::widgets
