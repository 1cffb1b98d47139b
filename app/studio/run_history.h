// The finished runs of a project, read back from their folders' summary.json.
#pragma once

#include <QString>
#include <QStringList>
#include <optional>
#include <string>
#include <vector>

#include "engine/project/run_summary.h"
#include "widgets/pareto_view.h"

namespace secateur::studio {

struct RunEntry {
    QString folder;
    RunSummary summary;
};

class RunHistory {
public:
    // Reads every folder; folders that cannot be read are skipped and named in problems().
    void load(const std::vector<std::string>& folders);
    // Reads one more run; throws secateur::Error when its summary cannot be read.
    const RunEntry& add(const QString& folder);

    const std::vector<RunEntry>& runs() const { return runs_; }
    const QStringList& problems() const { return problems_; }
    const RunEntry* find(const QString& id) const;
    // Every run as a point on its headline metric, plus the seed (trained, or after a warm-up).
    std::vector<widgets::ParetoPoint> paretoPoints() const;
    // The headline metric of the runs ("accuracy", or "MAE" for regression) and its direction.
    QString metricName() const;
    bool lowerIsBetter() const;

private:
    std::vector<RunEntry> runs_;
    QStringList problems_;
};

// The first validation accuracy in `metrics` ("val_accuracy" or "val_accuracy_0"), if any.
std::optional<double> accuracyOf(const std::map<std::string, double>& metrics);

// The validation metric a run is judged by: accuracy, or MAE where there is none (regression).
struct Headline {
    QString name;  // "accuracy" or "MAE"
    double value = 0.0;
    bool lowerIsBetter = false;
    QString text() const;  // "93.4%" or "0.123"
};
std::optional<Headline> headlineOf(const std::map<std::string, double>& metrics);

}  // namespace secateur::studio
