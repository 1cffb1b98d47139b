#include "engine/runs/sweep_points.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

#include "engine/cost/cost.h"
#include "engine/export/format.h"
#include "engine/graph/serialize.h"
#include "engine/report/report.h"
#include "engine/util/error.h"
#include "engine/util/suggest.h"

namespace secateur {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> pointNames(const SweepRun& run) {
    std::vector<std::string> names;
    for (const PointRecord& p : run.points) names.push_back(p.name);
    return names;
}

bool meets(const PointRecord& p, const std::vector<Limit>& limits) {
    for (const Limit& l : limits) {
        const double value = valueOf(p.costs, l.cost);
        if (!std::isfinite(value) || value > l.value) return false;
    }
    return true;
}

// Points are ranked and described by their test split's metrics, or by their validation split's
// for a task without a test split (the synthetic task).
bool ranksOnTest(const SweepRun& run) {
    return std::any_of(run.points.begin(), run.points.end(),
                       [](const PointRecord& q) { return !q.test.empty(); });
}

const std::map<std::string, double>& rankedMetrics(bool onTest, const PointRecord& p) {
    return onTest ? p.test : p.validation;
}

const char* splitName(bool onTest) {
    return onTest ? "test" : "validation";
}

}  // namespace

bool isSweepFolder(const std::string& folder) {
    return fs::exists(fs::path(folder) / "seed.json");
}

const PointRecord& bestPoint(const SweepRun& run, const std::string& metric,
                             const std::vector<Limit>& limits) {
    const std::string key = metric.empty() ? run.metric : metric;
    const bool onTest = ranksOnTest(run);
    const PointRecord* best = nullptr;
    bool anyHasMetric = false;
    for (const PointRecord& p : run.points) {
        const double value = valueOf(rankedMetrics(onTest, p), key);
        if (!std::isfinite(value)) continue;
        anyHasMetric = true;
        if (!meets(p, limits)) continue;
        const double bestValue = best ? valueOf(rankedMetrics(onTest, *best), key) : 0.0;
        const bool better = run.lowerIsBetter ? value < bestValue : value > bestValue;
        const bool smaller = value == bestValue && paramsOf(p) < paramsOf(*best);  // a tie
        if (!best || better || smaller) best = &p;
    }
    if (!anyHasMetric) {
        std::vector<std::string> keys;
        if (!run.points.empty())
            for (const auto& entry : rankedMetrics(onTest, run.points.front()))
                keys.push_back(entry.first);
        throw Error("no finished point of " + run.folder + " has the " + splitName(onTest) +
                    " metric '" + key + "'" +
                    (keys.empty() ? std::string() : "; they have " + joinNames(keys)));
    }
    if (best) return *best;
    std::string cheapest;
    for (const Limit& l : limits) {
        const PointRecord* c = nullptr;
        for (const PointRecord& p : run.points)
            if (!c || valueOf(p.costs, l.cost) < valueOf(c->costs, l.cost)) c = &p;
        cheapest += "; the cheapest on " + l.cost + " is " + c->name + " at " +
                    formatCost(l.cost, valueOf(c->costs, l.cost)) + " (limit " +
                    formatCost(l.cost, l.value) + ")";
    }
    throw Error("no finished point of " + run.folder + " meets the limits" + cheapest);
}

std::string describePoint(const SweepRun& run, const PointRecord& point) {
    const bool onTest = ranksOnTest(run);
    std::string text = point.name + ": " + splitName(onTest) + " " + metricLabel(run.metric) + " " +
                       formatMetric(run.metric, valueOf(rankedMetrics(onTest, point), run.metric));
    for (const CostInfo& cost : costCatalog())
        if (point.costs.count(cost.name))
            text += ", " + costPhrase(cost.name, point.costs.at(cost.name));
    return text;
}

void exportPoint(const SweepRun& run, const std::string& name, const std::string& format,
                 const std::string& target) {
    const std::string& folder = run.folder;
    const std::vector<std::string> names = pointNames(run);
    if (std::find(names.begin(), names.end(), name) == names.end())
        throw Error("sweep " + folder + " has no finished point '" + name + "'" +
                    didYouMean(name, names) + "; its finished points: " + joinNames(names));
    formatInfo(format);  // an unknown format is refused before the model is read
    const fs::path model = fs::path(folder) / "points" / (name + ".graph.json");
    if (!fs::exists(model))
        throw Error("point '" + name + "' of " + folder + " has no network (" + model.string() +
                    " is missing)");
    writeFormat(loadGraph(model.string()), format, target);
}

}  // namespace secateur
