// Accuracy against cost of every finished run, with the Pareto front highlighted, and the
// width-scaling baselines of a sweep beside it.
#pragma once

#include <QString>
#include <QWidget>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "widgets/cost_texts.h"
#include "widgets/pareto_series.h"

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QStackedLayout;
class QValueAxis;

namespace secateur::widgets {

class CostAxis;

struct ParetoPoint {
    QString id;
    QString label;
    double accuracy = 0;                  // validation metric, a fraction in [0, 1], drawn in %
    std::optional<double> testAccuracy;   // the test split's metric, a fraction
    std::map<std::string, double> costs;  // "params", "macs", ...
    bool seed = false;
    bool baseline = false;  // the seed scaled down in width: drawn apart, never on the front
    bool failed = false;
    // false: the point exceeds a limit of its run: greyed, never on the front
    bool meetsLimits = true;
};

class ParetoView : public QWidget {
    Q_OBJECT

public:
    explicit ParetoView(QWidget* parent = nullptr);
    ~ParetoView() override;

    void setPoints(const std::vector<ParetoPoint>& points);
    // A cost name present in the points ("params", "macs", ...).
    void setCostAxis(const QString& cost);
    QString costAxis() const;
    // Highlights the point with this id (empty: none).
    void setSelected(const QString& id);
    // A vertical dashed line at `value` of `cost`, shown while that cost is on the x axis (0:
    // none).
    void setCostLimit(const QString& cost, double value);
    // The split drawn on the vertical axis: "validation" (the points' accuracy) or "test" (their
    // testAccuracy; points without one are left out). Validation is drawn while no point has a
    // test value, and the choice is shown only when one has.
    void setMetricSplit(const QString& split);
    QString metricSplit() const;
    // The metric's name in the axis title and tooltips ("accuracy", "macro-F1", "MAE"). A metric
    // where lower is better (MAE) is drawn in its own units, and its front minimises it.
    void setMetricName(const QString& name, bool lowerIsBetter = false);
    // The costs' labels (the engine registry's catalog); unknown costs show their names.
    void setCostInfo(const std::vector<secateur::CostInfo>& infos);
    bool lowerIsBetter() const { return lowerIsBetter_; }

    // Drawn points, seeds, baselines and points over a limit included.
    int pointCount() const {
        return static_cast<int>(dominatedPlotted_.size() + frontPlotted_.size() +
                                seedPlotted_.size() + baselinePlotted_.size() +
                                overLimitPlotted_.size());
    }
    int frontCount() const { return frontCount_; }  // of which on the Pareto front
    // Drawn width-scaling baselines.
    int baselineCount() const { return static_cast<int>(baselinePlotted_.size()); }
    // Drawn greyed as over a limit (a seed or baseline over one keeps its own marker).
    int overLimitCount() const { return static_cast<int>(overLimitPlotted_.size()); }
    // The rich-text tooltip of the point with this id (empty: no such point).
    QString pointToolTip(
        const QString& id) const;  // drawn greyed as over a limit (seeds and baselines keep theirs)

Q_SIGNALS:
    void pointClicked(const QString& id);
    // The user picked another split ("validation" or "test").
    void metricSplitChanged(const QString& split);

private:
    struct Plotted {
        QString id;
        double x = 0, y = 0;  // in axis units (scaled cost, accuracy in %)
    };

    void refreshCostChoices();
    bool hasTestValues() const;
    void rebuild();
    void updateAxes(double minX, double maxX, double minY, double maxY);
    void updateSelection();
    void updateLimit();
    const ParetoPoint* pointById(const QString& id) const;
    QString idAt(const std::vector<Plotted>& plotted, const QPointF& value) const;
    void showTooltip(const std::vector<Plotted>& plotted, const QPointF& value, bool state);

    std::vector<ParetoPoint> points_;
    QString costAxis_;
    QString selectedId_;
    QString metricSplit_ = QStringLiteral("validation");
    QString metricName_ = QStringLiteral("accuracy");
    bool lowerIsBetter_ = false;
    std::map<QString, double> costLimits_;
    int frontCount_ = 0;
    std::vector<Plotted> dominatedPlotted_, frontPlotted_, seedPlotted_, baselinePlotted_,
        overLimitPlotted_;
    Plotted selectedPlotted_;

    QLabel* costLabel_ = nullptr;
    QComboBox* costCombo_ = nullptr;
    CostTexts costs_;
    QLabel* splitLabel_ = nullptr;
    QComboBox* splitCombo_ = nullptr;
    QLabel* noteLabel_ = nullptr;
    QStackedLayout* stack_ = nullptr;
    QLabel* emptyLabel_ = nullptr;
    QChartView* chartView_ = nullptr;
    QChart* chart_ = nullptr;
    ParetoSeries series_;
    std::unique_ptr<CostAxis> axisX_;
    QValueAxis* axisY_ = nullptr;
};

}  // namespace secateur::widgets
