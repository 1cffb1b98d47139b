#include "widgets/limit_gauges.h"

#include "widgets/palette.h"

#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <optional>

namespace secateur::widgets {

// A rounded track filled to `fraction` in `color`; nothing at all without a limit.
class LimitBar : public QWidget {
public:
    explicit LimitBar(QWidget* parent) : QWidget(parent) {
        setMinimumSize(60, 10);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    }
    QSize sizeHint() const override { return {140, 10}; }

    void setFill(double fraction, const QColor& color) {
        const double clamped = std::clamp(std::isfinite(fraction) ? fraction : 1.0, 0.0, 1.0);
        if (clamped == fraction_ && color == color_) return;
        fraction_ = clamped;
        color_ = color;
        update();
    }

protected:
    void paintEvent(QPaintEvent*) override {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        const QRectF track = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
        const double radius = track.height() / 2.0;
        painter.setBrush(QColor(232, 232, 236));
        painter.drawRoundedRect(track, radius, radius);
        if (fraction_ <= 0.0) return;
        QRectF filled = track;
        filled.setWidth(std::max(track.height(), track.width() * fraction_));
        painter.setBrush(color_);
        painter.drawRoundedRect(filled, radius, radius);
    }

private:
    double fraction_ = 0.0;
    QColor color_;
};

struct LimitReading {
    QString cost;
    double value = 0.0;
    std::optional<secateur::LimitStatus> limit;
};

namespace {

// What a device pays: memory in bytes and the estimates (latency, energy), as the registry
// describes them; parameter and MAC counts get a gauge only when limited.
bool isDeviceCost(const secateur::CostInfo& info) {
    return info.unit == "byte" || !info.exact;
}

// The device costs present (in the registry's order), then every other limited cost; a limit's
// status gives the value it was checked at.
std::vector<LimitReading> readingsOf(const secateur::Snapshot& snapshot) {
    std::vector<LimitReading> readings;
    const auto statusOf = [&](const std::string& cost) -> std::optional<secateur::LimitStatus> {
        for (const secateur::LimitStatus& status : snapshot.limits)
            if (status.cost == cost) return status;
        return std::nullopt;
    };
    for (const secateur::CostInfo& info : snapshot.costInfo) {
        const auto found = snapshot.costs.find(info.name);
        if (!isDeviceCost(info) || found == snapshot.costs.end()) continue;
        const auto limit = statusOf(info.name);
        readings.push_back(
            {QString::fromStdString(info.name), limit ? limit->value : found->second, limit});
    }
    for (const secateur::LimitStatus& status : snapshot.limits) {
        const QString cost = QString::fromStdString(status.cost);
        const bool shown = std::any_of(readings.begin(), readings.end(),
                                       [&](const LimitReading& r) { return r.cost == cost; });
        if (!shown) readings.push_back({cost, status.value, status});
    }
    return readings;
}

QString toolTipText(const LimitReading& reading, const CostTexts& costs) {
    const QString& cost = reading.cost;
    QString text = QStringLiteral("%1: %2 (%3)")
                       .arg(costs.label(cost), costs.exactText(cost, reading.value),
                            costs.valueText(cost, reading.value));
    if (!reading.limit) {
        text += LimitGauges::tr("\nno limit");
    } else {
        const double limit = reading.limit->limit;
        text += LimitGauges::tr("\nLimit: %1 (%2)")
                    .arg(costs.exactText(cost, limit), costs.valueText(cost, limit));
        const QString share = QString::number(reading.value / limit * 100.0, 'f', 1);
        text += reading.limit->met ? LimitGauges::tr("\n%1 % of the limit: within").arg(share)
                                   : LimitGauges::tr("\n%1 % of the limit: over by %2")
                                         .arg(share, costs.valueText(cost, reading.value - limit));
    }
    const QString description = costs.description(cost);
    return description.isEmpty() ? text : text + QLatin1Char('\n') + description;
}

}  // namespace

LimitGauges::LimitGauges(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    grid_ = new QGridLayout;
    grid_->setHorizontalSpacing(10);
    grid_->setVerticalSpacing(6);
    grid_->setColumnStretch(1, 1);
    layout->addLayout(grid_);
    emptyLabel_ = new QLabel(tr("No device costs yet"), this);
    emptyLabel_->setAlignment(Qt::AlignCenter);
    emptyLabel_->setStyleSheet(QStringLiteral("color: #757575;"));
    layout->addWidget(emptyLabel_);
    layout->addStretch(1);
    setWhatsThis(
        tr("The device costs of the network as currently pruned: the flash its weights take, "
           "the most activation memory live at one time, and the estimated latency and energy "
           "of one inference. Where the project sets a limit, the bar shows how much of it is "
           "used: green within the limit, red over it."));
}

LimitGauges::~LimitGauges() = default;

void LimitGauges::setSnapshot(const secateur::Snapshot& snapshot) {
    costs_.merge(snapshot.costInfo);
    const std::vector<LimitReading> readings = readingsOf(snapshot);
    const bool same = std::equal(
        readings.begin(), readings.end(), gauges_.begin(), gauges_.end(),
        [](const LimitReading& reading, const Gauge& gauge) { return reading.cost == gauge.cost; });
    if (!same) rebuild(readings);
    for (size_t i = 0; i < readings.size(); ++i) showReading(gauges_[i], readings[i]);
}

void LimitGauges::clear() {
    rebuild({});
}

void LimitGauges::rebuild(const std::vector<LimitReading>& readings) {
    for (const Gauge& gauge : gauges_) {
        delete gauge.name;
        delete gauge.bar;
        delete gauge.value;
    }
    gauges_.clear();
    for (const LimitReading& reading : readings) {
        const int row = static_cast<int>(gauges_.size());
        Gauge gauge{reading.cost,        new QLabel(costs_.label(reading.cost), this),
                    new LimitBar(this),  new QLabel(this),
                    GaugeState::NoLimit, false};
        QFont bold = gauge.name->font();
        bold.setBold(true);
        gauge.name->setFont(bold);
        gauge.value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        gauge.value->setMinimumWidth(
            gauge.value->fontMetrics().horizontalAdvance(QStringLiteral("000.0 kB / 000 kB")));
        grid_->addWidget(gauge.name, row, 0);
        grid_->addWidget(gauge.bar, row, 1);
        grid_->addWidget(gauge.value, row, 2);
        gauges_.push_back(gauge);
    }
    emptyLabel_->setVisible(gauges_.empty());
}

void LimitGauges::showReading(Gauge& gauge, const LimitReading& reading) {
    const QString value = costs_.valueText(reading.cost, reading.value);
    const GaugeState state = !reading.limit       ? GaugeState::NoLimit
                             : reading.limit->met ? GaugeState::Within
                                                  : GaugeState::Over;
    gauge.value->setText(reading.limit
                             ? QStringLiteral("%1 / %2").arg(
                                   value, costs_.valueText(reading.cost, reading.limit->limit))
                             : value);
    const QString tip = toolTipText(reading, costs_);
    for (QWidget* part : std::initializer_list<QWidget*>{gauge.name, gauge.bar, gauge.value})
        part->setToolTip(tip);
    if (reading.limit) {
        gauge.bar->setFill(reading.value / reading.limit->limit, limitColor(reading.limit->met));
    }
    gauge.name->setText(costs_.label(reading.cost));
    if (gauge.styled && state == gauge.state) return;
    gauge.state = state;
    gauge.styled = true;
    gauge.bar->setVisible(state != GaugeState::NoLimit);
    QPalette palette = gauge.value->palette();
    palette.setColor(QPalette::WindowText, state == GaugeState::Over      ? limitColor(false)
                                           : state == GaugeState::NoLimit ? QColor(97, 97, 97)
                                                                          : QColor(33, 33, 33));
    gauge.value->setPalette(palette);
    QFont font = gauge.value->font();
    font.setBold(state == GaugeState::Over);
    gauge.value->setFont(font);
}

const LimitGauges::Gauge* LimitGauges::find(const QString& cost) const {
    const auto found = std::find_if(gauges_.begin(), gauges_.end(),
                                    [&](const Gauge& gauge) { return gauge.cost == cost; });
    return found == gauges_.end() ? nullptr : &*found;
}

QStringList LimitGauges::gaugeCosts() const {
    QStringList costs;
    for (const Gauge& gauge : gauges_) costs << gauge.cost;
    return costs;
}

LimitGauges::GaugeState LimitGauges::state(const QString& cost) const {
    const Gauge* gauge = find(cost);
    return gauge == nullptr ? GaugeState::NoLimit : gauge->state;
}

QString LimitGauges::text(const QString& cost) const {
    const Gauge* gauge = find(cost);
    return gauge == nullptr ? QString() : gauge->value->text();
}

QString LimitGauges::toolTipOf(const QString& cost) const {
    const Gauge* gauge = find(cost);
    return gauge == nullptr ? QString() : gauge->value->toolTip();
}

}  // namespace secateur::widgets
