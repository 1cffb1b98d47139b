// Sweeps through the command-line tool: a minimal sweep per ready project, kill and resume,
// parallel point processes, run folder contents and project errors.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "engine/runs/sweep.h"
#include "engine/util/error.h"
#include "tests/engine/test_support.h"

extern char** environ;

namespace secateur {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct CliResult {
    int status = -1;
    std::string out, err;
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p);
    return {std::istreambuf_iterator<char>(in), {}};
}

fs::path scratch(const std::string& name) {
    const fs::path p = fs::path(testing::TempDir()) / ("secateur_sweep_" + name);
    fs::remove_all(p);
    fs::create_directories(p);
    return p;
}

CliResult cli(const std::string& args, const std::string& env = "") {
    const fs::path dir = fs::path(testing::TempDir());
    const fs::path out = dir / "sweep_stdout.txt", err = dir / "sweep_stderr.txt";
    const std::string command =
        env + " " + SECATEUR_CLI + " " + args + " > " + out.string() + " 2> " + err.string();
    const int status = std::system(command.c_str());
    return {WEXITSTATUS(status), slurp(out), slurp(err)};
}

std::string project(const std::string& name) {
    return std::string(SECATEUR_SOURCE_DIR) + "/projects/" + name + ".json";
}

json readJson(const fs::path& p) {
    std::ifstream in(p);
    return json::parse(in);
}

// metrics.jsonl without the wall times.
std::vector<json> metricsOf(const fs::path& run) {
    std::vector<json> lines;
    std::ifstream in(run / "metrics.jsonl");
    std::string line;
    while (std::getline(in, line)) {
        json j = json::parse(line);
        j.erase("wall_seconds");
        lines.push_back(j);
    }
    return lines;
}

void expectMetricObject(const json& j, const std::string& where) {
    for (const char* key : {"accuracy", "balanced_accuracy", "macro_f1"}) {
        ASSERT_TRUE(j.contains(key)) << where << " lacks " << key << ": " << j.dump();
        EXPECT_GE(j.at(key).get<double>(), 0.0);
        EXPECT_LE(j.at(key).get<double>(), 1.0);
    }
}

class SweepTask : public testing::TestWithParam<std::string> {};

TEST_P(SweepTask, MinimalSweepWritesTheRunFolder) {
    const fs::path out = scratch(GetParam());
    const CliResult run =
        cli("search " + project(GetParam()) + " --budget smoke --threads 1 --out " + out.string());
    ASSERT_EQ(run.status, 0) << run.err;
    const json seed = readJson(out / "seed.json");
    EXPECT_EQ(seed.at("kind"), "seed");
    EXPECT_GT(seed.at("params").get<int64_t>(), 0);
    expectMetricObject(seed.at("test"), "seed.json test");
    const std::vector<json> lines = metricsOf(out);
    ASSERT_EQ(lines.size(), 2U) << slurp(out / "metrics.jsonl");
    for (const json& line : lines) {
        const std::string name = line.at("name");
        const json point = readJson(out / "points" / (name + ".json"));
        EXPECT_TRUE(point.at("kind") == "search" || point.at("kind") == "baseline") << name;
        EXPECT_GT(point.at("params").get<int64_t>(), 0);
        EXPECT_GT(point.at("macs").get<int64_t>(), 0);
        expectMetricObject(point.at("validation"), name + " validation");
        expectMetricObject(point.at("test"), name + " test");
        EXPECT_TRUE(fs::exists(out / "points" / (name + ".pt"))) << name;
        EXPECT_TRUE(fs::exists(out / "snapshots" / (name + ".jsonl"))) << name;
    }
    const std::string html = slurp(out / "report.html");
    EXPECT_NE(html.find("<svg"), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_TRUE(fs::exists(out / "report.md"));
    fs::remove_all(out);
}

INSTANTIATE_TEST_SUITE_P(SweepProjects, SweepTask,
                         testing::Values("kws", "ecg", "presence", "occupancy", "image"));

// A small occupancy sweep written for these tests.
fs::path smallProject(const fs::path& dir) {
    const json p{{"name", "kill test"},
                 {"seed", {{"zoo", "ecg_tcn"}}},
                 {"task", "occupancy"},
                 {"search", {{"dimensions", {"channels", "kernels"}}, {"cost", "params"}}},
                 {"budgets",
                  {{"tiny",
                    {{"seed_epochs", 2},
                     {"search_epochs", 2},
                     {"finetune_epochs", 1},
                     {"strengths", {0.5}},
                     {"widths", {0.5}},
                     {"max_train_samples", 640}}}}}};
    const fs::path file = dir / "tiny.json";
    std::ofstream(file) << p.dump(2);
    return file;
}

pid_t start(const std::string& command) {
    std::string c = "exec " + command + " > /dev/null 2>&1";
    std::vector<char*> argv{const_cast<char*>("/bin/sh"), const_cast<char*>("-c"), c.data(),
                            nullptr};
    pid_t pid = 0;
    EXPECT_EQ(posix_spawn(&pid, "/bin/sh", nullptr, nullptr, argv.data(), environ), 0);
    return pid;
}

TEST(Sweep, KilledAnyTimeAndResumedEndsLikeAnUninterruptedRun) {
    const fs::path dir = scratch("kill");
    const fs::path file = smallProject(dir);
    const std::string base = std::string(SECATEUR_CLI) + " search " + file.string() +
                             " --budget tiny --threads 1 --out ";
    const CliResult whole = cli(
        "search " + file.string() + " --budget tiny --threads 1 --out " + (dir / "whole").string(),
        "SECATEUR_CACHE=" + (dir / "cache-whole").string());
    ASSERT_EQ(whole.status, 0) << whole.err;
    // Killed at several moments (seed training, points), each time resumed.
    const std::string env = "SECATEUR_CACHE=" + (dir / "cache-killed").string() + " ";
    int kills = 0;
    for (const int ms : {700, 1500, 2500, 3500}) {
        const pid_t pid = start(env + base + (dir / "killed").string() + " --resume");
        std::this_thread::sleep_for(std::chrono::milliseconds(ms));
        kills += ::kill(pid, SIGKILL) == 0 ? 1 : 0;
        int status = 0;
        ::waitpid(pid, &status, 0);
    }
    EXPECT_GE(kills, 2);
    const CliResult resumed =
        cli("search " + file.string() + " --budget tiny --threads 1 --resume --out " +
                (dir / "killed").string(),
            env);
    ASSERT_EQ(resumed.status, 0) << resumed.err;
    EXPECT_EQ(metricsOf(dir / "whole"), metricsOf(dir / "killed"));
    json a = readJson(dir / "whole" / "seed.json"), b = readJson(dir / "killed" / "seed.json");
    EXPECT_EQ(a.at("test"), b.at("test"));
    // A finished point is never recomputed.
    const auto stamp = fs::last_write_time(dir / "killed" / "points" / "search-0.5.json");
    const CliResult again =
        cli("search " + file.string() + " --budget tiny --threads 1 --resume --out " +
                (dir / "killed").string(),
            env);
    ASSERT_EQ(again.status, 0) << again.err;
    EXPECT_EQ(stamp, fs::last_write_time(dir / "killed" / "points" / "search-0.5.json"));
    // Points in parallel processes give what one process gives.
    const CliResult jobs =
        cli("search " + file.string() + " --budget tiny --threads 1 --jobs 2 --out " +
                (dir / "jobs").string(),
            "SECATEUR_CACHE=" + (dir / "cache-whole").string());
    ASSERT_EQ(jobs.status, 0) << jobs.err;
    EXPECT_EQ(metricsOf(dir / "whole"), metricsOf(dir / "jobs"));
    fs::remove_all(dir);
}

// Under a flash limit the search points meet it (repaired if need be) and the width baselines,
// trained as they are, report whether they meet it; the seed is trained without it.
TEST(Sweep, SearchPointsMeetTheLimitsAndBaselinesReportThem) {
    const fs::path dir = scratch("limits");
    const CliResult run = cli("search " + project("occupancy") +
                              " --budget smoke --limit flash=3k --out " + dir.string());
    ASSERT_EQ(run.status, 0) << run.err;
    const json search = readJson(dir / "points" / "search-1.json");
    EXPECT_TRUE(search.at("limits_met").get<bool>()) << search.at("limits").dump();
    EXPECT_LE(search.at("flash").get<int64_t>(), 3072);
    EXPECT_EQ(search.at("limits").at(0).at("cost"), "flash");
    const json baseline = readJson(dir / "points" / "width-0.5.json");
    ASSERT_EQ(baseline.at("limits").size(), 1u);
    EXPECT_EQ(baseline.at("limits_met").get<bool>(), baseline.at("flash").get<int64_t>() <= 3072);
    EXPECT_FALSE(baseline.at("repair").at("ran").get<bool>());
    // The run folder carries the limit, for the limit lines of the sweep page's Pareto chart.
    const secateur::SweepRun opened = secateur::loadSweepRun(dir.string());
    ASSERT_EQ(opened.limits.size(), 1u);
    EXPECT_EQ(opened.limits[0].cost, "flash");
    EXPECT_EQ(opened.limits[0].value, 3072.0);
    fs::remove_all(dir);
}

// With the precision dimension, the width baselines store their weights at 8 bits as the search
// points do, so that the Pareto chart compares networks stored alike.
TEST(Sweep, BaselinesOfAPrecisionSweepAreQuantisedAsItsSearchPoints) {
    const fs::path dir = scratch("precision");
    const CliResult run = cli("search " + project("occupancy") +
                              " --budget smoke --dims channels,precision --out " + dir.string());
    ASSERT_EQ(run.status, 0) << run.err;
    for (const char* point : {"width-0.5", "search-1"}) {
        const json graph = readJson(dir / "points" / (std::string(point) + ".graph.json"));
        int quantised = 0;
        for (const json& node : graph.at("nodes")) {
            const std::string op = node.at("op");
            if (op != "conv" && op != "linear") continue;
            ASSERT_TRUE(node.at("attrs").contains("weight_bits")) << point << " " << node.dump();
            ++quantised;
        }
        EXPECT_GT(quantised, 0) << point;
    }
    fs::remove_all(dir);
}

// A limit sweep adds one search point per value, each meeting its own limit, and an unreachable
// value stops the sweep before the seed trains, naming the point.
TEST(Sweep, LimitSweepPointsEachMeetTheirLimit) {
    const fs::path dir = scratch("limit_sweep");
    const CliResult run = cli("search " + project("occupancy") +
                              " --budget smoke --limit-sweep flash=6k,3k --out " + dir.string());
    ASSERT_EQ(run.status, 0) << run.err;
    for (const auto& [name, bytes] : {std::pair{"flash-3k", 3072}, std::pair{"flash-6k", 6144}}) {
        const json point = readJson(dir / "points" / (std::string(name) + ".json"));
        EXPECT_EQ(point.at("kind"), "search");
        EXPECT_EQ(point.at("setting").get<double>(), bytes);
        ASSERT_EQ(point.at("limits").size(), 1u) << point.at("limits").dump();
        EXPECT_EQ(point.at("limits").at(0).at("limit").get<double>(), bytes);
        EXPECT_TRUE(point.at("limits_met").get<bool>());
        EXPECT_LE(point.at("flash").get<int64_t>(), bytes);
    }
    EXPECT_TRUE(fs::exists(dir / "points" / "search-1.json"));  // the budget's own strength
    EXPECT_EQ(metricsOf(dir).size(), 4u);
    EXPECT_EQ(readJson(dir / "project.json").at("budgets").at("smoke").at("limit_sweep").at("cost"),
              "flash");

    const fs::path tiny = scratch("limit_sweep_tiny");
    const CliResult refused =
        cli("search " + project("occupancy") + " --budget smoke --limit-sweep flash=10,3k --out " +
            tiny.string());
    EXPECT_NE(refused.status, 0);
    EXPECT_NE(refused.err.find("point flash-10"), std::string::npos) << refused.err;
    EXPECT_EQ(refused.err.find("seed: training"), std::string::npos) << refused.err;
    fs::remove_all(dir);
    fs::remove_all(tiny);
}

TEST(Sweep, LimitSweepBudgetsPlanOnePointPerValue) {
    const fs::path dir = scratch("limit_plan");
    const auto load = [&](const json& sweep) {
        std::ofstream(dir / "p.json")
            << json{{"seed", {{"zoo", "ds_cnn"}}}, {"budgets", {{"mem", {{"limit_sweep", sweep}}}}}}
                   .dump();
        return Project::load((dir / "p.json").string());
    };
    const Project project = load({{"cost", "ram"}, {"values", {"16k", 8192, 1.5 * 1024 * 1024}}});
    std::vector<std::string> names;
    for (const PointPlan& p : planPoints(project.budget("mem"))) names.push_back(p.name);
    EXPECT_EQ(names, (std::vector<std::string>{"width-0.25", "width-0.5", "width-0.75", "width-1",
                                               "peak_ram-8k", "peak_ram-16k", "peak_ram-1536k"}));
    const PointPlan last = planPoints(project.budget("mem")).back();
    ASSERT_TRUE(last.limit);
    EXPECT_EQ(last.limit->cost, "peak_ram");
    EXPECT_EQ(last.setting, 1.5 * 1024 * 1024);
    const std::string bad = errorOf([&] { load({{"cost", "flash"}, {"values", {-1}}}); });
    EXPECT_NE(bad.find("budgets.mem: limit_sweep"), std::string::npos) << bad;
    EXPECT_NE(bad.find("must be positive"), std::string::npos) << bad;
    EXPECT_NE(errorOf([&] {
                  load({{"cost", "flsh"}, {"values", {1}}});
              }).find("did you mean"),
              std::string::npos);
    fs::remove_all(dir);
}

TEST(Sweep, RefusesAFolderHoldingAnotherRunWithoutResume) {
    const fs::path dir = scratch("refuse");
    std::ofstream(dir / "something.txt") << "x";
    const CliResult run =
        cli("search " + project("occupancy") + " --budget smoke --out " + dir.string());
    EXPECT_NE(run.status, 0);
    EXPECT_NE(run.err.find("--resume"), std::string::npos) << run.err;
    fs::remove_all(dir);
}

TEST(Sweep, ProjectErrorsNameTheFieldAndTheWayOut) {
    const fs::path dir = scratch("errors");
    const auto write = [&](const json& j) {
        std::ofstream(dir / "p.json") << j.dump();
        return (dir / "p.json").string();
    };
    CliResult run = cli("search " + write({{"seed", {{"zoo", "ds_cnn"}}}, {"tsak", "kws"}}) +
                        " --out " + (dir / "o").string());
    EXPECT_NE(run.err.find("unknown field 'tsak' (did you mean 'task'?)"), std::string::npos)
        << run.err;
    run = cli("search " + write({{"seed", {{"zoo", "ds_cnn"}}}, {"task", "kwz"}}) + " --out " +
              (dir / "o").string());
    EXPECT_NE(run.err.find("did you mean 'kws'"), std::string::npos) << run.err;
    run = cli("search " + project("kws") + " --budget demoo --out " + (dir / "o").string());
    EXPECT_NE(run.err.find("did you mean 'demo'"), std::string::npos) << run.err;
    run = cli("search " + project("occupancy") + " --budget smoke --out " + (dir / "o").string(),
              "SECATEUR_DATA=" + (dir / "nothing").string() + " SECATEUR_CACHE=" +
                  (dir / "cache").string() + " XDG_DATA_HOME=" + (dir / "home").string());
    EXPECT_NE(run.status, 0);
    EXPECT_NE(run.err.find((dir / "nothing").string()), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("secateur data get occupancy"), std::string::npos) << run.err;
    fs::remove_all(dir);
}

TEST(Sweep, ZooSeedOnTheUsersOwnFolder) {
    const fs::path dir = scratch("own");
    for (int i = 0; i < 24; ++i)
        for (const auto& [cls, offset] : {std::pair{"low", 0.0}, std::pair{"high", 3.0}}) {
            fs::create_directories(dir / "data" / cls);
            std::ofstream f(dir / "data" / cls / (std::to_string(i) + ".csv"));
            f << "a,b\n";
            for (int r = 0; r < 32; ++r) f << offset + 0.1 * r << "," << (r + i) % 3 << "\n";
        }
    CliResult run = cli("data inspect " + (dir / "data").string());
    EXPECT_EQ(run.status, 0) << run.err;
    EXPECT_NE(run.out.find("2 classes"), std::string::npos) << run.out;
    run = cli("search --zoo ecg_tcn --data " + (dir / "data").string() +
              " --budget demo --threads 1 --out " + (dir / "run").string());
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_TRUE(fs::exists(dir / "run" / "seed.json"));
    fs::create_directories(dir / "data" / "empty");
    run = cli("data inspect " + (dir / "data").string());
    EXPECT_NE(run.status, 0);
    EXPECT_NE(run.out.find("empty/: empty class"), std::string::npos) << run.out;
    fs::remove_all(dir);
}

}  // namespace
}  // namespace secateur
