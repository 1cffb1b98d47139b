// The text of the Pareto view: cost names, the order of the cost choices, the note on runs left
// out and the tooltip of a point.
#pragma once

#include <QString>
#include <QStringList>
#include <vector>

#include "widgets/cost_texts.h"

namespace secateur::widgets {

struct ParetoPoint;

// `text` translated in the Pareto view's context.
QString paretoText(const char* text);
// Every cost name of `points`, in the order of `costs` (the registry's), unknown ones last.
QStringList paretoCostNames(const std::vector<ParetoPoint>& points, const CostTexts& costs);
// "3 failed or unmeasured runs not shown"; empty when none is left out.
QString excludedRunsNote(int excluded);
// The runs note and "2 points have no test result", joined; empty when none is left out.
QString excludedPointsNote(int excluded, int withoutTest);
// Rich text: the label (and the id when it differs), the validation (and test) metric named
// `metricName`, each cost (labelled by `costs`), and the seed or baseline mark.
// `percent`: the metric is a fraction shown as % (accuracy, F1); otherwise its raw value (MAE).
QString paretoToolTip(const ParetoPoint& point, const CostTexts& costs,
                      const QString& metricName = QString(), bool percent = true);

}  // namespace secateur::widgets
