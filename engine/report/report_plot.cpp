#include "engine/report/report_plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <vector>

#include "engine/cost/cost.h"

namespace secateur {
namespace {

constexpr double kWidth = 780, kHeight = 440;
constexpr double kLeft = 76, kRight = 580, kTop = 20, kBottom = 376;  // the plot area
const char* const kSearchColour = "#1f6feb";
const char* const kBaselineColour = "#d97706";
const char* const kSeedColour = "#e3b341";
const char* const kOtherColour = "#6e7781";
constexpr double kPi = 3.14159265358979323846;

std::string num(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", value);
    return buffer;
}

struct Plotted {
    const PointRecord* point;
    double cost;   // the report's cost
    double value;  // the test metric
};

struct Axes {
    double decadeLo = 3, decadeHi = 6;  // log10 of the x range's ends
    double yLo = 0, yHi = 1, yStep = 0.2;
    bool percent = false;

    double x(double cost) const {
        return kLeft + (std::log10(cost) - decadeLo) / (decadeHi - decadeLo) * (kRight - kLeft);
    }
    double y(double value) const {
        return kBottom - (value - yLo) / (yHi - yLo) * (kBottom - kTop);
    }
};

std::vector<Plotted> plottable(const ReportInput& in) {
    std::vector<Plotted> out;
    const auto add = [&](const PointRecord& p) {
        const double cost = valueOf(p.costs, in.cost), value = valueOf(p.test, in.metric);
        if (std::isfinite(cost) && cost > 0 && std::isfinite(value))
            out.push_back({&p, cost, value});
    };
    add(in.seed);
    for (const PointRecord& p : in.points) add(p);
    return out;
}

double niceStep(double raw) {
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    const double f = raw / power;
    return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * power;
}

Axes axesFor(const std::vector<Plotted>& pts, const ReportInput& in) {
    Axes axes;
    axes.percent = accuracyLike(in.metric) && std::all_of(pts.begin(), pts.end(), [](auto& p) {
                       return p.value >= 0 && p.value <= 1;
                   });
    if (pts.empty()) return axes;
    const auto [pMin, pMax] = std::minmax_element(pts.begin(), pts.end(),
                                                  [](auto& a, auto& b) { return a.cost < b.cost; });
    axes.decadeLo = std::floor(std::log10(pMin->cost));
    axes.decadeHi = std::max(std::ceil(std::log10(pMax->cost)), axes.decadeLo + 1);
    const auto [vMin, vMax] = std::minmax_element(
        pts.begin(), pts.end(), [](auto& a, auto& b) { return a.value < b.value; });
    double lo = vMin->value, hi = vMax->value;
    const double span =
        hi > lo ? hi - lo : std::max(std::fabs(lo) * 0.1, axes.percent ? 0.02 : 0.1);
    lo -= span * 0.08;
    hi += span * 0.08;
    axes.yStep = niceStep((hi - lo) / 5);
    axes.yLo = std::floor(lo / axes.yStep) * axes.yStep;
    axes.yHi = std::ceil(hi / axes.yStep) * axes.yStep;
    if (axes.percent && vMin->value >= 0) axes.yLo = std::max(axes.yLo, 0.0);
    if (axes.percent && vMax->value <= 1) axes.yHi = std::min(axes.yHi, 1.0);
    return axes;
}

std::string decadeLabel(int decade) {
    static const char* const suffixes[] = {"", "k", "M", "G", "T"};
    if (decade < 0 || decade >= 15) return formatNumber(std::pow(10.0, decade));
    const int multiple = decade % 3 == 0 ? 1 : decade % 3 == 1 ? 10 : 100;
    return std::to_string(multiple) + suffixes[decade / 3];
}

std::string yLabel(double value, const Axes& axes) {
    const double scale = axes.percent ? 100 : 1;
    const int decimals = std::max(0, -static_cast<int>(std::floor(std::log10(axes.yStep * scale))));
    const double scaled = std::fabs(value) < axes.yStep * 1e-6 ? 0.0 : value * scale;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, scaled);
    return buffer;
}

std::string text(double x, double y, const std::string& body, const char* anchor = "middle",
                 const std::string& extra = "") {
    return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" + anchor + "\"" +
           extra + ">" + escapeHtml(body) + "</text>\n";
}

std::string line(double x1, double y1, double x2, double y2, const char* stroke) {
    return "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" +
           num(y2) + "\" stroke=\"" + stroke + "\"/>\n";
}

std::string gridAndAxes(const Axes& axes, const ReportInput& in) {
    std::string out;
    for (int d = static_cast<int>(axes.decadeLo); d <= static_cast<int>(axes.decadeHi); ++d) {
        const double x = axes.x(std::pow(10.0, d));
        out += line(x, kTop, x, kBottom, "#d8dee4");
        out += text(x, kBottom + 18, decadeLabel(d));
        for (int m = 2; m <= 9 && d < axes.decadeHi; ++m) {
            const double xm = axes.x(m * std::pow(10.0, d));
            out += line(xm, kTop, xm, kBottom, "#f3f4f6") +
                   line(xm, kBottom, xm, kBottom + 4, "#8c959f");
        }
    }
    const long ticks = std::lround((axes.yHi - axes.yLo) / axes.yStep);
    for (long i = 0; i <= ticks; ++i) {
        const double v = axes.yLo + static_cast<double>(i) * axes.yStep;
        const double y = axes.y(v);
        out += line(kLeft, y, kRight, y, "#eaeef2");
        out += text(kLeft - 8, y + 4, yLabel(v, axes), "end");
    }
    out += line(kLeft, kBottom, kRight, kBottom, "#57606a") +
           line(kLeft, kTop, kLeft, kBottom, "#57606a");
    out += text((kLeft + kRight) / 2, kBottom + 44, costAxisName(in.cost) + " (log scale)");
    const std::string yTitle = "test " + metricLabel(in.metric) + (axes.percent ? " (%)" : "") +
                               (in.lowerIsBetter ? ", lower is better" : "");
    const double yMid = (kTop + kBottom) / 2;
    out += text(18, yMid, yTitle, "middle", " transform=\"rotate(-90 18 " + num(yMid) + ")\"");
    return out;
}

std::string polyline(const std::vector<Plotted>& pts, const Axes& axes, const char* stroke,
                     const char* dash) {
    if (pts.size() < 2) return "";
    std::string coords;
    for (const Plotted& p : pts) coords += num(axes.x(p.cost)) + "," + num(axes.y(p.value)) + " ";
    coords.pop_back();
    return "<polyline fill=\"none\" stroke=\"" + std::string(stroke) +
           "\" stroke-width=\"1.6\" stroke-dasharray=\"" + dash + "\" points=\"" + coords +
           "\"/>\n";
}

std::string starPoints(double cx, double cy, double outer, double inner) {
    std::string coords;
    for (int i = 0; i < 10; ++i) {
        const double r = i % 2 == 0 ? outer : inner;
        const double angle = -kPi / 2 + i * kPi / 5;
        coords += num(cx + r * std::cos(angle)) + "," + num(cy + r * std::sin(angle)) + " ";
    }
    coords.pop_back();
    return coords;
}

// A marker's shape, opening tag only: "search" circle, "baseline" square, "seed" star, else ring.
std::string shape(const std::string& kind, double x, double y, const std::string& cls) {
    const std::string c = cls.empty() ? "" : " class=\"" + cls + "\"";
    if (kind == "seed")
        return "<polygon" + c + " points=\"" + starPoints(x, y, 9, 4) + "\" fill=\"" + kSeedColour +
               "\" stroke=\"#7d4e00\" stroke-width=\"1\"";
    if (kind == "baseline")
        return "<rect" + c + " x=\"" + num(x - 4.5) + "\" y=\"" + num(y - 4.5) +
               "\" width=\"9\" height=\"9\" fill=\"" + kBaselineColour +
               "\" stroke=\"#fff\" stroke-width=\"1\"";
    const bool search = kind == "search";
    return "<circle" + c + " cx=\"" + num(x) + "\" cy=\"" + num(y) + "\" r=\"5\" fill=\"" +
           (search ? kSearchColour : "#fff") + "\" stroke=\"" + (search ? "#fff" : kOtherColour) +
           "\" stroke-width=\"" + (search ? "1" : "1.5") + "\"";
}

std::string tag(const std::string& kind) {
    return kind == "seed" ? "polygon" : kind == "baseline" ? "rect" : "circle";
}

std::string tooltip(const PointRecord& p, const std::string& kind, const std::string& metric) {
    char setting[32];
    std::snprintf(setting, sizeof setting, " %g", p.setting);
    std::string tip = p.name + " (" + kind + (kind == "seed" ? "" : setting) + ")";
    std::string costs;
    for (const CostInfo& cost : costCatalog())
        if (p.costs.count(cost.name))
            costs += (costs.empty() ? "" : ", ") + cost.label + " " +
                     formatCost(cost.name, p.costs.at(cost.name));
    if (!costs.empty()) tip += "\n" + costs;
    tip += "\ntest " + metricLabel(metric) + " " + formatMetric(metric, valueOf(p.test, metric)) +
           ", validation " + formatMetric(metric, valueOf(p.validation, metric));
    for (const auto& [key, value] : p.test)
        if (key != metric) tip += "\ntest " + metricLabel(key) + " " + formatMetric(key, value);
    return tip;
}

std::string marker(const Plotted& p, const Axes& axes, const ReportInput& in) {
    const std::string kind = pointKindName(p.point == &in.seed ? PointKind::Seed : p.point->kind);
    return shape(kind, axes.x(p.cost), axes.y(p.value), "pt " + kind) + "><title>" +
           escapeHtml(tooltip(*p.point, kind, in.metric)) + "</title></" + tag(kind) + ">\n";
}

std::string legend(const std::vector<Plotted>& pts, const ReportInput& in) {
    const auto has = [&](PointKind kind) {
        return std::any_of(in.points.begin(), in.points.end(),
                           [&](const PointRecord& p) { return p.kind == kind; });
    };
    std::vector<std::pair<std::string, std::string>> entries;  // (kind, label)
    if (has(PointKind::Search)) entries.emplace_back("search", "search points");
    if (has(PointKind::Search)) entries.emplace_back("front", "search Pareto front");
    if (has(PointKind::Baseline)) entries.emplace_back("baseline", "width baselines");
    entries.emplace_back("seed", "seed");
    std::string out;
    double y = kTop + 12;
    for (const auto& [kind, label] : entries) {
        const double x = kRight + 24;
        if (kind == "front")
            out += "<line x1=\"" + num(x - 9) + "\" y1=\"" + num(y) + "\" x2=\"" + num(x + 9) +
                   "\" y2=\"" + num(y) + "\" stroke=\"" + kSearchColour +
                   "\" stroke-width=\"1.6\"/>\n";
        else
            out += shape(kind, x, y, "") + "/>\n";
        out += text(x + 16, y + 4, label, "start");
        y += 22;
    }
    const std::size_t missing = in.points.size() + 1 - pts.size();
    if (missing == 0) return out;
    const std::string style = " font-size=\"11\" fill=\"#59636e\"";
    out += text(kRight + 15, y + 8, std::to_string(missing) + " not plotted: no " + in.cost,
                "start", style);
    return out + text(kRight + 15, y + 22, "or no test " + metricLabel(in.metric), "start", style);
}

std::vector<Plotted> searchFront(const std::vector<Plotted>& pts, const ReportInput& in) {
    std::vector<PointRecord> records;
    std::vector<Plotted> search;
    for (const Plotted& p : pts) {
        if (p.point->kind != PointKind::Search) continue;
        records.push_back(*p.point);
        search.push_back(p);
    }
    std::vector<Plotted> front;
    for (const std::size_t i : paretoIndices(records, in.lowerIsBetter, in.metric, in.cost))
        front.push_back(search[i]);
    return front;
}

std::vector<Plotted> baselinesByWidth(const std::vector<Plotted>& pts) {
    std::vector<Plotted> out;
    std::copy_if(pts.begin(), pts.end(), std::back_inserter(out),
                 [](const Plotted& p) { return p.point->kind == PointKind::Baseline; });
    std::stable_sort(out.begin(), out.end(), [](const Plotted& a, const Plotted& b) {
        return a.point->setting != b.point->setting ? a.point->setting < b.point->setting
                                                    : a.cost < b.cost;
    });
    return out;
}

}  // namespace

std::string reportPlotSvg(const ReportInput& in) {
    const std::vector<Plotted> pts = plottable(in);
    const Axes axes = axesFor(pts, in);
    std::ostringstream out;
    out << "<svg viewBox=\"0 0 " << kWidth << " " << kHeight << "\" width=\"" << kWidth
        << "\" height=\"" << kHeight << "\" role=\"img\" font-family=\"system-ui, sans-serif\""
        << " font-size=\"12\" fill=\"#1f2328\">\n<title>test " << escapeHtml(metricLabel(in.metric))
        << " against " << escapeHtml(costAxisName(in.cost)) << "</title>\n"
        << "<rect x=\"0\" y=\"0\" width=\"" << kWidth << "\" height=\"" << kHeight
        << "\" fill=\"#fff\"/>\n"
        << gridAndAxes(axes, in) << polyline(baselinesByWidth(pts), axes, kBaselineColour, "5 3")
        << polyline(searchFront(pts, in), axes, kSearchColour, "none");
    if (pts.empty()) out << text((kLeft + kRight) / 2, (kTop + kBottom) / 2, "nothing to plot yet");
    // Baselines and other kinds under the search points, the seed on top.
    for (const int pass : {0, 1, 2}) {
        for (const Plotted& p : pts) {
            const int layer = p.point == &in.seed ? 2 : p.point->kind == PointKind::Search ? 1 : 0;
            if (layer == pass) out << marker(p, axes, in);
        }
    }
    out << legend(pts, in) << "</svg>\n";
    return out.str();
}

}  // namespace secateur
