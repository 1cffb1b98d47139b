#include "engine/report/report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <sstream>

#include "engine/cost/cost.h"
#include "engine/report/report_plot.h"

namespace secateur {
namespace {

std::string printed(const char* format, double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, format, value);
    return buffer;
}

// a is better than b on the headline metric.
bool better(double a, double b, bool lowerIsBetter) {
    return lowerIsBetter ? a < b : a > b;
}

// The seed first, then the points by the report's cost (missing last), then by name.
std::vector<PointRecord> rowsOf(const ReportInput& in) {
    std::vector<PointRecord> points = in.points;
    std::sort(points.begin(), points.end(), [&in](const PointRecord& a, const PointRecord& b) {
        const double pa = valueOf(a.costs, in.cost), pb = valueOf(b.costs, in.cost);
        if (std::isnan(pa) != std::isnan(pb)) return std::isnan(pb);
        if (!std::isnan(pa) && pa != pb) return pa < pb;
        return a.name < b.name;
    });
    points.insert(points.begin(), in.seed);
    points.front().kind = PointKind::Seed;
    return points;
}

std::vector<bool> frontFlags(const std::vector<PointRecord>& rows, const ReportInput& in) {
    std::vector<bool> flags(rows.size(), false);
    for (const std::size_t i : paretoIndices(rows, in.lowerIsBetter, in.metric, in.cost))
        flags[i] = true;
    return flags;
}

std::string formatSetting(const PointRecord& p) {
    return p.kind == PointKind::Seed || !std::isfinite(p.setting) ? "-" : printed("%g", p.setting);
}

std::string formatReduction(double seedParams, double params) {
    if (!std::isfinite(seedParams) || !std::isfinite(params) || seedParams <= 0 || params <= 0)
        return "-";
    const double ratio = seedParams / params;
    return printed(ratio >= 100 ? "%.0fx" : "%.1fx", ratio);
}

std::string formatDuration(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0) return "-";
    if (seconds < 60) return printed("%.1f s", seconds);
    const long total = std::lround(seconds);
    char buffer[64];
    if (total < 3600)
        std::snprintf(buffer, sizeof buffer, "%ld min %02ld s", total / 60, total % 60);
    else
        std::snprintf(buffer, sizeof buffer, "%ld h %02ld min", total / 3600, total % 3600 / 60);
    return buffer;
}

// The per-metric test columns beside the headline one, as present in any point's test split.
std::vector<std::string> extraKeys(const std::vector<PointRecord>& rows,
                                   const std::string& metric) {
    std::vector<std::string> keys;
    for (const char* key : {"accuracy", "balanced_accuracy", "macro_f1", "mae"}) {
        const auto has = [key](const PointRecord& p) { return p.test.count(key) > 0; };
        if (key != metric && std::any_of(rows.begin(), rows.end(), has)) keys.emplace_back(key);
    }
    return keys;
}

// The registered costs some row reports, in the catalog's order.
std::vector<CostInfo> reportedCosts(const std::vector<PointRecord>& rows) {
    std::vector<CostInfo> costs;
    for (const CostInfo& cost : costCatalog()) {
        const auto has = [&](const PointRecord& p) { return p.costs.count(cost.name) > 0; };
        if (std::any_of(rows.begin(), rows.end(), has)) costs.push_back(cost);
    }
    return costs;
}

struct Table {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;  // aligned with rowsOf(input)
    std::vector<bool> front;
};

Table tableOf(const ReportInput& in) {
    const std::vector<PointRecord> rows = rowsOf(in);
    const std::vector<std::string> extras = extraKeys(rows, in.metric);
    const std::string label = metricLabel(in.metric);
    Table table;
    const std::vector<CostInfo> costs = reportedCosts(rows);
    table.header = {"name", "kind", "setting"};
    for (const CostInfo& cost : costs)
        table.header.push_back(cost.label + (cost.exact ? "" : " (" + cost.unit + ")"));
    const bool limited =
        std::any_of(rows.begin(), rows.end(), [](const PointRecord& p) { return !p.limitsMet; });
    if (limited) table.header.emplace_back("limits");
    table.header.push_back("val " + label);
    table.header.push_back("test " + label);
    for (const std::string& key : extras) table.header.push_back("test " + metricLabel(key));
    for (const char* column : {"wall time", "Pareto", "reduction"})
        table.header.emplace_back(column);
    table.front = frontFlags(rows, in);
    const double seedCost = valueOf(in.seed.costs, in.cost);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const PointRecord& p = rows[i];
        std::vector<std::string> cells = {p.name, pointKindName(p.kind), formatSetting(p)};
        for (const CostInfo& cost : costs)
            cells.push_back(formatCost(cost.name, valueOf(p.costs, cost.name)));
        if (limited) cells.emplace_back(p.limitsMet ? "met" : "over");
        cells.push_back(formatMetric(in.metric, valueOf(p.validation, in.metric)));
        cells.push_back(formatMetric(in.metric, valueOf(p.test, in.metric)));
        for (const std::string& key : extras)
            cells.push_back(formatMetric(key, valueOf(p.test, key)));
        cells.push_back(formatDuration(p.wallSeconds));
        cells.emplace_back(table.front[i] ? "yes" : "");
        cells.push_back(formatReduction(seedCost, valueOf(p.costs, in.cost)));
        table.rows.push_back(cells);
    }
    return table;
}

std::string seedLine(const ReportInput& in) {
    const PointRecord& s = in.seed;
    const std::string named = s.name.empty() || s.name == "seed" ? "" : " (" + s.name + ")";
    std::string line = "seed" + named + ": ";
    for (const CostInfo& cost : reportedCosts({s}))
        line += costPhrase(cost.name, valueOf(s.costs, cost.name)) + ", ";
    return line + "test " + metricLabel(in.metric) + " " +
           formatMetric(in.metric, valueOf(s.test, in.metric));
}

std::string kindLine(const ReportInput& in, PointKind kind, const std::vector<PointRecord>& rows,
                     const std::vector<bool>& front) {
    std::size_t count = 0, onFront = 0;
    const PointRecord* best = nullptr;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const PointRecord& p = rows[i];
        if (p.kind != kind) continue;
        ++count;
        onFront += front[i] ? 1 : 0;
        const double m = valueOf(p.test, in.metric);
        if (std::isnan(m)) continue;
        // Rows are sorted by cost, so the first of equal metrics is the cheapest.
        if (!best || better(m, valueOf(best->test, in.metric), in.lowerIsBetter)) best = &p;
    }
    std::string line =
        pointKindName(kind) + (": " + std::to_string(count)) + (count == 1 ? " point" : " points");
    const std::string label = "test " + metricLabel(in.metric);
    if (best) {
        line += "; best " + label + " " + formatMetric(in.metric, valueOf(best->test, in.metric)) +
                " (" + best->name + ", " + costPhrase(in.cost, valueOf(best->costs, in.cost)) +
                ", " +
                formatReduction(valueOf(in.seed.costs, in.cost), valueOf(best->costs, in.cost)) +
                " less than the seed)";
    } else {
        line += "; none has a " + label;
    }
    return line + "; " + std::to_string(onFront) + " on the Pareto front";
}

std::vector<std::string> summaryLines(const ReportInput& in) {
    const std::vector<PointRecord> rows = rowsOf(in);
    const std::vector<bool> front = frontFlags(rows, in);
    std::vector<std::string> lines = {seedLine(in)};
    for (const PointKind kind : {PointKind::Search, PointKind::Baseline}) {
        const auto ofKind = [kind](const PointRecord& p) { return p.kind == kind; };
        if (std::any_of(in.points.begin(), in.points.end(), ofKind))
            lines.push_back(kindLine(in, kind, rows, front));
    }
    if (in.points.empty()) lines.emplace_back("no sweep points yet");
    return lines;
}

std::string titleOf(const ReportInput& in) {
    return in.title.empty() ? "Sweep report" : in.title;
}

std::string headline(const ReportInput& in) {
    return "Headline metric: test " + metricLabel(in.metric) +
           (in.lowerIsBetter ? " (lower is better)" : " (higher is better)") +
           "; reduction is the seed's " + costAxisName(in.cost) + " over the point's.";
}

std::string markdownCell(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c == '|')
            out += "\\|";
        else
            out += (c == '\n' || c == '\r') ? ' ' : c;
    }
    return out;
}

std::string markdownRow(const std::vector<std::string>& cells) {
    std::string row = "|";
    for (const std::string& cell : cells) row += " " + markdownCell(cell) + " |";
    return row + "\n";
}

const char* const kCss =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2328;"
    "background:#fff;max-width:1200px;margin:2rem auto;padding:0 1rem;line-height:1.45}"
    "h1{font-size:1.6rem;margin:0 0 .2rem}h2{font-size:1.15rem;margin:1.6rem 0 .5rem}"
    ".task{color:#59636e;margin:0 0 1rem}.note{color:#59636e;font-size:.85rem}"
    "figure{margin:0}svg{max-width:100%;height:auto}"
    ".scroll{overflow-x:auto}table{border-collapse:collapse;font-size:.88rem}"
    "th,td{padding:.3rem .6rem;border-bottom:1px solid #d8dee4;text-align:right;"
    "white-space:nowrap;font-variant-numeric:tabular-nums}"
    "th{background:#f6f8fa;border-bottom:2px solid #d0d7de}"
    "th:nth-child(-n+2),td:nth-child(-n+2){text-align:left}"
    "tr.seed td{background:#fff8e1}tr.front td:first-child{font-weight:600}";

std::string htmlTable(const Table& table) {
    std::ostringstream out;
    out << "<div class=\"scroll\"><table>\n<thead><tr>";
    for (const std::string& cell : table.header) out << "<th>" << escapeHtml(cell) << "</th>";
    out << "</tr></thead>\n<tbody>\n";
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        const std::string cls = i == 0 ? "seed" : table.front[i] ? "front" : "";
        out << (cls.empty() ? "<tr>" : "<tr class=\"" + cls + "\">");
        for (const std::string& cell : table.rows[i]) out << "<td>" << escapeHtml(cell) << "</td>";
        out << "</tr>\n";
    }
    out << "</tbody>\n</table></div>\n";
    return out.str();
}

}  // namespace

double paramsOf(const PointRecord& p) {
    return valueOf(p.costs, "params");
}

bool dominates(const PointRecord& q, const PointRecord& p, bool lowerIsBetter,
               const std::string& metric, const std::string& cost) {
    const double qp = valueOf(q.costs, cost), pp = valueOf(p.costs, cost);
    const double qm = valueOf(q.test, metric), pm = valueOf(p.test, metric);
    if (qp > pp || better(pm, qm, lowerIsBetter)) return false;
    return qp < pp || better(qm, pm, lowerIsBetter);
}

double valueOf(const std::map<std::string, double>& values, const std::string& key) {
    const auto it = values.find(key);
    return it == values.end() ? std::numeric_limits<double>::quiet_NaN() : it->second;
}

std::vector<std::size_t> paretoIndices(const std::vector<PointRecord>& points, bool lowerIsBetter,
                                       const std::string& metric, const std::string& cost) {
    const auto costOf = [&cost](const PointRecord& p) { return valueOf(p.costs, cost); };
    std::vector<std::size_t> front;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const PointRecord& p = points[i];
        if (std::isnan(costOf(p)) || !std::isfinite(valueOf(p.test, metric))) continue;
        const auto beats = [&](const PointRecord& q) {
            return !std::isnan(costOf(q)) && std::isfinite(valueOf(q.test, metric)) &&
                   dominates(q, p, lowerIsBetter, metric, cost);
        };
        if (std::none_of(points.begin(), points.end(), beats)) front.push_back(i);
    }
    std::sort(front.begin(), front.end(), [&](std::size_t a, std::size_t b) {
        const double pa = costOf(points[a]), pb = costOf(points[b]);
        return pa != pb ? pa < pb : points[a].name < points[b].name;
    });
    return front;
}

std::vector<std::string> paretoFront(const std::vector<PointRecord>& points, bool lowerIsBetter,
                                     const std::string& metric, const std::string& cost) {
    std::vector<std::string> names;
    for (const std::size_t i : paretoIndices(points, lowerIsBetter, metric, cost))
        names.push_back(points[i].name);
    return names;
}

bool accuracyLike(const std::string& key) {
    for (const char* part : {"accuracy", "f1", "precision", "recall"})
        if (key.find(part) != std::string::npos) return true;
    return false;
}

std::string metricLabel(const std::string& key) {
    static const std::map<std::string, std::string> labels = {
        {"balanced_accuracy", "balanced accuracy"},
        {"macro_f1", "macro-F1"},
        {"mae", "MAE"},
        {"mse", "MSE"},
        {"rmse", "RMSE"}};
    const auto it = labels.find(key);
    if (it != labels.end()) return it->second;
    std::string label = key.empty() ? "metric" : key;
    std::replace(label.begin(), label.end(), '_', ' ');
    return label;
}

std::string formatCount(double value) {
    if (!std::isfinite(value)) return "-";
    if (std::fabs(value) >= 1e18) return printed("%.3g", value);
    const long long rounded = std::llround(value);
    const std::string digits = std::to_string(rounded < 0 ? -rounded : rounded);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return rounded < 0 ? "-" + out : out;
}

std::string formatNumber(double value) {
    if (!std::isfinite(value)) return "-";
    if (value == 0) return "0";
    if (std::fabs(value) >= 1000) return formatCount(value);
    const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(value))));
    const int decimals = std::clamp(2 - magnitude, 0, 6);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

std::string formatMetric(const std::string& key, double value) {
    if (!std::isfinite(value)) return "-";
    if (accuracyLike(key) && value >= 0 && value <= 1) return printed("%.1f %%", value * 100);
    return formatNumber(value);
}

std::string escapeHtml(const std::string& text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string reportMarkdown(const ReportInput& in) {
    std::ostringstream out;
    out << "# " << markdownCell(titleOf(in)) << "\n\n";
    out << "Task: " << markdownCell(in.task) << "\n\n" << headline(in) << "\n\n## Summary\n\n";
    for (const std::string& line : summaryLines(in)) out << "- " << markdownCell(line) << "\n";
    const Table table = tableOf(in);
    out << "\n## Points\n\n" << markdownRow(table.header) << "|";
    for (std::size_t i = 0; i < table.header.size(); ++i) out << (i < 2 ? " --- |" : " ---: |");
    out << "\n";
    for (const std::vector<std::string>& row : table.rows) out << markdownRow(row);
    return out.str();
}

std::string reportHtml(const ReportInput& in) {
    std::ostringstream out;
    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<title>" << escapeHtml(titleOf(in)) << " - sweep report</title>\n"
        << "<style>" << kCss << "</style>\n</head>\n<body>\n"
        << "<h1>" << escapeHtml(titleOf(in)) << "</h1>\n"
        << "<p class=\"task\">" << escapeHtml(in.task) << "</p>\n"
        << "<p class=\"note\">" << escapeHtml(headline(in)) << "</p>\n<h2>Summary</h2>\n<ul>\n";
    for (const std::string& line : summaryLines(in)) out << "<li>" << escapeHtml(line) << "</li>\n";
    out << "</ul>\n<h2>Pareto plot</h2>\n<figure>\n"
        << reportPlotSvg(in) << "</figure>\n"
        << "<h2>Points</h2>\n"
        << htmlTable(tableOf(in)) << "</body>\n</html>\n";
    return out.str();
}

}  // namespace secateur
