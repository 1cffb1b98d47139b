// The display text of costs, from the engine's CostInfo: the app passes the registry's catalog and
// snapshots carry it. Widgets keep no list of cost names or labels of their own.
#pragma once

#include <QColor>
#include <QLocale>
#include <QString>
#include <QStringList>
#include <vector>

#include "engine/cost/cost.h"

namespace secateur::widgets {

class CostTexts {
public:
    CostTexts() = default;
    explicit CostTexts(std::vector<secateur::CostInfo> infos) : infos_(std::move(infos)) {}

    // Adds the costs of `infos` not known yet, in their order (a snapshot's costs, say).
    void merge(const std::vector<secateur::CostInfo>& infos);
    const std::vector<secateur::CostInfo>& infos() const { return infos_; }
    bool knows(const QString& name) const { return rank(name) < static_cast<int>(infos_.size()); }

    QString label(const QString& name) const;  // the registered label; the name when unknown
    QString unit(const QString& name) const;   // empty when unknown
    QString description(const QString& name) const;
    // Position in the catalog; every unknown name ranks after every known one.
    int rank(const QString& name) const;
    // `names` by rank, unknown names alphabetically after the known ones.
    QStringList ordered(QStringList names) const;
    // One colour per cost, by rank (shared by the curves, the layer table and the gauges).
    QColor color(const QString& name) const;
    // `value` of the cost `name` in its unit, readable and exact (see costValueText).
    QString valueText(const QString& name, double value) const;
    QString exactText(const QString& name, double value) const;

private:
    const secateur::CostInfo* find(const QString& name) const;

    std::vector<secateur::CostInfo> infos_;
};

// A count's unit is a noun ("MAC", "parameter"), written after the value and made plural.
bool isNounUnit(const QString& unit);
// `value` in `unit`, short: bytes as "41.2 kB" (k = 1024, as limits count them), "15.9 ms",
// "1.84 mJ"; other units as "39.4k parameters".
QString costValueText(double value, const QString& unit);
// `value` in full, for tooltips: "42,188 bytes", "15.8731 ms".
QString exactCostText(double value, const QString& unit);
// `value` in a table cell headed by its cost: a count with thousands separators ("42,188"), an
// estimate with four significant digits ("15.87"); "-" when not finite.
QString costCellText(double value, const QLocale& locale);

}  // namespace secateur::widgets
