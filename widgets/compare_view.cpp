#include "widgets/compare_view.h"

#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "widgets/compact_number.h"
#include "widgets/compare_rows.h"
#include "widgets/layer_decision_format.h"
#include "widgets/palette.h"

namespace secateur::widgets {
namespace {

const QColor kBetter(46, 125, 50);
const QColor kWorse(198, 40, 40);
const QColor kUnchanged(117, 117, 117);

double metricOf(const RunSummary& run, const std::string& metric) {
    return headlineValue(run.metrics, metric).value_or(std::numeric_limits<double>::quiet_NaN());
}

double costOf(const RunSummary& run, const std::string& cost) {
    const auto found = run.costs.find(cost);
    return found == run.costs.end() ? std::numeric_limits<double>::quiet_NaN() : found->second;
}

CompareSide sideOf(const LayerDecision& layer) {
    QString shape;
    if (!layer.kernel.empty()) shape = QStringLiteral("k") + joinSizes(layer.kernel);
    const bool dilated =
        std::any_of(layer.dilation.begin(), layer.dilation.end(), [](int64_t d) { return d != 1; });
    if (dilated) shape += QStringLiteral(" d") + joinSizes(layer.dilation);
    return {layer.keptChannels, layer.totalChannels, shape.trimmed()};
}

// Layers in the left run's order; layers only the right run has follow their predecessor there.
std::vector<CompareRow> matchLayers(const Decisions& left, const Decisions& right) {
    std::vector<CompareRow> rows;
    const auto find = [&rows](const QString& layer) {
        return std::find_if(rows.begin(), rows.end(),
                            [&](const CompareRow& row) { return row.layer == layer; });
    };
    for (const LayerDecision& layer : left.layers) {
        rows.push_back(
            {QString::fromStdString(layer.node), layer.kind, sideOf(layer), std::nullopt});
    }
    size_t insertAt = 0;
    for (const LayerDecision& layer : right.layers) {
        const QString name = QString::fromStdString(layer.node);
        const auto found = find(name);
        if (found != rows.end()) {
            found->right = sideOf(layer);
            insertAt = static_cast<size_t>(found - rows.begin()) + 1;
            continue;
        }
        rows.insert(rows.begin() + static_cast<std::ptrdiff_t>(insertAt),
                    {name, layer.kind, std::nullopt, sideOf(layer)});
        ++insertAt;
    }
    return rows;
}

QString signedText(double value, const QString& text) {
    return value > 0 ? QStringLiteral("+") + text : text;
}

QLabel* makeLabel(QWidget* parent, Qt::Alignment alignment, const QString& style = {}) {
    auto* label = new QLabel(parent);
    label->setAlignment(alignment | Qt::AlignVCenter);
    if (!style.isEmpty()) label->setStyleSheet(style);
    return label;
}

}  // namespace

CompareView::CompareView(QWidget* parent) : QWidget(parent) {
    setToolTip(tr("Two runs side by side: their task metric, costs and kept channels per layer"));
    setWhatsThis(
        tr("Compares two finished runs. The header shows each run's validation metric (accuracy, "
           "or an error such as MAE for regression, where lower is better), its "
           "parameter count and its MACs (multiply-accumulates per sample), and how much the right "
           "run gains or loses against the left one. Below, each layer is a row: the bars show how "
           "many of its output channels each run kept, and highlighted rows are the layers where "
           "the two networks differ."));

    auto* header = new QFrame(this);
    header->setObjectName(QStringLiteral("compareHeader"));
    header->setStyleSheet(QStringLiteral(
        "#compareHeader { background: white; border: 1px solid #e0e0e0; border-radius: 6px; }"));
    header_ = header;
    auto* grid = new QGridLayout(header);
    grid_ = grid;
    grid->setContentsMargins(14, 10, 14, 10);
    grid->setHorizontalSpacing(18);
    grid->setVerticalSpacing(4);
    const QString titleStyle = QStringLiteral("font-size: 12pt; font-weight: 600; color: #212121;");
    const QString mutedStyle = QStringLiteral("color: #757575;");
    leftTitle_ = makeLabel(header, Qt::AlignRight, titleStyle);
    rightTitle_ = makeLabel(header, Qt::AlignLeft, titleStyle);
    leftSubtitle_ = makeLabel(header, Qt::AlignRight, mutedStyle);
    rightSubtitle_ = makeLabel(header, Qt::AlignLeft, mutedStyle);
    for (QLabel* title : {leftTitle_, rightTitle_}) {
        title->setTextInteractionFlags(Qt::TextSelectableByMouse);
        title->setMinimumWidth(120);
    }
    auto* changeTitle = makeLabel(header, Qt::AlignLeft, mutedStyle);
    changeTitle->setText(tr("Right − left"));
    auto* versus = makeLabel(header, Qt::AlignCenter, mutedStyle);
    versus->setText(tr("vs"));
    grid->addWidget(leftTitle_, 0, 1);
    grid->addWidget(versus, 0, 2);
    grid->addWidget(rightTitle_, 0, 3);
    grid->addWidget(leftSubtitle_, 1, 1);
    grid->addWidget(rightSubtitle_, 1, 3);
    grid->addWidget(changeTitle, 1, 4);

    addMetricRow(QStringLiteral("accuracy"), metricTitle("accuracy"));
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);

    auto* legend = new QLabel(this);
    legend->setTextFormat(Qt::RichText);
    legend->setText(tr("<b>Kept output channels per layer</b> &nbsp; "
                       "<span style='color:%1'>&#9632;</span> kept &nbsp; "
                       "<span style='color:%2'>&#9632;</span> pruned &nbsp; "
                       "<span style='color:%3'>&#9632;</span> layers that differ")
                        .arg(keepProbabilityColor(0.5).name(), prunedColor().name(),
                             QColor(255, 179, 0).name()));

    rows_ = new CompareRows(this);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(rows_);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFrameShape(QFrame::StyledPanel);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(8);
    layout->addWidget(header);
    layout->addWidget(legend);
    layout->addWidget(scroll, 1);
    clear();
}

void CompareView::setMetricLabel(std::function<QString(const std::string&)> label) {
    metricLabel_ = std::move(label);
    metrics_.front().name->setText(metricTitle(metrics_.front().key.toStdString()));
}

QString CompareView::metricTitle(const std::string& metric) const {
    return tr("Validation %1")
        .arg(metricLabel_ ? metricLabel_(metric) : QString::fromStdString(metric));
}

void CompareView::addMetricRow(const QString& key, const QString& title) {
    const int row = static_cast<int>(metrics_.size()) + 2;
    MetricLabels labels;
    labels.key = key;
    labels.name = makeLabel(header_, Qt::AlignLeft, QStringLiteral("color: #757575;"));
    labels.name->setText(title);
    labels.left = makeLabel(header_, Qt::AlignRight, QStringLiteral("font-size: 11pt;"));
    labels.right = makeLabel(header_, Qt::AlignLeft, QStringLiteral("font-size: 11pt;"));
    labels.delta = makeLabel(header_, Qt::AlignLeft);
    grid_->addWidget(labels.name, row, 0);
    grid_->addWidget(labels.left, row, 1);
    grid_->addWidget(labels.right, row, 3);
    grid_->addWidget(labels.delta, row, 4);
    metrics_.push_back(labels);
}

void CompareView::setCostInfo(const std::vector<secateur::CostInfo>& infos) {
    while (metrics_.size() > 1) {  // the task metric's row stays
        for (QLabel* label : {metrics_.back().name, metrics_.back().left, metrics_.back().right,
                              metrics_.back().delta})
            delete label;
        metrics_.pop_back();
    }
    for (const secateur::CostInfo& info : infos)
        addMetricRow(QString::fromStdString(info.name), QString::fromStdString(info.label));
    clear();
}

void CompareView::setArchitectures(const RunSummary& left, const RunSummary& right) {
    const auto subtitle = [](const RunSummary& run) {
        QString text = QString::fromStdString(run.name);
        if (!run.cost.empty()) {
            text += tr(" · %1 × %2").arg(QString::fromStdString(run.cost)).arg(run.strength);
        }
        if (run.cancelled) text += tr(" · cancelled");
        return text;
    };
    leftTitle_->setText(QString::fromStdString(left.id));
    rightTitle_->setText(QString::fromStdString(right.id));
    leftSubtitle_->setText(subtitle(left));
    rightSubtitle_->setText(subtitle(right));
    // Both runs are judged by the left run's task metric: accuracy, or an error such as MAE
    // (lower is better, in its own units).
    MetricLabels& headline = metrics_.front();
    deltas_.erase(headline.key);
    headline.key = QString::fromStdString(left.metric);
    headline.name->setText(metricTitle(left.metric));
    setMetric(headline, metricOf(left, left.metric), metricOf(right, left.metric),
              !left.lowerIsBetter, !left.lowerIsBetter);
    for (auto labels = metrics_.begin() + 1; labels != metrics_.end(); ++labels) {
        const std::string cost = labels->key.toStdString();
        setMetric(*labels, costOf(left, cost), costOf(right, cost), false, false);
    }
    rows_->setRows(matchLayers(left.decisions, right.decisions));
}

void CompareView::clear() {
    const QString none = QStringLiteral("-");
    leftTitle_->setText(tr("No run"));
    rightTitle_->setText(tr("No run"));
    leftSubtitle_->setText(none);
    rightSubtitle_->setText(none);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (MetricLabels& labels : metrics_) setMetric(labels, nan, nan, true, false);
    rows_->setRows({});
}

int CompareView::rowCount() const {
    return rows_->rowCount();
}

QString CompareView::kindAt(int row) const {
    if (row < 0 || row >= rowCount()) return {};
    return kindLabel(rows_->row(row).kind);
}

QString CompareView::deltaText(const QString& metric) const {
    const auto found = deltas_.find(metric);
    return found == deltas_.end() ? QStringLiteral("-") : found->second;
}

void CompareView::setMetric(MetricLabels& labels, double left, double right, bool higherIsBetter,
                            bool percent) {
    const auto format = [percent](double value) {
        if (!std::isfinite(value)) return QStringLiteral("-");
        return percent ? QStringLiteral("%1%").arg(value * 100.0, 0, 'f', 1) : compactNumber(value);
    };
    labels.left->setText(format(left));
    labels.right->setText(format(right));

    QString text = QStringLiteral("-");
    QColor color = kUnchanged;
    if (std::isfinite(left) && std::isfinite(right)) {
        const double delta = right - left;
        text = percent ? signedText(delta, QStringLiteral("%1 pp").arg(delta * 100.0, 0, 'f', 1))
                       : signedText(delta, compactNumber(delta));
        if (left != 0.0) {
            const double relative = delta / std::abs(left) * 100.0;
            text += QStringLiteral(" (%1)").arg(
                signedText(relative, QStringLiteral("%1%").arg(relative, 0, 'f', 1)));
        }
        if (delta != 0.0) color = (delta > 0) == higherIsBetter ? kBetter : kWorse;
    }
    deltas_[labels.key] = text;
    labels.delta->setText(text);
    const QString style =
        QStringLiteral("font-size: 11pt; font-weight: 600; color: %1;").arg(color.name());
    if (labels.delta->styleSheet() != style) labels.delta->setStyleSheet(style);
}

}  // namespace secateur::widgets
