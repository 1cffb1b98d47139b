// A sweep's report, torch-free: Markdown, and one self-contained HTML page with a Pareto plot.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "engine/report/point_kind.h"

namespace secateur {

// One finished point of a sweep (or the trained seed), as the run folder's points/NAME.json holds
// it.
struct PointRecord {
    std::string name;  // e.g. "search-0.1", "width-0.5", "seed"
    PointKind kind = PointKind::Search;
    double setting = 0.0;  // the strength of a search point, the width multiplier of a baseline
    std::map<std::string, double> costs;  // at least "params", "macs"
    std::map<std::string, double>
        validation;                      // e.g. accuracy, balanced_accuracy, macro_f1, loss or mae
    std::map<std::string, double> test;  // the same keys on the test split
    double wallSeconds = 0.0;
    bool limitsMet = true;  // the exported network meets every limit of the search
};

struct ReportInput {
    std::string title;           // the project's name
    std::string task;            // e.g. "kws: Free Spoken Digit Dataset, speaker-independent split"
    std::string metric;          // the headline metric key, e.g. "accuracy", "macro_f1" or "mae"
    bool lowerIsBetter = false;  // true for mae
    PointRecord seed;
    std::vector<PointRecord> points;  // search and baseline points, any order
    // The cost of the plot's x axis, the Pareto front, the row order and the reduction column:
    // the one the sweep minimised.
    std::string cost = "params";
};

std::string reportMarkdown(const ReportInput& input);
// points.csv: one row per point, the seed first; columns name, kind, setting, each cost, each
// validation_ and test_ metric, limits_met, wall_seconds (report_csv.cpp).
std::string reportCsv(const ReportInput& input);
// One self-contained file: inline CSS and an inline SVG plot; no scripts, links or external files.
std::string reportHtml(const ReportInput& input);

// Names of the points not dominated on (`cost`: lower is better, test metric: per lowerIsBetter),
// by cost then name. Points without a finite cost or test metric are left out; ties all stay.
std::vector<std::string> paretoFront(const std::vector<PointRecord>& points, bool lowerIsBetter,
                                     const std::string& metric, const std::string& cost = "params");

double paramsOf(const PointRecord& p);  // costs["params"], NaN where missing
// q costs no more than p and has a test metric at least as good, and is strictly better on one.
bool dominates(const PointRecord& q, const PointRecord& p, bool lowerIsBetter,
               const std::string& metric, const std::string& cost = "params");

// Shared by the report and its plot.
// paretoFront as indices into points.
std::vector<std::size_t> paretoIndices(const std::vector<PointRecord>& points, bool lowerIsBetter,
                                       const std::string& metric,
                                       const std::string& cost = "params");
// A cost's value as the report writes it: counts with separators, estimates to 4 digits.
std::string formatCost(const std::string& cost, double value);
// "parameters", "MACs" for counts; "flash in bytes", "latency in ms" for the others.
std::string costAxisName(const std::string& cost);
// "9,703 parameters", "flash 14,487 bytes", "latency 4.716 ms".
std::string costPhrase(const std::string& cost, double value);
// values[key], NaN where missing.
double valueOf(const std::map<std::string, double>& values, const std::string& key);
// Accuracy, balanced accuracy, F1, precision, recall: shown as % where in [0, 1].
bool accuracyLike(const std::string& key);
std::string metricLabel(const std::string& key);  // "macro_f1" -> "macro-F1", "mae" -> "MAE"
std::string formatCount(double value);            // 1234567 -> "1,234,567"; NaN -> "-"
std::string formatNumber(double value);           // 3 significant digits: "0.123", "12.3"
std::string formatMetric(const std::string& key, double value);  // "93.4 %", "0.123", "-"
std::string escapeHtml(const std::string& text);

}  // namespace secateur
