// secateur-bench-sweeps: the result tables of finished sweeps (one run folder per task) for
// BENCHMARKS.md and a JSON file, with the checks the ready projects are held to: a search point
// within 0.5 points of the trained seed's test metric at 10x fewer parameters or more, and no
// width baseline that dominates a search point (fewer or equal parameters and a test metric at
// least as good, one of them strictly).
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "bench/report.h"
#include "engine/report/report.h"
#include "engine/runs/sweep.h"

namespace secateur::bench {
namespace {

struct TaskRun {
    std::string task, folder;
    SweepRun run;
};

double testOf(const PointRecord& p, const std::string& metric) {
    return valueOf(p.test, metric);
}

std::string duration(double seconds) {
    const long total = std::lround(seconds);
    std::ostringstream s;
    if (total >= 3600) s << total / 3600 << " h ";
    if (total >= 60) s << (total % 3600) / 60 << " min ";
    s << total % 60 << " s";
    return s.str();
}

std::string joined(const std::vector<std::string>& items) {
    std::string all;
    for (const std::string& item : items) all += (all.empty() ? "" : ", ") + item;
    return all.empty() ? "none" : all;
}

struct Verdict {
    std::string targetPoint;             // empty: missed
    std::string targetText;              // the point, its reduction and its metric
    std::string closest;                 // the search point nearest the target, described
    std::vector<std::string> dominated;  // "search-x by width-y"
};

Verdict judge(const SweepRun& run) {
    Verdict v;
    const double seedMetric = testOf(run.seed, run.metric), seedParams = paramsOf(run.seed);
    double bestAtTenfold = NAN, targetParams = INFINITY;
    std::string bestName;
    for (const PointRecord& p : run.points) {
        if (p.kind != PointKind::Search) continue;
        const double m = testOf(p, run.metric);
        const double gap = run.lowerIsBetter ? m - seedMetric : seedMetric - m;
        const bool small = paramsOf(p) * 10.0 <= seedParams;
        if (small && gap <= 0.005 && paramsOf(p) < targetParams) {  // the smallest that meets it
            v.targetPoint = p.name;
            targetParams = paramsOf(p);
            std::ostringstream text;
            text << p.name << " (" << std::fixed << std::setprecision(1) << seedParams / paramsOf(p)
                 << "x fewer parameters, " << formatMetric(run.metric, m) << " against the seed's "
                 << formatMetric(run.metric, seedMetric) << ")";
            v.targetText = text.str();
        }
        if (small && (std::isnan(bestAtTenfold) ||
                      (run.lowerIsBetter ? m < bestAtTenfold : m > bestAtTenfold))) {
            bestAtTenfold = m;
            bestName = p.name;
        }
        for (const PointRecord& b : run.points)
            if (b.kind == PointKind::Baseline && dominates(b, p, run.lowerIsBetter, run.metric))
                v.dominated.push_back(p.name + " by " + b.name);
    }
    if (!bestName.empty())
        v.closest = "best search point at >= 10x fewer parameters: " + bestName + " at " +
                    formatMetric(run.metric, bestAtTenfold) + " (seed " +
                    formatMetric(run.metric, seedMetric) + ")";
    else
        v.closest = "no search point has 10x fewer parameters than the seed";
    return v;
}

std::string section(const TaskRun& t, const Verdict& v, const std::string& budget) {
    const SweepRun& run = t.run;
    std::vector<PointRecord> rows{run.seed};
    std::vector<PointRecord> points = run.points;
    std::sort(points.begin(), points.end(),
              [](const PointRecord& a, const PointRecord& b) { return paramsOf(a) < paramsOf(b); });
    rows.insert(rows.end(), points.begin(), points.end());
    double wall = run.seed.wallSeconds;
    for (const PointRecord& p : run.points) wall += p.wallSeconds;
    // The two classification metrics that are not the headline, beside it.
    std::vector<std::string> others;
    for (const char* key : {"accuracy", "balanced_accuracy", "macro_f1"})
        if (run.metric != key && others.size() < 2) others.emplace_back(key);
    std::ostringstream s;
    s << "### " << t.task << " (`projects/" << t.task << ".json`, " << budget
      << " budget; headline: test " << metricLabel(run.metric) << ")\n\n"
      << "Sum of the points' wall times (seed training included): " << duration(wall) << ". "
      << run.points.size() << " points of " << run.plan.size() << " planned.\n\n"
      << "| point | kind | params | x fewer | MACs | test " << metricLabel(run.metric) << " | test "
      << metricLabel(others[0]) << " | test " << metricLabel(others[1]) << " | val "
      << metricLabel(run.metric)
      << " | wall s |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n";
    for (const PointRecord& p : rows) {
        std::ostringstream fewer;
        fewer << std::fixed << std::setprecision(1) << paramsOf(run.seed) / paramsOf(p);
        s << "| " << p.name << " | " << pointKindName(p.kind) << " | " << formatCount(paramsOf(p))
          << " | " << fewer.str() << " | " << formatCount(valueOf(p.costs, "macs")) << " | "
          << formatMetric(run.metric, testOf(p, run.metric)) << " | "
          << formatMetric(others[0], valueOf(p.test, others[0])) << " | "
          << formatMetric(others[1], valueOf(p.test, others[1])) << " | "
          << formatMetric(run.metric, valueOf(p.validation, run.metric)) << " | "
          << std::lround(p.wallSeconds) << " |\n";
    }
    s << "\n- Target (a search point within 0.5 points of the seed's test "
      << metricLabel(run.metric) << " with >= 10x fewer parameters): "
      << (v.targetPoint.empty() ? "**missed**; " + v.closest : "**met** by " + v.targetText)
      << ".\n- Width baselines dominating a search point (params and test metric): "
      << joined(v.dominated) << ".\n\n";
    return s.str();
}

int run(int argc, char** argv) {
    std::string out = "bench/results/sweeps-full.json", markdown, budget = "full";
    std::vector<TaskRun> tasks;
    if (argc % 2 == 0) throw std::runtime_error("every option takes a value");
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i], v = argv[i + 1];
        if (a == "--out") {
            out = v;
        } else if (a == "--markdown") {
            markdown = v;
        } else if (a == "--budget") {
            budget = v;
        } else if (a == "--runs") {
            for (const std::string& item : splitList(v)) {
                const size_t eq = item.find('=');
                if (eq == std::string::npos)
                    throw std::runtime_error("--runs takes TASK=FOLDER,...; got '" + item + "'");
                tasks.push_back({item.substr(0, eq), item.substr(eq + 1), {}});
            }
        } else {
            std::cerr << "usage: secateur-bench-sweeps --runs TASK=FOLDER,... [--budget NAME] "
                         "[--out F.json] [--markdown BENCHMARKS.md]\n";
            return 2;
        }
    }
    if (tasks.empty()) throw std::runtime_error("give the run folders with --runs TASK=FOLDER,...");
    const MachineInfo machine = describeMachine();
    nlohmann::json j{{"machine", {{"cpu", machine.cpu}, {"logical_cpus", machine.logicalCpus}}},
                     {"budget", budget},
                     {"tasks", nlohmann::json::array()}};
    std::ostringstream body;
    body << "Machine: " << machine.cpu << ", " << machine.logicalCpus
         << " logical CPUs, 2 threads per point, one point at a time. Command: `secateur search "
            "projects/TASK.json --budget "
         << budget
         << " --threads 2 --out DIR`; tables made by `secateur-bench-sweeps` from the run "
            "folders. Raw results: `"
         << out << "`.\n\n";
    for (TaskRun& t : tasks) {
        t.run = loadSweepRun(t.folder);
        const Verdict v = judge(t.run);
        body << section(t, v, budget);
        nlohmann::json points = nlohmann::json::array();
        for (const PointRecord& p : t.run.points)
            points.push_back({{"name", p.name},
                              {"kind", pointKindName(p.kind)},
                              {"setting", p.setting},
                              {"costs", p.costs},
                              {"validation", p.validation},
                              {"test", p.test},
                              {"wall_seconds", p.wallSeconds}});
        j["tasks"].push_back({{"task", t.task},
                              {"metric", t.run.metric},
                              {"seed",
                               {{"costs", t.run.seed.costs},
                                {"validation", t.run.seed.validation},
                                {"test", t.run.seed.test},
                                {"wall_seconds", t.run.seed.wallSeconds}}},
                              {"points", points},
                              {"target_point", v.targetPoint},
                              {"dominated_by_baseline", v.dominated}});
    }
    writeFileAtomically(out, j.dump(1) + "\n");
    if (!markdown.empty())
        replaceMarkedSection(markdown, "sweeps-" + budget,
                             "## Sweeps on real data (" + budget + " budgets)", body.str());
    std::cout << body.str();
    return 0;
}

}  // namespace
}  // namespace secateur::bench

int main(int argc, char** argv) {
    try {
        return secateur::bench::run(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "secateur-bench-sweeps: " << e.what() << "\n";
        return 1;
    }
}
