#include "app/studio/sweep_rows.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <algorithm>

#include "engine/runs/run_folder.h"
#include "engine/runs/training_phase.h"

namespace secateur::studio {
namespace {

std::optional<double> valueOf(const std::map<std::string, double>& values, const std::string& key) {
    const auto it = values.find(key);
    return it == values.end() ? std::nullopt : std::optional<double>(it->second);
}

widgets::SweepRow finishedRow(const PointRecord& p, const std::string& metric) {
    widgets::SweepRow row;
    row.name = QString::fromStdString(p.name);
    row.kind = p.kind;
    row.setting = p.setting;
    row.state = widgets::SweepRow::State::Finished;
    row.progress = 1.0;
    row.costs = p.costs;
    row.validation = valueOf(p.validation, metric);
    row.test = valueOf(p.test, metric);
    row.seconds = p.wallSeconds;
    return row;
}

QString phaseDetail(const Snapshot& s) {
    const std::optional<TrainingPhase> phase = trainingPhaseOf(s.phase);
    if (!phase || *phase == TrainingPhase::Done) return {};
    return QStringLiteral("%1 epoch %2 of %3")
        .arg(QString::fromStdString(s.phase))
        .arg(s.epoch + 1)
        .arg(std::max(s.epochsInPhase, s.epoch + 1));
}

widgets::SweepRow pendingRow(const PointPlan& plan, const SweepState& state) {
    widgets::SweepRow row;
    row.name = QString::fromStdString(plan.name);
    row.kind = plan.kind;
    row.setting = plan.setting;
    if (plan.name != state.current && state.elsewhere.count(plan.name) == 0) return row;
    if (!state.failure.empty()) {
        row.state = widgets::SweepRow::State::Failed;
        row.detail = QString::fromStdString(state.failure);
        return row;
    }
    row.state = widgets::SweepRow::State::Running;
    if (const auto it = state.latest.find(plan.name); it != state.latest.end()) {
        const Snapshot& s = it->second;
        row.progress =
            s.totalSteps > 0
                ? std::clamp(static_cast<double>(s.step) / static_cast<double>(s.totalSteps), 0.0,
                             1.0)
                : 0.0;
        row.detail = phaseDetail(s);
        row.costs = s.costs;
    }
    return row;
}

}  // namespace

std::vector<widgets::SweepRow> sweepRows(const SweepState& state) {
    std::vector<widgets::SweepRow> rows;
    const std::string metric = state.run ? state.run->metric : "accuracy";
    if (state.run) {
        rows.push_back(finishedRow(state.run->seed, metric));
        rows.back().kind = PointKind::Seed;
    } else {
        rows.push_back(pendingRow({kSeedPoint, PointKind::Seed, 1.0, std::nullopt}, state));
    }
    const auto finished = [&](const std::string& name) -> const PointRecord* {
        if (!state.run) return nullptr;
        for (const PointRecord& p : state.run->points)
            if (p.name == name) return &p;
        return nullptr;
    };
    for (const PointPlan& plan : state.plan) {
        const PointRecord* done = finished(plan.name);
        rows.push_back(done ? finishedRow(*done, metric) : pendingRow(plan, state));
    }
    if (state.run)
        for (const PointRecord& p : state.run->points)
            if (std::none_of(state.plan.begin(), state.plan.end(),
                             [&](const PointPlan& plan) { return plan.name == p.name; }))
                rows.push_back(finishedRow(p, metric));
    return rows;
}

std::vector<widgets::ParetoPoint> sweepParetoPoints(const SweepRun& run) {
    std::vector<widgets::ParetoPoint> points;
    const auto add = [&](const PointRecord& p, bool seed) {
        widgets::ParetoPoint point;
        point.id = QString::fromStdString(p.name);
        const auto planned =
            std::find_if(run.plan.begin(), run.plan.end(),
                         [&p](const PointPlan& plan) { return plan.name == p.name; });
        const bool limitPoint = planned != run.plan.end() && planned->limit.has_value();
        point.label = seed         ? QStringLiteral("trained seed")
                      : limitPoint ? point.id  // "flash-16k": the limit it was searched under
                                   : QStringLiteral("%1 (%2 %3)")
                                         .arg(point.id, p.kind == PointKind::Baseline
                                                            ? QStringLiteral("width")
                                                            : QStringLiteral("strength"))
                                         .arg(p.setting);
        const std::optional<double> validation = valueOf(p.validation, run.metric);
        point.accuracy = validation.value_or(0.0);
        point.failed = !validation;
        point.testAccuracy = valueOf(p.test, run.metric);
        point.costs = p.costs;
        point.seed = seed;
        point.baseline = p.kind == PointKind::Baseline;
        point.meetsLimits = p.limitsMet;
        points.push_back(std::move(point));
    };
    add(run.seed, true);
    for (const PointRecord& p : run.points) add(p, false);
    return points;
}

QString folderSignature(const QString& folder) {
    const QDir dir(folder);
    QString signature;
    for (const QString& name : {QStringLiteral("seed.json"), QStringLiteral("metrics.jsonl")})
        signature +=
            QString::number(QFileInfo(dir.filePath(name)).lastModified().toMSecsSinceEpoch()) +
            QLatin1Char(' ');
    for (const QFileInfo& log :
         QDir(dir.filePath(QStringLiteral("snapshots"))).entryInfoList({QStringLiteral("*.jsonl")}))
        signature += log.fileName() + QString::number(log.lastModified().toMSecsSinceEpoch()) +
                     QLatin1Char(' ');
    return signature;
}

std::map<std::string, Snapshot> runningElsewhere(const QString& folder, const SweepRun* run,
                                                 int seconds) {
    std::map<std::string, Snapshot> running;
    const QDateTime recent = QDateTime::currentDateTime().addSecs(-seconds);
    for (const QFileInfo& log : QDir(QDir(folder).filePath(QStringLiteral("snapshots")))
                                    .entryInfoList({QStringLiteral("*.jsonl")})) {
        const std::string name = log.completeBaseName().toStdString();
        const bool finished =
            run && std::any_of(run->points.begin(), run->points.end(),
                               [&](const PointRecord& p) { return p.name == name; });
        if (finished || log.lastModified() < recent) continue;
        SnapshotLog read = readSnapshotLog(log.absoluteFilePath().toStdString());
        if (!read.snapshots.empty()) running[name] = std::move(read.snapshots.back());
    }
    return running;
}

}  // namespace secateur::studio
