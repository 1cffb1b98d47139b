// The finished runs of a project, read back from their folders' summary.json.
#pragma once

#include <QString>
#include <QStringList>
#include <optional>
#include <string>
#include <vector>

#include "engine/runs/run_summary.h"
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

// The validation metric a run is judged by: its task's (RunSummary::metric), such as accuracy,
// macro-F1 or, for a regression, MAE.
struct Headline {
    QString name;  // the metric's label: "accuracy", "macro-F1", "MAE"
    double value = 0.0;
    bool lowerIsBetter = false;
    QString text() const;  // "93.4%" or "0.123"
};
// `run`'s headline in `metrics` (its own validation metrics, or its seed's); nullopt without it.
std::optional<Headline> headlineOf(const RunSummary& run,
                                   const std::map<std::string, double>& metrics);
std::optional<Headline> headlineOf(const RunSummary& run);

}  // namespace secateur::studio
