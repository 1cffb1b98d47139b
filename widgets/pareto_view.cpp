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
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>
#include <algorithm>
#include <cmath>
#include <limits>

#include "widgets/compact_number.h"
#include "widgets/cost_axis.h"
#include "widgets/palette.h"
#include "widgets/pareto_front.h"

namespace secateur::widgets {
namespace {

QString costDisplayName(const QString& cost) {
    if (cost == QStringLiteral("params")) return QStringLiteral("Parameters");
    if (cost == QStringLiteral("macs")) return QStringLiteral("MACs");
    return cost;
}

QColor withAlpha(QColor color, int alpha) {
    color.setAlpha(alpha);
    return color;
}

void hideFromLegend(QChart* chart, QAbstractSeries* series) {
    for (QLegendMarker* marker : chart->legend()->markers(series)) marker->setVisible(false);
}

}  // namespace

ParetoView::ParetoView(QWidget* parent) : QWidget(parent) {
    setToolTip(tr("Accuracy against cost of every finished run; click a point to select it"));
    setWhatsThis(
        tr("Each point is one finished run: how accurate its network is (up) against how much it "
           "costs (right), for the cost chosen above. A run is on the Pareto front when no other "
           "run is both cheaper and more accurate; the front is joined by a line, and the faded "
           "points are dominated runs you would not pick. The star is the seed network you "
           "started from."));

    costCombo_ = new QComboBox(this);
    costCombo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    costCombo_->setToolTip(tr("The cost drawn on the horizontal axis"));
    noteLabel_ = new QLabel(this);
    noteLabel_->setStyleSheet(QStringLiteral("color: #757575;"));
    costLabel_ = new QLabel(tr("Cost axis:"), this);
    costLabel_->setBuddy(costCombo_);

    auto* toolbar = new QHBoxLayout;
    toolbar->addWidget(costLabel_);
    toolbar->addWidget(costCombo_);
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

    const QColor front = phaseColor(QStringLiteral("search"));
    dominatedSeries_ = new QScatterSeries(chart_);
    dominatedSeries_->setName(tr("Dominated runs"));
    dominatedSeries_->setMarkerSize(9);
    dominatedSeries_->setColor(withAlpha(front, 70));
    dominatedSeries_->setBorderColor(withAlpha(front, 110));

    frontLine_ = new QLineSeries(chart_);
    frontLine_->setPen(QPen(withAlpha(front, 200), 2.0));

    limitLine_ = new QLineSeries(chart_);
    limitLine_->setPen(QPen(seriesColor(QStringLiteral("cost term")), 1.5, Qt::DashLine));
    limitLine_->setPointLabelsFormat(tr("limit"));
    limitLine_->setPointLabelsColor(seriesColor(QStringLiteral("cost term")));
    limitLine_->setPointLabelsClipping(false);
    limitLine_->setPointLabelsVisible(true);

    frontSeries_ = new QScatterSeries(chart_);
    frontSeries_->setName(tr("Pareto front"));
    frontSeries_->setMarkerSize(11);
    frontSeries_->setColor(front);
    frontSeries_->setBorderColor(front.darker(130));

    seedSeries_ = new QScatterSeries(chart_);
    seedSeries_->setName(tr("Seed"));
    seedSeries_->setMarkerShape(QScatterSeries::MarkerShapeStar);
    seedSeries_->setMarkerSize(18);
    seedSeries_->setColor(seriesColor(QStringLiteral("params")));
    seedSeries_->setBorderColor(seriesColor(QStringLiteral("params")).darker(130));
    seedSeries_->setPointLabelsFormat(tr("seed"));
    seedSeries_->setPointLabelsColor(seriesColor(QStringLiteral("params")).darker(120));
    seedSeries_->setPointLabelsVisible(true);

    selectedSeries_ = new QScatterSeries(chart_);
    selectedSeries_->setName(tr("Selected"));
    selectedSeries_->setMarkerSize(17);
    selectedSeries_->setColor(QColor(255, 193, 7));
    selectedSeries_->setPen(QPen(QColor(33, 33, 33), 2.5));

    axisY_ = new QValueAxis(this);
    axisY_->setTitleText(tr("Validation accuracy"));
    chart_->addAxis(axisY_, Qt::AlignLeft);
    for (QAbstractSeries* series :
         std::initializer_list<QAbstractSeries*>{dominatedSeries_, frontLine_, limitLine_,
                                                 frontSeries_, seedSeries_, selectedSeries_}) {
        chart_->addSeries(series);
        series->attachAxis(axisY_);
    }
    axisX_ = std::make_unique<CostAxis>(chart_, this);
    hideFromLegend(chart_, frontLine_);
    hideFromLegend(chart_, limitLine_);
    hideFromLegend(chart_, selectedSeries_);

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
    connectSeries(dominatedSeries_, &dominatedPlotted_);
    connectSeries(frontSeries_, &frontPlotted_);
    connectSeries(seedSeries_, &seedPlotted_);
    connect(selectedSeries_, &QScatterSeries::clicked, this, [this] {
        if (!selectedId_.isEmpty()) Q_EMIT pointClicked(selectedId_);
    });
    connect(selectedSeries_, &QScatterSeries::hovered, this,
            [this](const QPointF& value, bool state) {
                showTooltip({selectedPlotted_}, value, state);
            });
    connect(costCombo_, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index < 0) return;
        costAxis_ = costCombo_->itemData(index).toString();
        rebuild();
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

int ParetoView::pointCount() const {
    return static_cast<int>(dominatedPlotted_.size() + frontPlotted_.size() + seedPlotted_.size());
}

int ParetoView::frontCount() const {
    return frontCount_;
}

void ParetoView::refreshCostChoices() {
    QStringList names;
    for (const ParetoPoint& point : points_) {
        for (const auto& entry : point.costs) {
            const QString name = QString::fromStdString(entry.first);
            if (!names.contains(name)) names.append(name);
        }
    }
    // Parameters and MACs first, then the rest alphabetically.
    const auto rank = [](const QString& name) {
        if (name == QStringLiteral("params")) return 0;
        if (name == QStringLiteral("macs")) return 1;
        return 2;
    };
    std::sort(names.begin(), names.end(), [&](const QString& a, const QString& b) {
        return rank(a) != rank(b) ? rank(a) < rank(b) : a < b;
    });
    if (!names.contains(costAxis_) && !names.isEmpty()) {
        costAxis_ = names.contains(QStringLiteral("macs")) ? QStringLiteral("macs") : names.front();
    }
    QStringList current;
    for (int i = 0; i < costCombo_->count(); ++i)
        current.append(costCombo_->itemData(i).toString());
    const QSignalBlocker blocker(costCombo_);
    if (current != names) {
        costCombo_->clear();
        for (const QString& name : names) costCombo_->addItem(costDisplayName(name), name);
    }
    costCombo_->setCurrentIndex(costCombo_->findData(costAxis_));
    costCombo_->setEnabled(names.size() > 1);
}

void ParetoView::rebuild() {
    const std::string cost = costAxis_.toStdString();
    const bool hasLimit = costLimits_.count(costAxis_) != 0;
    const double limit = hasLimit ? costLimits_.at(costAxis_) : 0.0;

    // Raw (cost, accuracy %) of the points that can be drawn; the rest are only counted.
    std::vector<size_t> drawable;
    std::vector<std::pair<double, double>> values;
    int excluded = 0;
    for (size_t i = 0; i < points_.size(); ++i) {
        const ParetoPoint& point = points_[i];
        const auto found = point.costs.find(cost);
        const double x = found == point.costs.end() ? std::nan("") : found->second;
        const double y = point.accuracy * 100.0;
        if (point.failed || !std::isfinite(x) || !std::isfinite(y) || x < 0) {
            ++excluded;
            continue;
        }
        drawable.push_back(i);
        values.emplace_back(x, y);
    }
    double minX = limit > 0 ? limit : std::numeric_limits<double>::infinity();
    double maxX = limit > 0 ? limit : -std::numeric_limits<double>::infinity();
    double minY = std::numeric_limits<double>::infinity();
    double maxY = -minY;
    for (const auto& [x, y] : values) {
        minX = std::min(minX, x);
        maxX = std::max(maxX, x);
        minY = std::min(minY, y);
        maxY = std::max(maxY, y);
    }
    if (values.empty() && limit <= 0) {
        minX = 0;
        maxX = 1;
    }
    if (values.empty()) {
        minY = 0;
        maxY = 100;
    }
    updateAxes(minX, maxX, minY, maxY);

    std::vector<bool> onFront(values.size(), false);
    const std::vector<size_t> front = paretoFront(values);
    for (const size_t i : front) onFront[i] = true;
    frontCount_ = static_cast<int>(front.size());

    dominatedPlotted_.clear();
    frontPlotted_.clear();
    seedPlotted_.clear();
    QList<QPointF> dominated, frontPoints, seeds, line;
    for (size_t i = 0; i < values.size(); ++i) {
        const ParetoPoint& point = points_[drawable[i]];
        const Plotted plotted{point.id, axisX_->toAxis(values[i].first), values[i].second};
        const QPointF position(plotted.x, plotted.y);
        if (point.seed) {
            seedPlotted_.push_back(plotted);
            seeds.append(position);
        } else if (onFront[i]) {
            frontPlotted_.push_back(plotted);
            frontPoints.append(position);
        } else {
            dominatedPlotted_.push_back(plotted);
            dominated.append(position);
        }
    }
    // Steps: the best accuracy reachable at each cost stays flat until the next front point.
    for (size_t k = 0; k < front.size(); ++k) {
        const QPointF position(axisX_->toAxis(values[front[k]].first), values[front[k]].second);
        if (k > 0) line.append(QPointF(position.x(), line.back().y()));
        line.append(position);
    }
    dominatedSeries_->replace(dominated);
    frontSeries_->replace(frontPoints);
    seedSeries_->replace(seeds);
    frontLine_->replace(line);
    for (QScatterSeries* series : {dominatedSeries_, frontSeries_, seedSeries_}) {
        for (QLegendMarker* marker : chart_->legend()->markers(series)) {
            marker->setVisible(series->count() > 0);
        }
    }

    updateLimit();
    updateSelection();

    noteLabel_->setText(excluded == 0 ? QString()
                        : excluded == 1
                            ? tr("1 failed or unmeasured run not shown")
                            : tr("%1 failed or unmeasured runs not shown").arg(excluded));
    stack_->setCurrentIndex(points_.empty() ? 1 : 0);
    costLabel_->setVisible(!points_.empty());
    costCombo_->setVisible(!points_.empty());
}

void ParetoView::updateAxes(double minX, double maxX, double minY, double maxY) {
    axisX_->fit(minX, maxX,
                costDisplayName(costAxis_.isEmpty() ? QStringLiteral("cost") : costAxis_));
    const double spanY = maxY - minY;
    const double padY = std::max(1.0, spanY * 0.12);
    axisY_->setRange(std::max(0.0, minY - padY), std::min(100.0, maxY + padY));
    axisY_->applyNiceNumbers();
    if (axisY_->max() > 100.0 || axisY_->min() < 0.0) {
        axisY_->setRange(std::max(0.0, axisY_->min()), std::min(100.0, axisY_->max()));
    }
    const double intervalY = (axisY_->max() - axisY_->min()) / std::max(1, axisY_->tickCount() - 1);
    axisY_->setLabelFormat(QStringLiteral("%.%1f%%").arg(decimalsForStep(intervalY)));
}

void ParetoView::updateSelection() {
    selectedPlotted_ = {};
    for (const auto* plotted : {&frontPlotted_, &dominatedPlotted_, &seedPlotted_}) {
        for (const Plotted& candidate : *plotted) {
            if (!selectedId_.isEmpty() && candidate.id == selectedId_) selectedPlotted_ = candidate;
        }
    }
    if (selectedPlotted_.id.isEmpty()) {
        selectedSeries_->clear();
    } else {
        selectedSeries_->replace(QList<QPointF>{{selectedPlotted_.x, selectedPlotted_.y}});
    }
}

void ParetoView::updateLimit() {
    const auto found = costLimits_.find(costAxis_);
    if (found == costLimits_.end()) {
        limitLine_->clear();
        return;
    }
    const double x = axisX_->toAxis(found->second);
    limitLine_->replace(QList<QPointF>{{x, axisY_->min()}, {x, axisY_->max()}});
    limitLine_->setPointConfiguration(0, QXYSeries::PointConfiguration::LabelVisibility, false);
}

const ParetoPoint* ParetoView::pointById(const QString& id) const {
    const auto found = std::find_if(points_.begin(), points_.end(),
                                    [&](const ParetoPoint& point) { return point.id == id; });
    return found == points_.end() ? nullptr : &*found;
}

QString ParetoView::idAt(const std::vector<Plotted>& plotted, const QPointF& value) const {
    // Compare on screen, so that a log axis does not skew the distance.
    const QPointF target = chart_->mapToPosition(value, frontSeries_);
    QString best;
    double bestDistance = std::numeric_limits<double>::infinity();
    for (const Plotted& candidate : plotted) {
        const QPointF at = chart_->mapToPosition(QPointF(candidate.x, candidate.y), frontSeries_);
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
    const ParetoPoint* point = state ? pointById(idAt(plotted, value)) : nullptr;
    if (point == nullptr) {
        QToolTip::hideText();
        return;
    }
    QString text = QStringLiteral("<b>%1</b>")
                       .arg((point->label.isEmpty() ? point->id : point->label).toHtmlEscaped());
    if (!point->label.isEmpty() && point->label != point->id) {
        text += QStringLiteral("<br><span style='color:#757575'>%1</span>")
                    .arg(point->id.toHtmlEscaped());
    }
    text += tr("<br>Accuracy: %1%").arg(point->accuracy * 100.0, 0, 'f', 1);
    for (const auto& [name, cost] : point->costs) {
        text += QStringLiteral("<br>%1: %2")
                    .arg(costDisplayName(QString::fromStdString(name)), compactNumber(cost));
    }
    if (point->seed) text += tr("<br><i>seed network</i>");
    QToolTip::showText(QCursor::pos(), text, chartView_);
}

}  // namespace secateur::widgets
