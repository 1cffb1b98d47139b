// `secateur export RUN_DIR [--point NAME | --best [--metric M] [--max-COST V ...]]
// [--format FORMAT] [--out FILE]`: writes the network a search left, or a sweep's point.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

#include "app/cli/command_line.h"
#include "engine/cost/cost.h"
#include "engine/export/format.h"
#include "engine/runs/run_summary.h"
#include "engine/runs/sweep_points.h"
#include "engine/search/limits.h"
#include "engine/util/error.h"

namespace secateur::cli {
namespace {

namespace fs = std::filesystem;

struct ExportArgs {
    std::string run, format = "torchscript", out, point, metric;
    bool best = false;
    std::map<std::string, std::string> maxima;  // cost -> "24k"
};

// "--max-peak-ram" for "peak_ram".
std::string maxOption(const std::string& cost) {
    std::string name = "--max-" + cost;
    std::replace(name.begin(), name.end(), '_', '-');
    return name;
}

int exportSweepPoint(const ExportArgs& a, const std::string& extension) {
    const SweepRun run = loadSweepRun(a.run);
    std::string name = a.point;
    if (a.best) {
        std::vector<Limit> limits;
        for (const auto& [cost, text] : a.maxima) limits.push_back(parseLimit(cost + "=" + text));
        name = bestPoint(run, a.metric, checkedLimits(limits)).name;
    }
    if (name.empty())
        throw Error("'" + a.run +
                    "' is a sweep's folder: give the point to export with --point NAME, or --best "
                    "for the most accurate point (within --max-flash ... limits)");
    const std::string target =
        a.out.empty() ? (fs::path(a.run) / (name + extension)).string() : a.out;
    exportPoint(run, name, a.format, target);
    for (const PointRecord& p : run.points)
        if (p.name == name) std::cout << "point " << describePoint(run, p) << "\n";
    std::cout << "wrote " << target << "\n";
    return 0;
}

int exportRun(const ExportArgs& a) {
    const std::string extension = formatInfo(a.format).extension;  // refuses an unknown format
    if (isSweepFolder(a.run)) return exportSweepPoint(a, extension);
    if (!a.point.empty() || a.best)
        throw Error("'" + a.run +
                    "' is not a sweep's folder (no seed.json); --point and --best choose among a "
                    "sweep's points");
    const std::string target =
        a.out.empty() ? (fs::path(a.run) / ("final" + extension)).string() : a.out;
    secateur::exportRun(a.run, a.format, target);
    std::cout << "wrote " << target << "\n";
    return 0;
}

}  // namespace

void addExportCommand(CLI::App& app, Runner& run, const Globals&) {
    auto a = std::make_shared<ExportArgs>();
    CLI::App* c = app.add_subcommand(
        "export", "Write the network a search left in a run folder, or a point of a sweep");
    c->group("Commands");
    c->add_option("run", a->run, "The run folder a search or a sweep wrote, e.g. runs/kws")
        ->required();
    c->add_option("--format", a->format, "The file format." + oneOf(formatNames()))
        ->capture_default_str();
    c->add_option("--out", a->out,
                  "The file to write (default: RUN/final, or RUN/POINT for a sweep, and the "
                  "format's extension)");
    CLI::Option* point = c->add_option("--point", a->point, "A sweep's point to export");
    CLI::Option* best = c->add_flag(
        "--best", a->best,
        "Export the sweep's point with the best test metric that meets the --max-... limits");
    point->excludes(best);
    c->add_option("--metric", a->metric,
                  "With --best: the test metric to rank by (default: the task's, e.g. accuracy)")
        ->needs(best);
    for (const CostInfo& cost : costCatalog())
        c->add_option_function<std::string>(
             maxOption(cost.name),
             [a, name = cost.name](const std::string& value) { a->maxima[name] = value; },
             "With --best: the most " + cost.label + " (" + cost.unit +
                 ") a point may cost, e.g. 24k")
            ->needs(best);
    c->callback([&run, a] { run = [a] { return exportRun(*a); }; });
}

}  // namespace secateur::cli
