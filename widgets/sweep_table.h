// The points of a sweep, one row each: the trained seed, the width baselines and the searches,
// with their state (waiting, running with its progress, finished, failed), costs and metrics.
#pragma once

#include <QString>
#include <QWidget>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/report/point_kind.h"
#include "widgets/cost_texts.h"

class QTreeWidget;
class QTreeWidgetItem;

namespace secateur::widgets {

struct SweepRow {
    enum class State { Waiting, Running, Finished, Failed };
    QString name;  // "seed", "width-0.5", "search-0.3"
    secateur::PointKind kind = secateur::PointKind::Search;
    double setting = 0;
    State state = State::Waiting;
    double progress = 0;                     // in [0, 1] while running
    QString detail;                          // "search epoch 2 of 3", or the failure
    std::map<std::string, double> costs;     // by cost name; a cost not in it shows "-"
    std::optional<double> validation, test;  // the task's metric, a fraction (or MAE)
    std::optional<double> seconds;           // wall time of a finished point
};

class SweepTable : public QWidget {
    Q_OBJECT

public:
    explicit SweepTable(QWidget* parent = nullptr);

    // E.g. "macro-F1" and false; a fraction metric is shown in %, one that is lower-is-better
    // (an error such as MAE) as a plain number.
    void setMetric(const QString& label, bool lowerIsBetter);
    // One column per cost, headed by its label, in this order (the registry's catalog).
    void setCostInfo(const std::vector<secateur::CostInfo>& infos);
    // Replaces the rows, keeping the selection when its name is still there.
    void setRows(const std::vector<SweepRow>& rows);
    void setSelected(const QString& name);

    int rowCount() const;
    const std::vector<SweepRow>& rows() const { return rows_; }
    QString selected() const;
    // The text of a cell (column names: "Point", "State", a cost's name or label, "Validation",
    // "Test", "Time"), for tests.
    QString cellText(int row, const QString& column) const;

Q_SIGNALS:
    void pointClicked(const QString& name);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateHeader();
    void updateItem(int index);
    int columnIndex(const QString& column) const;
    int validationColumn() const { return 2 + static_cast<int>(costs_.infos().size()); }

    std::vector<SweepRow> rows_;
    CostTexts costs_;
    QString metricLabel_ = QStringLiteral("accuracy");
    bool lowerIsBetter_ = false;
    QTreeWidget* tree_ = nullptr;
    QString selectedAtPress_;  // the selection when the mouse was last pressed on the rows
};

}  // namespace secateur::widgets
