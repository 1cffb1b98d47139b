#include "app/studio/run_history.h"

#include <QDir>
#include <QFileInfo>
#include <cmath>

#include "engine/report/report.h"
#include "engine/util/error.h"

namespace secateur::studio {

std::optional<Headline> headlineOf(const RunSummary& run,
                                   const std::map<std::string, double>& metrics) {
    const std::optional<double> value = headlineValue(metrics, run.metric);
    if (!value) return std::nullopt;
    return Headline{QString::fromStdString(metricLabel(run.metric)), *value, run.lowerIsBetter};
}

std::optional<Headline> headlineOf(const RunSummary& run) {
    return headlineOf(run, run.metrics);
}

QString Headline::text() const {
    return lowerIsBetter ? QString::number(value, 'g', 3)
                         : QString::number(value * 100.0, 'f', 1) + QStringLiteral("%");
}

void RunHistory::load(const std::vector<std::string>& folders) {
    runs_.clear();
    problems_.clear();
    for (const std::string& folder : folders) {
        try {
            add(QString::fromStdString(folder));
        } catch (const std::exception& e) {
            problems_ << QString::fromStdString(e.what());
        }
    }
}

const RunEntry& RunHistory::add(const QString& folder) {
    const QString summary = QDir(folder).filePath(QStringLiteral("summary.json"));
    if (!QFileInfo::exists(summary))
        throw Error("run folder '" + folder.toStdString() +
                    "' has no summary.json (moved or deleted?)");
    runs_.push_back({QFileInfo(folder).absoluteFilePath(), loadRunSummary(summary.toStdString())});
    return runs_.back();
}

const RunEntry* RunHistory::find(const QString& id) const {
    for (const RunEntry& run : runs_)
        if (QString::fromStdString(run.summary.id) == id) return &run;
    return nullptr;
}

std::vector<widgets::ParetoPoint> RunHistory::paretoPoints() const {
    std::vector<widgets::ParetoPoint> points;
    const RunEntry* seedSource = nullptr;
    for (const RunEntry& run : runs_) {
        const RunSummary& s = run.summary;
        widgets::ParetoPoint p;
        p.id = QString::fromStdString(s.id);
        p.label = QStringLiteral("%1 (strength %2%3)")
                      .arg(p.id)
                      .arg(s.strength)
                      .arg(s.cancelled ? QStringLiteral(", stopped") : QString());
        const std::optional<Headline> headline = headlineOf(s);
        p.accuracy = headline ? headline->value : std::nan("");
        p.failed = !headline || !std::isfinite(headline->value);
        p.costs = s.costs;
        p.meetsLimits = allMet(s.limits);
        points.push_back(std::move(p));
        if (headlineOf(s, s.seedMetrics) &&
            (!seedSource || s.seedTrainedEpochs >= seedSource->summary.seedTrainedEpochs))
            seedSource = &run;  // a trained seed over one after a warm-up
    }
    if (seedSource) {
        widgets::ParetoPoint seed;
        seed.id = QStringLiteral("seed");
        const int trained = seedSource->summary.seedTrainedEpochs;
        seed.label = trained > 0 ? QStringLiteral("trained seed (%1 epochs)").arg(trained)
                                 : QStringLiteral("seed (after warm-up of %1)")
                                       .arg(QString::fromStdString(seedSource->summary.id));
        seed.accuracy = headlineOf(seedSource->summary, seedSource->summary.seedMetrics)->value;
        seed.costs = seedSource->summary.seedCosts;
        seed.seed = true;
        points.push_back(std::move(seed));
    }
    return points;
}

QString RunHistory::metricName() const {
    for (const RunEntry& run : runs_)
        if (const auto headline = headlineOf(run.summary)) return headline->name;
    return QStringLiteral("accuracy");
}

bool RunHistory::lowerIsBetter() const {
    for (const RunEntry& run : runs_)
        if (const auto headline = headlineOf(run.summary)) return headline->lowerIsBetter;
    return false;
}

}  // namespace secateur::studio
