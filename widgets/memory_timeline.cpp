#include "widgets/memory_timeline.h"

#include <QEvent>
#include <QFontMetrics>
#include <QHelpEvent>
#include <QLabel>
#include <QStackedLayout>
#include <QToolTip>
#include <algorithm>
#include <cmath>

#include "widgets/cost_texts.h"
#include "widgets/custom_plot.h"
#include "widgets/palette.h"
#include "widgets/plot_style.h"

namespace secateur::widgets {
namespace {

constexpr double kBarWidth = 0.7;
constexpr double kKilobyte = 1024.0;  // as limits count bytes
const QString kByte = QStringLiteral("byte");

QColor peakColor(bool over) {
    return over ? limitColor(false) : QColor(251, 140, 0);  // orange: the peak within
}

QCPBars* addBars(QCustomPlot* plot, const QColor& color) {
    auto* bars = new QCPBars(plot->xAxis, plot->yAxis);
    bars->setWidth(kBarWidth);
    bars->setPen(QPen(color.darker(120), 1.0));
    bars->setBrush(color);
    return bars;
}

}  // namespace

MemoryTimeline::MemoryTimeline(QWidget* parent)
    : QWidget(parent), stack_(new QStackedLayout(this)), plot_(new QCustomPlot(this)) {
    emptyLabel_ = new QLabel(tr("no execution plan yet"), this);
    emptyLabel_->setAlignment(Qt::AlignCenter);
    emptyLabel_->setStyleSheet(QStringLiteral("color: #757575; font-size: 11pt;"));
    stack_->addWidget(plot_);
    stack_->addWidget(emptyLabel_);
    setMinimumSize(320, 200);

    plot_->setAntialiasedElements(QCP::aeItems);
    for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) styleAxis(axis);
    plot_->xAxis->grid()->setVisible(false);
    plot_->xAxis->setTicker(QSharedPointer<QCPAxisTickerText>::create());
    plot_->xAxis->setLabel(tr("step of the execution plan"));
    plot_->yAxis->setLabel(tr("live activations (kB)"));
    bars_ = addBars(plot_, withAlpha(phaseColor(TrainingPhase::Search), 170));
    peakBar_ = addBars(plot_, peakColor(false));

    peakLabel_ = new QCPItemText(plot_);
    peakLabel_->setClipToAxisRect(false);
    peakLabel_->setPadding(QMargins(2, 2, 2, 3));
    QFont bold = peakLabel_->font();
    bold.setBold(true);
    peakLabel_->setFont(bold);

    const QColor limit = limitColor(false);
    limitLine_ = new QCPItemStraightLine(plot_);
    limitLine_->setPen(QPen(limit, 1.5, Qt::DashLine));
    limitLabel_ = new QCPItemText(plot_);
    limitLabel_->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    limitLabel_->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    limitLabel_->setColor(limit);
    limitLabel_->setPadding(QMargins(2, 0, 4, 2));

    plot_->installEventFilter(this);
    setToolTip(tr("Activation memory live at each step of the execution plan"));
    setWhatsThis(
        tr("The network runs its layers one after another. Each bar is one step of that plan: "
           "the activation memory (inputs and outputs) that must be in RAM while it runs. The "
           "tallest bar is the network's peak RAM; the dashed line is the project's limit."));
    clear();
}

MemoryTimeline::~MemoryTimeline() = default;

void MemoryTimeline::setSnapshot(const secateur::Snapshot& snapshot) {
    const bool planChanged =
        snapshot.liveSteps != steps_ || snapshot.liveBytes.size() != bytes_.size();
    bytes_ = snapshot.liveBytes;
    if (planChanged) steps_ = snapshot.liveSteps;
    const auto peak = std::max_element(bytes_.begin(), bytes_.end());
    peak_ = peak == bytes_.end() ? -1 : static_cast<int>(peak - bytes_.begin());
    limit_.reset();
    for (const secateur::LimitStatus& status : snapshot.limits)
        if (status.cost == "peak_ram") limit_ = status.limit;
    updateBars();
    if (planChanged) updateTicks();
    updateLimit();
    fitValueAxis();
    stack_->setCurrentIndex(bytes_.empty() ? 1 : 0);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void MemoryTimeline::clear() {
    secateur::Snapshot empty;
    setSnapshot(empty);
}

bool MemoryTimeline::peakOverLimit() const {
    return peak_ >= 0 && limit_ && bytes_[static_cast<size_t>(peak_)] > *limit_;
}

QString MemoryTimeline::peakText() const {
    if (peak_ < 0) return {};
    const auto step = static_cast<size_t>(peak_);
    const QString node =
        step < steps_.size() ? QString::fromStdString(steps_[step]) : tr("step %1").arg(peak_ + 1);
    return tr("peak %1 at %2").arg(costValueText(bytes_[step], kByte), node);
}

void MemoryTimeline::updateBars() {
    QVector<double> keys, values;
    for (size_t i = 0; i < bytes_.size(); ++i) {
        if (static_cast<int>(i) == peak_) continue;
        keys.append(static_cast<double>(i));
        values.append(bytes_[i] / kKilobyte);
    }
    bars_->setData(keys, values, true);
    peakLabel_->setVisible(peak_ >= 0);
    if (peak_ < 0) {
        peakBar_->data()->clear();
        return;
    }
    const double peakKb = bytes_[static_cast<size_t>(peak_)] / kKilobyte;
    peakBar_->setData({static_cast<double>(peak_)}, {peakKb}, true);
    const QColor color = peakColor(peakOverLimit());
    peakBar_->setBrush(color);
    peakBar_->setPen(QPen(color.darker(120), 1.0));
    peakLabel_->setText(peakText());
    peakLabel_->setColor(color.darker(115));
    peakLabel_->position->setCoords(peak_, peakKb);
    // Near an end the label grows inwards, so that it stays inside the plot.
    const double share = (peak_ + 0.5) / static_cast<double>(bytes_.size());
    const Qt::Alignment horizontal = share < 0.25   ? Qt::AlignLeft
                                     : share > 0.75 ? Qt::AlignRight
                                                    : Qt::AlignHCenter;
    peakLabel_->setPositionAlignment(horizontal | Qt::AlignBottom);
}

// Node names under the bars (their ends, which tell nodes apart): all when they fit, else every
// few, slanted; each bar's tooltip has its full name.
void MemoryTimeline::updateTicks() {
    auto ticker = qSharedPointerCast<QCPAxisTickerText>(plot_->xAxis->ticker());
    ticker->clear();
    const int count = stepCount();
    if (count == 0) return;
    const QFontMetrics metrics(plot_->xAxis->tickLabelFont());
    const int available = std::max(100, width() - 90);  // the plot fills the view
    QStringList names;
    int widest = 0;
    for (int i = 0; i < count; ++i) {
        const auto step = static_cast<size_t>(i);
        const QString name =
            step < steps_.size() ? QString::fromStdString(steps_[step]) : QString::number(i + 1);
        names << metrics.elidedText(name, Qt::ElideLeft, 130);
        widest = std::max(widest, metrics.horizontalAdvance(names.back()));
    }
    const bool fits = count * (widest + 10) <= available;
    const int footprint = fits ? widest + 10 : metrics.height() * 3 / 2;
    const int stride = std::max(1, (count * footprint + available - 1) / available);
    for (int i = 0; i < count; i += stride) ticker->addTick(i, names[i]);
    plot_->xAxis->setTickLabelRotation(fits ? 0 : 40);
    plot_->xAxis->setRange(-0.6, count - 0.4);
}

void MemoryTimeline::updateLimit() {
    limitLine_->setVisible(limit_.has_value());
    limitLabel_->setVisible(limit_.has_value());
    if (!limit_) return;
    const double kb = *limit_ / kKilobyte;
    limitLine_->point1->setCoords(0, kb);
    limitLine_->point2->setCoords(1, kb);
    limitLabel_->position->setCoords(1.0, kb);
    limitLabel_->setText(tr("limit %1").arg(costValueText(*limit_, kByte)));
}

void MemoryTimeline::fitValueAxis() {
    const double peak = peak_ >= 0 ? bytes_[static_cast<size_t>(peak_)] : 0.0;
    const double top = std::max(peak, limit_.value_or(0.0)) / kKilobyte;
    plot_->yAxis->setRange(0.0, top > 0.0 ? top * 1.2 : 1.0);  // room for the labels
}

QRect MemoryTimeline::barRect(int step) const {
    if (step < 0 || step >= stepCount()) return {};
    const double kb = bytes_[static_cast<size_t>(step)] / kKilobyte;
    const QPointF topLeft(plot_->xAxis->coordToPixel(step - kBarWidth / 2),
                          plot_->yAxis->coordToPixel(kb));
    const QPointF bottomRight(plot_->xAxis->coordToPixel(step + kBarWidth / 2),
                              plot_->yAxis->coordToPixel(0.0));
    return QRectF(topLeft, bottomRight).normalized().toAlignedRect();
}

QString MemoryTimeline::barToolTip(const QPoint& plotPosition) const {
    if (bytes_.empty() || !plot_->axisRect()->rect().contains(plotPosition)) return {};
    const double key = plot_->xAxis->pixelToCoord(plotPosition.x());
    const auto step = static_cast<int>(std::lround(key));
    if (step < 0 || step >= stepCount() || std::abs(key - step) > kBarWidth / 2) return {};
    const auto index = static_cast<size_t>(step);
    const double bytes = bytes_[index];
    const QString node = index < steps_.size() ? QString::fromStdString(steps_[index]) : QString();
    QString text = tr("Step %1 of %2: %3\n%4 live (%5)")
                       .arg(step + 1)
                       .arg(stepCount())
                       .arg(node, costValueText(bytes, kByte), exactCostText(bytes, kByte));
    if (step == peak_) text += tr("\nthe peak of the plan");
    if (limit_ && bytes > *limit_)
        text += tr("\nover the %1 limit").arg(costValueText(*limit_, kByte));
    return text;
}

bool MemoryTimeline::eventFilter(QObject* watched, QEvent* event) {
    if (watched == plot_ && event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        const QString text = barToolTip(help->pos());
        QToolTip::showText(help->globalPos(), text.isEmpty() ? toolTip() : text, plot_);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void MemoryTimeline::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    updateTicks();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace secateur::widgets
