// Sweep reports: Markdown and self-contained HTML, the Pareto front, number formatting.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "engine/report/report.h"

namespace secateur {
namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

PointRecord point(const std::string& name, PointKind kind, double setting, double params,
                  double accuracy) {
    PointRecord p;
    p.name = name;
    p.kind = kind;
    p.setting = setting;
    p.costs = {{"params", params}, {"macs", params * 40}};
    p.validation = {{"accuracy", accuracy - 0.01}, {"macro_f1", accuracy - 0.02}};
    p.test = {{"accuracy", accuracy},
              {"balanced_accuracy", accuracy - 0.005},
              {"macro_f1", accuracy - 0.02}};
    p.wallSeconds = 12.5;
    return p;
}

ReportInput sweep() {
    ReportInput in;
    in.title = "kws";
    in.task = "kws: Free Spoken Digit Dataset, speaker-independent split";
    in.metric = "accuracy";
    in.seed = point("seed", PointKind::Seed, 0, 250000, 0.96);
    in.points = {
        point("search-0.1", PointKind::Search, 0.1, 60000, 0.95),
        point("search-0.3", PointKind::Search, 0.3, 20000, 0.93),
        point("search-1", PointKind::Search, 1.0, 5000, 0.88),
        point("search-0.5", PointKind::Search, 0.5, 25000, 0.90),  // dominated by search-0.3
        point("width-0.5", PointKind::Baseline, 0.5, 62000, 0.92),
        point("width-0.25", PointKind::Baseline, 0.25, 16000, 0.86)};
    return in;
}

std::size_t count(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

void expectSelfContained(const std::string& html) {
    for (const char* banned : {"http", "src=", "<script", "<link", "url("})
        EXPECT_EQ(html.find(banned), std::string::npos) << banned;
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_EQ(count(html, "<svg"), 1u);
    EXPECT_EQ(count(html, "</svg>"), 1u);
    EXPECT_NE(html.find("</html>"), std::string::npos);
}

TEST(Report, MarkdownNamesEveryPointAndTheSeed) {
    const ReportInput in = sweep();
    const std::string md = reportMarkdown(in);
    EXPECT_EQ(md.rfind("# kws\n", 0), 0u);
    EXPECT_NE(md.find(in.task), std::string::npos);
    EXPECT_NE(md.find("| seed | seed |"), std::string::npos);
    for (const PointRecord& p : in.points)
        EXPECT_NE(md.find("| " + p.name + " |"), std::string::npos);
    EXPECT_NE(md.find("search: 4 points"), std::string::npos);
    EXPECT_NE(md.find("baseline: 2 points"), std::string::npos);
    EXPECT_NE(md.find("250,000"), std::string::npos);
    EXPECT_NE(md.find("12.5x"), std::string::npos);  // 250,000 / 20,000
    EXPECT_NE(md.find("93.0 %"), std::string::npos);
    EXPECT_NE(md.find("test balanced accuracy"), std::string::npos);
    // The seed first, then by params.
    EXPECT_LT(md.find("| seed |"), md.find("| search-1 |"));
    EXPECT_LT(md.find("| search-1 |"), md.find("| width-0.25 |"));
    EXPECT_LT(md.find("| width-0.25 |"), md.find("| search-0.3 |"));
    EXPECT_LT(md.find("| search-0.1 |"), md.find("| width-0.5 |"));
}

TEST(Report, HtmlIsSelfContainedWithOneMarkerPerPoint) {
    const ReportInput in = sweep();
    const std::string html = reportHtml(in);
    expectSelfContained(html);
    EXPECT_EQ(count(html, "class=\"pt "), in.points.size() + 1);
    EXPECT_EQ(count(html, "class=\"pt search\""), 4u);
    EXPECT_EQ(count(html, "class=\"pt baseline\""), 2u);
    EXPECT_EQ(count(html, "class=\"pt seed\""), 1u);
    EXPECT_EQ(count(html, "<polyline"), 2u);  // the search front and the baselines
    for (const char* tick : {">1k<", ">10k<", ">100k<", ">1M<"})
        EXPECT_NE(html.find(tick), std::string::npos) << tick;
    EXPECT_NE(html.find("parameters (log scale)"), std::string::npos);
    EXPECT_NE(html.find("test accuracy (%)"), std::string::npos);
    EXPECT_NE(html.find("<title>search-0.3 (search 0.3)"), std::string::npos);
}

TEST(Report, EscapesNamesAndTitles) {
    ReportInput in = sweep();
    in.title = "tiny <net> & \"co\"";
    in.points[0].name = "a<b&c";
    const std::string html = reportHtml(in);
    expectSelfContained(html);
    EXPECT_EQ(html.find("a<b&c"), std::string::npos);
    EXPECT_NE(html.find("a&lt;b&amp;c"), std::string::npos);
    EXPECT_NE(html.find("<h1>tiny &lt;net&gt; &amp; &quot;co&quot;</h1>"), std::string::npos);
    EXPECT_EQ(escapeHtml("<'&\">"), "&lt;&#39;&amp;&quot;&gt;");
}

TEST(Report, EmptySweepStillReports) {
    ReportInput in = sweep();
    in.points.clear();
    const std::string md = reportMarkdown(in);
    EXPECT_NE(md.find("| seed |"), std::string::npos);
    EXPECT_NE(md.find("no sweep points yet"), std::string::npos);
    const std::string html = reportHtml(in);
    expectSelfContained(html);
    EXPECT_EQ(count(html, "class=\"pt "), 1u);
    EXPECT_EQ(count(html, "<polyline"), 0u);
}

TEST(Report, NothingPlottableStillReports) {
    ReportInput in;
    in.metric = "accuracy";
    const std::string html = reportHtml(in);
    expectSelfContained(html);
    EXPECT_EQ(count(html, "class=\"pt "), 0u);
    EXPECT_NE(html.find("nothing to plot yet"), std::string::npos);
    EXPECT_NE(reportMarkdown(in).find("| - |"), std::string::npos);
}

TEST(Report, MissingValuesNaNAndEqualParams) {
    ReportInput in = sweep();
    in.points = {point("single", PointKind::Search, 0.2, 20000, 0.9),
                 point("twin", PointKind::Baseline, 0.5, 20000, 0.9)};
    in.points.push_back(point("broken", PointKind::Search, 0.4, kNaN, kNaN));
    in.points.back().test.erase("macro_f1");
    in.points.back().validation["accuracy"] = 0.88;
    in.points.back().wallSeconds = kNaN;
    const std::string md = reportMarkdown(in);
    EXPECT_NE(md.find("| broken | search | 0.4 | - | - | 88.0 % | - |"), std::string::npos);
    const std::string html = reportHtml(in);
    expectSelfContained(html);
    EXPECT_EQ(html.find("nan"), std::string::npos);
    EXPECT_EQ(count(html, "class=\"pt "), 3u);  // "broken" has no params to plot
    EXPECT_NE(html.find("1 not plotted"), std::string::npos);
}

TEST(Report, LowerIsBetterMetric) {
    ReportInput in;
    in.title = "ecg";
    in.metric = "mae";
    in.lowerIsBetter = true;
    in.seed.name = "seed";
    in.seed.kind = PointKind::Seed;
    in.seed.costs = {{"params", 9000}, {"macs", 90000}};
    in.seed.test = {{"mae", 0.12}};
    PointRecord p = in.seed;
    p.name = "search-0.2";
    p.kind = PointKind::Search;
    p.costs = {{"params", 3000}, {"macs", 30000}};
    p.test = {{"mae", 0.1534}};
    in.points = {p};
    const std::string md = reportMarkdown(in);
    EXPECT_NE(md.find("lower is better"), std::string::npos);
    EXPECT_NE(md.find("0.153"), std::string::npos);
    EXPECT_NE(md.find("3.0x"), std::string::npos);
    const std::string html = reportHtml(in);
    expectSelfContained(html);
    EXPECT_NE(html.find("test MAE, lower is better"), std::string::npos);
    EXPECT_EQ(count(html, "class=\"pt "), 2u);
}

TEST(Report, ParetoFrontDropsDominatedKeepsTies) {
    std::vector<PointRecord> points = {point("big", PointKind::Search, 0, 1000, 0.95),
                                       point("dominated", PointKind::Search, 0, 800, 0.80),
                                       point("small", PointKind::Search, 0, 100, 0.85),
                                       point("tie-b", PointKind::Search, 0, 500, 0.90),
                                       point("tie-a", PointKind::Baseline, 0, 500, 0.90),
                                       point("same-params-worse", PointKind::Search, 0, 500, 0.89),
                                       point("no-metric", PointKind::Search, 0, 10, kNaN)};
    points.back().test.erase("accuracy");
    EXPECT_EQ(paretoFront(points, false, "accuracy"),
              (std::vector<std::string>{"small", "tie-a", "tie-b", "big"}));
    // Lower is better: "small" dominates all but the lowest, "dominated"; "no-metric" is left out.
    EXPECT_EQ(paretoFront(points, true, "accuracy"),
              (std::vector<std::string>{"small", "dominated"}));
    points.push_back(point("tiny-worse", PointKind::Search, 0, 50, 0.99));
    EXPECT_EQ(paretoFront(points, true, "accuracy"),
              (std::vector<std::string>{"tiny-worse", "small", "dominated"}));
    EXPECT_TRUE(paretoFront({}, false, "accuracy").empty());
    EXPECT_TRUE(paretoFront(points, false, "missing").empty());
    const std::vector<PointRecord> one = {point("only", PointKind::Search, 0, 10, 0.5)};
    EXPECT_EQ(paretoFront(one, false, "accuracy"), (std::vector<std::string>{"only"}));
}

// A sweep that minimised latency is reported on latency: the plot's axis, the rows' order, the
// front and the reduction; every registered cost has a column.
TEST(Report, FollowsTheCostTheSweepMinimised) {
    ReportInput in = sweep();
    const auto setLatency = [](PointRecord& p, double ms) { p.costs["latency_ms"] = ms; };
    setLatency(in.seed, 40.0);
    // By latency, search-0.5 is the fastest point: no longer dominated, and it dominates search-1.
    const std::map<std::string, double> latencies = {{"search-0.1", 10.0}, {"search-0.3", 8.0},
                                                     {"search-1", 6.0},    {"search-0.5", 2.0},
                                                     {"width-0.5", 12.0},  {"width-0.25", 5.0}};
    for (PointRecord& p : in.points) setLatency(p, latencies.at(p.name));
    in.cost = "latency_ms";
    const std::string html = reportHtml(in);
    EXPECT_NE(html.find("latency in ms (log scale)"), std::string::npos);
    EXPECT_NE(html.find("Latency (ms)"), std::string::npos);  // the table's column
    const std::string md = reportMarkdown(in);
    EXPECT_LT(md.find("| search-0.5 |"), md.find("| width-0.25 |"));  // ordered by latency
    EXPECT_NE(md.find("20.0x"), std::string::npos);                   // 40 ms / 2 ms
    EXPECT_NE(md.find("reduction is the seed's latency in ms"), std::string::npos) << md;
    EXPECT_NE(md.find("latency 10 ms"), std::string::npos) << md;  // the most accurate search
    EXPECT_EQ(paretoFront(in.points, false, "accuracy", "latency_ms"),
              (std::vector<std::string>{"search-0.5", "search-0.3", "search-0.1"}));
    EXPECT_EQ(costPhrase("params", 9703), "9,703 parameters");
    EXPECT_EQ(costPhrase("flash", 14487), "flash 14,487 bytes");
    EXPECT_EQ(costAxisName("macs"), "MACs");
    EXPECT_EQ(costAxisName("peak_ram"), "peak RAM in bytes");
}

TEST(Report, FormatsNumbers) {
    EXPECT_EQ(formatCount(1234567), "1,234,567");
    EXPECT_EQ(formatCount(999), "999");
    EXPECT_EQ(formatCount(-1000), "-1,000");
    EXPECT_EQ(formatCount(kNaN), "-");
    EXPECT_EQ(formatMetric("accuracy", 0.934), "93.4 %");
    EXPECT_EQ(formatMetric("macro_f1", 0.5), "50.0 %");
    EXPECT_EQ(formatMetric("mae", 0.12345), "0.123");
    EXPECT_EQ(formatMetric("loss", 12.345), "12.3");
    EXPECT_EQ(formatMetric("accuracy", kNaN), "-");
    EXPECT_EQ(formatNumber(0), "0");
    EXPECT_EQ(metricLabel("macro_f1"), "macro-F1");
    EXPECT_EQ(metricLabel("mae"), "MAE");
}

}  // namespace
}  // namespace secateur
