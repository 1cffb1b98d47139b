#include "widgets/pareto_labels.h"

#include <QCoreApplication>
#include <algorithm>

#include "widgets/compact_number.h"
#include "widgets/pareto_view.h"

namespace secateur::widgets {

QString paretoText(const char* text) {
    return QCoreApplication::translate("secateur::widgets::ParetoView", text);
}

QStringList paretoCostNames(const std::vector<ParetoPoint>& points, const CostTexts& costs) {
    QStringList names;
    for (const ParetoPoint& point : points) {
        for (const auto& entry : point.costs) {
            const QString name = QString::fromStdString(entry.first);
            if (!names.contains(name)) names.append(name);
        }
    }
    return costs.ordered(names);
}

QString excludedRunsNote(int excluded) {
    if (excluded == 0) return {};
    return excluded == 1 ? paretoText("1 failed or unmeasured run not shown")
                         : paretoText("%1 failed or unmeasured runs not shown").arg(excluded);
}

QString excludedPointsNote(int excluded, int withoutTest) {
    QStringList notes{excludedRunsNote(excluded)};
    if (withoutTest > 0) {
        notes.append(withoutTest == 1
                         ? paretoText("1 point has no test result")
                         : paretoText("%1 points have no test result").arg(withoutTest));
    }
    notes.removeAll(QString());
    return notes.join(QStringLiteral(" · "));
}

QString paretoToolTip(const ParetoPoint& point, const CostTexts& costs, const QString& metricName,
                      bool percent) {
    QString text = QStringLiteral("<b>%1</b>")
                       .arg((point.label.isEmpty() ? point.id : point.label).toHtmlEscaped());
    if (!point.label.isEmpty() && point.label != point.id) {
        text += QStringLiteral("<br><span style='color:#757575'>%1</span>")
                    .arg(point.id.toHtmlEscaped());
    }
    const QString metric =
        (metricName.isEmpty() ? QStringLiteral("accuracy") : metricName).toHtmlEscaped();
    const auto shown = [percent](double value) {
        return percent ? QString::number(value * 100.0, 'f', 1) + QStringLiteral("%")
                       : QString::number(value, 'g', 3);
    };
    text += paretoText("<br>Validation %1: %2").arg(metric, shown(point.accuracy));
    if (point.testAccuracy)
        text += paretoText("<br>Test %1: %2").arg(metric, shown(*point.testAccuracy));
    for (const auto& [name, cost] : point.costs) {
        text += QStringLiteral("<br>%1: %2")
                    .arg(costs.label(QString::fromStdString(name)),
                         costs.valueText(QString::fromStdString(name), cost));
    }
    if (!point.meetsLimits) text += paretoText("<br><i>exceeds a limit</i>");
    if (point.seed) text += paretoText("<br><i>seed network</i>");
    if (point.baseline && !point.seed) text += paretoText("<br><i>width-scaling baseline</i>");
    return text;
}

}  // namespace secateur::widgets
