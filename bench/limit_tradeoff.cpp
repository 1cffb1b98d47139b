// secateur-bench-limits: what minimising latency buys under one fixed flash limit. Reads two
// finished sweeps of one project under the same flash limit, one minimising the target's latency
// and one minimising flash alone, and reports for BENCHMARKS.md and a JSON file:
// - the latency spread (slowest / fastest) among the points of both sweeps that meet the limit
//   at a test accuracy within 1 point of the best such point, and within 5 points;
// - the fastest point within 5 points of the best against the smallest (least flash) point of
//   the flash sweep within 5 points.
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>

#include "bench/report.h"
#include "engine/report/report.h"
#include "engine/runs/sweep.h"

namespace secateur::bench {
namespace {

using nlohmann::json;

struct Candidate {
    std::string sweep;  // "latency", "flash" or "both" (a baseline)
    const PointRecord* point = nullptr;
};

double costOf(const PointRecord& p, const std::string& cost) {
    const auto it = p.costs.find(cost);
    return it == p.costs.end() ? NAN : it->second;
}

std::string fixed(double v, int digits) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(digits) << v;
    return s.str();
}

std::string row(const Candidate& c, const std::string& metric, const std::string& mark) {
    const PointRecord& p = *c.point;
    return "| " + c.sweep + " | " + p.name + mark + " | " +
           fixed(100.0 * valueOf(p.test, metric), 1) + " % | " + fixed(costOf(p, "latency_ms"), 2) +
           " ms | " + fixed(costOf(p, "energy_uj"), 0) + " µJ | " +
           fixed(costOf(p, "flash") / 1024.0, 1) + " kB | " +
           fixed(costOf(p, "peak_ram") / 1024.0, 1) + " kB | " + (p.limitsMet ? "yes" : "no") +
           " |\n";
}

json pointJson(const Candidate& c, const std::string& metric) {
    return {{"sweep", c.sweep},
            {"point", c.point->name},
            {"kind", pointKindName(c.point->kind)},
            {"test_" + metric, valueOf(c.point->test, metric)},
            {"latency_ms", costOf(*c.point, "latency_ms")},
            {"energy_uj", costOf(*c.point, "energy_uj")},
            {"flash", costOf(*c.point, "flash")},
            {"peak_ram", costOf(*c.point, "peak_ram")},
            {"limits_met", c.point->limitsMet}};
}

int run(const std::vector<std::string>& args) {
    std::string latencyDir, flashDir, out, markdown, note;
    for (size_t i = 0; i + 1 < args.size(); i += 2) {
        if (args[i] == "--latency-run") latencyDir = args[i + 1];
        if (args[i] == "--flash-run") flashDir = args[i + 1];
        if (args[i] == "--out") out = args[i + 1];
        if (args[i] == "--markdown") markdown = args[i + 1];
        if (args[i] == "--note") note = args[i + 1];
    }
    if (latencyDir.empty() || flashDir.empty()) {
        std::cerr << "usage: secateur-bench-limits --latency-run DIR --flash-run DIR "
                     "[--out FILE.json] [--markdown BENCHMARKS.md] [--note TEXT]\n";
        return 2;
    }
    const SweepRun latency = loadSweepRun(latencyDir), flash = loadSweepRun(flashDir);
    const std::string metric = latency.metric;
    std::vector<Candidate> all;
    for (const PointRecord& p : latency.points)
        all.push_back({p.kind == PointKind::Baseline ? "both" : "latency", &p});
    // The width baselines train the same seed the same way in both sweeps: counted once.
    for (const PointRecord& p : flash.points)
        if (p.kind != PointKind::Baseline) all.push_back({"flash", &p});
    std::vector<Candidate> feasible;
    for (const Candidate& c : all)
        if (c.point->limitsMet && std::isfinite(valueOf(c.point->test, metric)))
            feasible.push_back(c);
    if (feasible.empty()) {
        std::cerr << "no point of either sweep meets its limits\n";
        return 1;
    }
    double best = -INFINITY;
    for (const Candidate& c : feasible) best = std::max(best, valueOf(c.point->test, metric));
    std::vector<Candidate> near;
    for (const Candidate& c : feasible)
        if (valueOf(c.point->test, metric) >= best - 0.01) near.push_back(c);
    const auto byLatency = [](const Candidate& a, const Candidate& b) {
        return costOf(*a.point, "latency_ms") < costOf(*b.point, "latency_ms");
    };
    std::sort(near.begin(), near.end(), byLatency);
    const Candidate fastest = near.front(), slowest = near.back();
    const double spread =
        costOf(*slowest.point, "latency_ms") / costOf(*fastest.point, "latency_ms");
    // The same within 5 points, where short budgets leave single points noisy.
    std::vector<Candidate> wide;
    for (const Candidate& c : feasible)
        if (valueOf(c.point->test, metric) >= best - 0.05) wide.push_back(c);
    std::sort(wide.begin(), wide.end(), byLatency);
    const double wideSpread =
        costOf(*wide.back().point, "latency_ms") / costOf(*wide.front().point, "latency_ms");
    // The smallest network the flash-only sweep found at a comparable accuracy.
    std::optional<Candidate> smallest;
    for (const Candidate& c : wide)
        if (c.sweep == "flash" &&
            (!smallest || costOf(*c.point, "flash") < costOf(*smallest->point, "flash")))
            smallest = c;
    std::sort(all.begin(), all.end(), byLatency);

    std::ostringstream md;
    md << "Project `" << latency.title << "` (" << latency.task << "), target of the costs: the "
       << "run's project target; each sweep under the same flash limit. " << note << "\n\n"
       << "| sweep | point | test " << metric
       << " | latency | energy | flash | peak RAM | meets limits |\n"
       << "| --- | --- | --- | --- | --- | --- | --- | --- |\n";
    for (const Candidate& c : all) {
        const bool isNear = std::any_of(near.begin(), near.end(),
                                        [&](const Candidate& n) { return n.point == c.point; });
        md << row(c, metric, isNear ? " *" : "");
    }
    md << "\n`*`: meets the limits at a test " << metric << " within 1 point of the best such "
       << "point (" << fixed(100.0 * best, 1) << " %).\n\n"
       << "- Latency spread among the `*` points: **" << fixed(spread, 2) << "x** ("
       << fastest.point->name << " " << fixed(costOf(*fastest.point, "latency_ms"), 2) << " ms to "
       << slowest.point->name << " " << fixed(costOf(*slowest.point, "latency_ms"), 2) << " ms, "
       << near.size() << " points).\n"
       << "- Within 5 points (" << wide.size() << " points): **" << fixed(wideSpread, 2) << "x** ("
       << wide.front().point->name << " (" << wide.front().sweep << ") "
       << fixed(costOf(*wide.front().point, "latency_ms"), 2) << " ms to "
       << wide.back().point->name << " (" << wide.back().sweep << ") "
       << fixed(costOf(*wide.back().point, "latency_ms"), 2) << " ms).\n";
    json result{{"project", latency.title},
                {"metric", metric},
                {"best_feasible", best},
                {"near_best", json::array()},
                {"latency_spread", spread},
                {"latency_spread_within_5_points", wideSpread},
                {"fastest", pointJson(fastest, metric)},
                {"points", json::array()},
                {"note", note}};
    for (const Candidate& c : near) result["near_best"].push_back(c.point->name);
    for (const Candidate& c : all) result["points"].push_back(pointJson(c, metric));
    const Candidate& quickest = wide.front();
    if (smallest) {
        const double ratio =
            costOf(*smallest->point, "latency_ms") / costOf(*quickest.point, "latency_ms");
        md << "- The fastest point within 5 points (" << quickest.point->name << ", "
           << quickest.sweep << " sweep, "
           << fixed(100.0 * valueOf(quickest.point->test, metric), 1)
           << " %) against the smallest point of the flash-only sweep within 5 points ("
           << smallest->point->name << ", " << fixed(costOf(*smallest->point, "flash") / 1024.0, 1)
           << " kB, " << fixed(100.0 * valueOf(smallest->point->test, metric), 1)
           << " %): the smallest runs **" << fixed(ratio, 2) << "x** the fastest's latency ("
           << fixed(costOf(*smallest->point, "latency_ms"), 2) << " ms against "
           << fixed(costOf(*quickest.point, "latency_ms"), 2) << " ms).\n";
        result["smallest"] = pointJson(*smallest, metric);
        result["smallest_over_fastest_latency"] = ratio;
        result["fastest_within_5_points"] = pointJson(quickest, metric);
    }
    std::cout << md.str();
    if (!out.empty()) writeFileAtomically(out, result.dump(1) + "\n");
    if (!markdown.empty())
        replaceMarkedSection(markdown, "limits",
                             "## Latency under a flash limit (`secateur-bench-limits`)", md.str());
    return 0;
}

}  // namespace
}  // namespace secateur::bench

int main(int argc, char** argv) {
    try {
        return secateur::bench::run(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const std::exception& e) {
        std::cerr << "secateur-bench-limits: " << e.what() << "\n";
        return 1;
    }
}
