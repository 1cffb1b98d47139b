// The device costs of the current decisions against their limits: one gauge per cost (flash,
// peak RAM, latency, energy, then any other limited cost) with its value, its limit and a bar
// filled to the share of the limit used, green while within and red when over.
#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>
#include <vector>

#include "engine/search/search.h"
#include "widgets/cost_texts.h"

class QGridLayout;
class QLabel;

namespace secateur::widgets {

class LimitBar;       // the filled bar of one gauge (limit_gauges.cpp)
struct LimitReading;  // one gauge's numbers from a snapshot (limit_gauges.cpp)

class LimitGauges : public QWidget {
    Q_OBJECT

public:
    enum class GaugeState { NoLimit, Within, Over };

    explicit LimitGauges(QWidget* parent = nullptr);
    ~LimitGauges() override;

    // Cheap enough for every snapshot: the gauges are rebuilt only when the costs shown change.
    void setSnapshot(const secateur::Snapshot& snapshot);
    void clear();

    int gaugeCount() const { return static_cast<int>(gauges_.size()); }
    QStringList gaugeCosts() const;  // the costs shown, in order
    // NoLimit also for a cost without a gauge.
    GaugeState state(const QString& cost) const;
    // The shown value, with its limit when there is one: "41.2 kB / 64 kB" (empty: no gauge).
    QString text(const QString& cost) const;
    QString toolTipOf(const QString& cost) const;

private:
    struct Gauge {
        QString cost;
        QLabel* name = nullptr;
        LimitBar* bar = nullptr;
        QLabel* value = nullptr;
        GaugeState state = GaugeState::NoLimit;
        bool styled = false;  // for `state`
    };
    void rebuild(const std::vector<LimitReading>& readings);
    void showReading(Gauge& gauge, const LimitReading& reading);
    const Gauge* find(const QString& cost) const;

    CostTexts costs_;
    std::vector<Gauge> gauges_;
    QGridLayout* grid_ = nullptr;
    QLabel* emptyLabel_ = nullptr;
};

}  // namespace secateur::widgets
