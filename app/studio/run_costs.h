// How a finished run's costs read in the studio's lists and messages: the cost it minimised and
// each limit with its value, in the registry's labels and units ("Latency 15.9 ms · Flash 23.1 kB
// of 24 kB"), and one column per registered cost in the run list.
#pragma once

#include <QString>
#include <QStringList>

#include "engine/runs/run_summary.h"

class QTreeWidgetItem;

namespace secateur::studio {

// The minimised cost, then every limit (value of limit, "over" when not met), and "repaired"
// when the repair ran.
QString runCostText(const RunSummary& run);
// The run list's cost column titles, one per registered cost, in the catalog's order.
QStringList runCostColumns();
// Fills the cost columns from `first` on with the run's costs (counts in full, estimates to four
// digits), each with its exact value and unit as the tooltip.
void setRunCostCells(QTreeWidgetItem& item, int first, const RunSummary& run);

}  // namespace secateur::studio
