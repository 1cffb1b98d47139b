#include "widgets/training_curves.h"

#include <QEvent>
#include <QHelpEvent>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <optional>

#include "widgets/compact_number.h"
#include "widgets/custom_plot.h"
#include "widgets/palette.h"
#include "widgets/phase_bands.h"
#include "widgets/plot_style.h"

namespace secateur::widgets {
namespace {

QString displayName(const QString& series) {
    if (series == QStringLiteral("task loss")) return QStringLiteral("Task loss");
    if (series == QStringLiteral("cost term")) return QStringLiteral("Cost term");
    if (series == QStringLiteral("validation loss")) return QStringLiteral("Validation loss");
    if (series == QStringLiteral("accuracy")) return QStringLiteral("Validation accuracy");
    return series;
}

// The first "val_accuracy" metric ("val_accuracy", else "val_accuracy_0", ...), if any.
std::optional<double> firstAccuracy(const std::map<std::string, double>& metrics) {
    const auto it = metrics.lower_bound("val_accuracy");
    if (it == metrics.end() || it->first.rfind("val_accuracy", 0) != 0) return std::nullopt;
    return it->second;
}

}  // namespace

TrainingCurves::TrainingCurves(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    setMinimumSize(420, 360);

    plot_->setAutoAddPlottableToLegend(false);
    plot_->setAntialiasedElements(QCP::aePlottables | QCP::aeItems);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    const QString phaseLayer = QStringLiteral("phases");
    plot_->addLayer(phaseLayer, plot_->layer(QStringLiteral("grid")), QCustomPlot::limBelow);
    plot_->plotLayout()->clear();
    plot_->plotLayout()->setRowSpacing(2);
    margins_ = new QCPMarginGroup(plot_);

    // A thin ribbon on top naming the phases; the charts below repeat them as faint bands.
    ribbon_ = new QCPAxisRect(plot_);
    plot_->plotLayout()->addElement(0, 0, ribbon_);
    ribbon_->setMarginGroup(QCP::msLeft | QCP::msRight, margins_);
    ribbon_->setAutoMargins(QCP::msLeft | QCP::msRight);
    ribbon_->setMargins(QMargins(0, 6, 0, 0));
    ribbon_->setMinimumSize(0, 18);
    ribbon_->setMaximumSize(QWIDGETSIZE_MAX, 18);
    ribbon_->setRangeDrag(Qt::Orientations());
    ribbon_->setRangeZoom(Qt::Orientations());
    for (QCPAxis* axis : ribbon_->axes()) axis->setVisible(false);
    ribbon_->axis(QCPAxis::atLeft)->setRange(0, 1);

    addChart(QStringLiteral("loss"), Qt::AlignTop | Qt::AlignRight);
    addChart(QStringLiteral("val. accuracy (%)"), Qt::AlignBottom | Qt::AlignRight);
    addChart(QStringLiteral("cost (% of start)"), Qt::AlignTop | Qt::AlignRight);
    plot_->plotLayout()->setRowStretchFactor(0, 0.01);
    plot_->plotLayout()->setRowStretchFactor(1, 1.3);
    QCPAxis* steps = charts_[kCostChart]->axis(QCPAxis::atBottom);
    steps->setTickLabels(true);
    steps->setLabel(QStringLiteral("training step"));

    addSeries(kLossChart, QStringLiteral("task loss"), displayName(QStringLiteral("task loss")));
    addSeries(kLossChart, QStringLiteral("cost term"), displayName(QStringLiteral("cost term")));
    QCPGraph* validationLoss = addSeries(kLossChart, QStringLiteral("validation loss"),
                                         displayName(QStringLiteral("validation loss")));
    validationLoss->setPen(QPen(seriesColor(QStringLiteral("task loss")), 1.6, Qt::DashLine));
    validationLoss->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    QCPGraph* accuracy = addSeries(kAccuracyChart, QStringLiteral("accuracy"),
                                   displayName(QStringLiteral("accuracy")));
    accuracy->setScatterStyle(QCPScatterStyle(
        QCPScatterStyle::ssCircle, seriesColor(QStringLiteral("accuracy")), Qt::white, 6));

    connect(plot_, &QCustomPlot::mouseDoubleClick, this, [this] {
        fitAll();
        plot_->replot(QCustomPlot::rpQueuedReplot);
    });
    phases_ = std::make_unique<PhaseBands>(plot_, phaseLayer, ribbon_, charts_);
    connect(plot_, &QCustomPlot::afterLayout, this, [this] { phases_->fitLabels(); });
    connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        if (QToolTip::isVisible()) {
            const QString text = valuesAt(event->pos());
            if (!text.isEmpty()) QToolTip::showText(event->globalPosition().toPoint(), text, plot_);
        }
    });
    plot_->installEventFilter(this);

    setToolTip(
        tr("Training curves: losses, validation accuracy and costs per training step. "
           "Drag or scroll to zoom the steps, double-click to fit all."));
    setWhatsThis(
        tr("These charts follow a search as it trains. The task loss measures how wrong the "
           "network's predictions are, the cost term how much the search is pushing it to get "
           "smaller; validation accuracy is measured on held-out data after every epoch. The "
           "bottom chart shows each cost of the network as currently pruned (parameters, MACs, "
           "memory, latency), relative to where the search started, with the project's limits "
           "as dashed lines; shaded bands mark the warm-up, search and fine-tune phases."));
    fitAll();
}

TrainingCurves::~TrainingCurves() = default;

QCPAxisRect* TrainingCurves::addChart(const QString& yLabel, Qt::Alignment legendCorner) {
    auto* chart = new QCPAxisRect(plot_);
    plot_->plotLayout()->addElement(static_cast<int>(charts_.size()) + 1, 0, chart);
    chart->setMarginGroup(QCP::msLeft | QCP::msRight, margins_);
    chart->setRangeDrag(Qt::Horizontal);
    chart->setRangeZoom(Qt::Horizontal);
    chart->setRangeZoomFactor(0.85);
    for (QCPAxis* axis : chart->axes()) {
        styleAxis(axis);
        axis->grid()->setZeroLinePen(Qt::NoPen);
    }
    chart->axis(QCPAxis::atLeft)->setLabel(yLabel);
    QCPAxis* steps = chart->axis(QCPAxis::atBottom);
    steps->setTickLabels(false);
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    steps->setTicker(ticker);
    connect(steps, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            [this](const QCPRange& range) { syncKeyRange(range.lower, range.upper); });

    auto* legend = new QCPLegend;
    chart->insetLayout()->addElement(legend, legendCorner);
    legend->setLayer(QStringLiteral("legend"));
    legend->setBrush(QColor(255, 255, 255, 225));
    legend->setBorderPen(QPen(QColor(210, 210, 216)));
    legend->setIconSize(18, 10);
    legend->setRowSpacing(-2);
    QFont font = legend->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    legend->setFont(font);
    charts_.push_back(chart);
    legends_.push_back(legend);
    return chart;
}

QCPGraph* TrainingCurves::addSeries(size_t chart, const QString& series,
                                    const QString& legendName) {
    QCPAxisRect* rect = charts_[chart];
    QCPGraph* graph = plot_->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    graph->setName(legendName);
    graph->setPen(QPen(seriesColor(series), 1.8));
    graph->addToLegend(legends_[chart]);
    series_.insert(series, graph);
    return graph;
}

void TrainingCurves::addStep(const secateur::Snapshot& snapshot) {
    const auto step = static_cast<double>(snapshot.step);
    if (const auto phase = trainingPhaseOf(snapshot.phase)) phases_->track(*phase, step);
    series_[QStringLiteral("task loss")]->addData(step, snapshot.taskLoss);
    series_[QStringLiteral("cost term")]->addData(step, snapshot.costTerm);
    costs_.merge(snapshot.costInfo);
    for (const auto& [name, value] : snapshot.costs) {
        addCost(QString::fromStdString(name), value, step);
    }
    updateLimits(snapshot.limits);
    refresh();
}

void TrainingCurves::addEpoch(const secateur::Snapshot& snapshot) {
    const auto step = static_cast<double>(snapshot.step);
    if (const auto phase = trainingPhaseOf(snapshot.phase)) phases_->track(*phase, step);
    if (const auto accuracy = firstAccuracy(snapshot.metrics)) {
        series_[QStringLiteral("accuracy")]->addData(step, *accuracy * 100.0);
    }
    if (const auto loss = snapshot.metrics.find("val_loss"); loss != snapshot.metrics.end()) {
        series_[QStringLiteral("validation loss")]->addData(step, loss->second);
    }
    costs_.merge(snapshot.costInfo);
    updateLimits(snapshot.limits);
    refresh();
}

void TrainingCurves::addCost(const QString& series, double value, double step) {
    if (!std::isfinite(value)) return;
    QCPGraph* graph = series_.value(series);
    if (graph == nullptr) {  // the first snapshot names the costs; each gets its own curve
        graph = addSeries(kCostChart, series, costs_.label(series));
        graph->setPen(QPen(costs_.color(series), 1.8));
    }
    if (!firstCost_.contains(series) && value > 0.0) firstCost_.insert(series, value);
    const double first = firstCost_.value(series, 0.0);
    if (first <= 0.0) return;
    graph->addData(step, value / first * 100.0);
    graph->setName(QStringLiteral("%1 %2").arg(costs_.label(series), compactNumber(value, 4)));
}

QString TrainingCurves::seriesName(const QString& series) const {
    return costs_.knows(series) ? costs_.label(series) : displayName(series);
}

void TrainingCurves::clear() {
    for (QCPGraph* graph : std::as_const(series_)) {
        graph->data()->clear();
        graph->setName(seriesName(series_.key(graph)));
    }
    phases_->clear();
    for (const LimitLine& limit : std::as_const(limitLines_)) {
        plot_->removeItem(limit.line);
        plot_->removeItem(limit.label);
    }
    limitLines_.clear();
    firstCost_.clear();
    fitAll();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

int TrainingCurves::pointCount(const QString& series) const {
    const QCPGraph* graph = series_.value(series);
    return graph == nullptr ? 0 : graph->dataCount();
}

void TrainingCurves::refresh() {
    if (userZoomed_) {
        fitValueAxes();
    } else {
        fitAll();
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void TrainingCurves::fitAll() {
    bool found = false;
    QCPRange keys;
    for (const QCPGraph* graph : std::as_const(series_)) {
        bool graphFound = false;
        const QCPRange range = graph->getKeyRange(graphFound);
        if (!graphFound) continue;
        keys = found
                   ? QCPRange(std::min(keys.lower, range.lower), std::max(keys.upper, range.upper))
                   : range;
        found = true;
    }
    if (!found) keys = QCPRange(0.0, 10.0);
    if (keys.size() < 1.0) keys = QCPRange(keys.lower - 1.0, keys.upper + 1.0);
    fitting_ = true;
    syncKeyRange(keys.lower, keys.upper);
    fitting_ = false;
    userZoomed_ = false;
    fitValueAxes();
}

void TrainingCurves::syncKeyRange(double lower, double upper) {
    const QCPRange range(lower, upper);
    for (QCPAxisRect* rect : charts_) {
        QCPAxis* axis = rect->axis(QCPAxis::atBottom);
        if (axis->range() != range) axis->setRange(range);
    }
    QCPAxis* ribbonSteps = ribbon_->axis(QCPAxis::atBottom);
    if (ribbonSteps->range() != range) ribbonSteps->setRange(range);
    if (!fitting_) {
        userZoomed_ = true;
        fitValueAxes();
    }
}

void TrainingCurves::fitValueAxes() {
    for (size_t c = 0; c < charts_.size(); ++c) {
        QCPAxisRect* chart = charts_[c];
        const QCPRange visible = chart->axis(QCPAxis::atBottom)->range();
        bool found = false;
        QCPRange values;
        for (const QCPGraph* graph : chart->graphs()) {
            bool graphFound = false;
            const QCPRange range = graph->getValueRange(graphFound, QCP::sdBoth, visible);
            if (!graphFound) continue;
            values = found ? QCPRange(std::min(values.lower, range.lower),
                                      std::max(values.upper, range.upper))
                           : range;
            found = true;
        }
        if (c == kCostChart) {  // the limits stay in sight
            for (const LimitLine& limit : std::as_const(limitLines_)) {
                values = found ? values.expanded(limit.value) : QCPRange(limit.value, limit.value);
                found = true;
            }
        }
        const double pad = std::max(values.size() * 0.08, c == kLossChart ? 0.02 : 1.0);
        QCPRange fitted;
        if (c == kLossChart) {
            fitted = found ? QCPRange(std::min(0.0, values.lower), values.upper + pad)
                           : QCPRange(0.0, 1.0);
        } else if (c == kAccuracyChart) {
            fitted = found ? QCPRange(std::max(0.0, values.lower - pad),
                                      std::min(100.0, values.upper + pad))
                           : QCPRange(0.0, 100.0);
        } else {
            fitted = found ? QCPRange(std::max(0.0, values.lower - pad), values.upper + pad)
                           : QCPRange(0.0, 110.0);
        }
        if (fitted.size() <= 0.0) fitted = QCPRange(fitted.lower - 1.0, fitted.upper + 1.0);
        chart->axis(QCPAxis::atLeft)->setRange(fitted);
    }
}

QString TrainingCurves::valuesAt(const QPoint& plotPosition) const {
    for (QCPAxisRect* chart : charts_) {
        if (!chart->rect().contains(plotPosition)) continue;
        const double key = chart->axis(QCPAxis::atBottom)->pixelToCoord(plotPosition.x());
        QStringList lines;
        for (QCPGraph* graph : chart->graphs()) {
            if (graph->dataCount() == 0) continue;
            const auto data = graph->data();
            auto nearest = data->findBegin(key, false);
            if (nearest == data->constEnd()) --nearest;
            if (nearest != data->constBegin()) {
                const auto before = std::prev(nearest);
                if (std::abs(before->key - key) < std::abs(nearest->key - key)) nearest = before;
            }
            const QString series = series_.key(graph);
            QString value;
            if (series == QStringLiteral("accuracy")) {
                value = QStringLiteral("%1 %").arg(nearest->value, 0, 'f', 1);
            } else if (firstCost_.contains(series)) {
                value = QStringLiteral("%1 (%2 %)")
                            .arg(compactNumber(nearest->value / 100.0 * firstCost_.value(series)))
                            .arg(nearest->value, 0, 'f', 1);
            } else {
                value = QString::number(nearest->value, 'g', 4);
            }
            lines << QStringLiteral("%1 at step %2: %3")
                         .arg(seriesName(series))
                         .arg(nearest->key, 0, 'f', 0)
                         .arg(value);
        }
        for (const LimitLine& limit : std::as_const(limitLines_)) {
            if (chart == charts_[kCostChart])
                lines << tr("%1 (%2 %)").arg(limit.label->text()).arg(limit.value, 0, 'f', 1);
        }
        return lines.join(QLatin1Char('\n'));
    }
    return {};
}

bool TrainingCurves::eventFilter(QObject* watched, QEvent* event) {
    if (watched == plot_ && event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        const QString values = valuesAt(help->pos());
        QToolTip::showText(help->globalPos(), values.isEmpty() ? toolTip() : values, plot_);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

bool TrainingCurves::savePng(const QString& path) {
    return plot_->savePng(path);
}

}  // namespace secateur::widgets
