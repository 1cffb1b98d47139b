#include "app/studio/run_costs.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTreeWidgetItem>

#include "widgets/cost_texts.h"

namespace secateur::studio {
namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("RunCosts", text);
}

// "1.29M MACs" for a count (its unit names it), "Flash 20.4 kB" for the others.
QString namedValue(const widgets::CostTexts& texts, const QString& cost, double value) {
    QString text = texts.valueText(cost, value);
    const QString unit = texts.unit(cost);
    if (widgets::isNounUnit(unit) && text.contains(unit)) return text;
    return QStringLiteral("%1 %2").arg(texts.label(cost), text);
}

}  // namespace

QString runCostText(const RunSummary& run) {
    const widgets::CostTexts texts(costCatalog());
    QStringList parts;
    const QString minimised = QString::fromStdString(run.cost);
    if (const auto it = run.costs.find(run.cost); it != run.costs.end())
        parts << namedValue(texts, minimised, it->second);
    for (const LimitStatus& limit : run.limits) {
        const QString cost = QString::fromStdString(limit.cost);
        QString part =
            tr("%1 of %2")
                .arg(namedValue(texts, cost, limit.value), texts.valueText(cost, limit.limit));
        if (!limit.met) part += tr(" (over)");
        parts << part;
    }
    if (run.repair.ran) parts << tr("repaired");
    return parts.join(QStringLiteral(" · "));
}

QStringList runCostColumns() {
    QStringList titles;
    for (const CostInfo& cost : costCatalog()) titles << QString::fromStdString(cost.label);
    return titles;
}

void setRunCostCells(QTreeWidgetItem& item, int first, const RunSummary& run) {
    const widgets::CostTexts texts(costCatalog());
    int column = first;
    for (const CostInfo& cost : costCatalog()) {
        const auto it = run.costs.find(cost.name);
        const QString name = QString::fromStdString(cost.name);
        item.setText(column, it == run.costs.end() ? QStringLiteral("-")
                                                   : widgets::costCellText(it->second, QLocale()));
        if (it != run.costs.end()) item.setToolTip(column, texts.exactText(name, it->second));
        item.setTextAlignment(column, Qt::AlignRight | Qt::AlignVCenter);
        ++column;
    }
}

}  // namespace secateur::studio
