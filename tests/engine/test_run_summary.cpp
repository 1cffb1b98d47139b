// Run folders: what a search writes, read back; projects with targets and run history.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "engine/cost/cost.h"
#include "engine/graph/serialize.h"
#include "engine/runs/run_summary.h"
#include "engine/runs/run_summary_json.h"
#include "engine/runs/seed_training.h"
#include "engine/search/task.h"
#include "engine/util/error.h"
#include "engine/zoo/zoo.h"

namespace secateur {
namespace {

namespace fs = std::filesystem;

fs::path freshFolder(const std::string& name) {
    const fs::path dir = fs::path(testing::TempDir()) / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

TEST(RunSummary, WritesTheRunFolderAndReadsItBack) {
    Project project;
    project.name = "tcn";
    project.seed.zoo = "ecg_tcn";
    project.search.warmupEpochs = 1;
    project.search.searchEpochs = 1;
    project.search.finetuneEpochs = 0;
    project.search.threads = 1;
    const Graph seed = project.loadSeed();
    const Task task = makeSyntheticTask(seed, {128, 64, 3});
    const SearchResult result = runSearch(seed, task, project.search);
    const fs::path folder = freshFolder("secateur_run") / "run-1";
    const RunSummary written = writeRun(folder.string(), project, seed, result, task.info());
    for (const char* file : {"final.pt", "final.json", "project.json", "summary.json"})
        EXPECT_TRUE(fs::exists(folder / file)) << file;

    const RunSummary read = loadRunSummary((folder / "summary.json").string());
    EXPECT_EQ(read.id, "run-1");
    EXPECT_EQ(read.name, "tcn");
    EXPECT_EQ(read.costs.at("params"), static_cast<double>(result.measured.count("params")));
    EXPECT_EQ(read.seedCosts.at("macs"), static_cast<double>(measure(seed).count("macs")));
    EXPECT_EQ(read.metrics, result.metrics);
    EXPECT_EQ(read.seedMetrics, result.seedMetrics);
    EXPECT_EQ(read.dimensions, written.dimensions);
    EXPECT_EQ(read.metric, task.info().metric);  // the task's headline metric, for the views
    EXPECT_EQ(read.lowerIsBetter, task.info().lowerIsBetter);
    EXPECT_EQ(headlineValue(read.metrics, read.metric), read.metrics.at("val_" + read.metric));
    ASSERT_EQ(read.decisions.layers.size(), result.decisions.layers.size());
    for (size_t i = 0; i < read.decisions.layers.size(); ++i) {
        const LayerDecision& a = read.decisions.layers[i];
        const LayerDecision& b = result.decisions.layers[i];
        EXPECT_EQ(a.node, b.node);
        EXPECT_EQ(a.kept, b.kept);
        EXPECT_EQ(a.keepProbability, b.keepProbability);
        EXPECT_EQ(a.kernel, b.kernel);
        EXPECT_EQ(a.dimensions.size(), b.dimensions.size());
    }
    EXPECT_EQ(read.layerCosts.size(), result.measured.layers.size());

    // Export from the folder gives the same network as the search's.
    const fs::path target = folder / "again.pt";
    exportRun(folder.string(), "torchscript", target.string());
    EXPECT_TRUE(fs::exists(target));
    EXPECT_THROW(exportRun(folder.string(), "onnx", target.string()), Error);
}

// A summary written before summaries named their metric: a regression's (val_mae, no accuracy)
// reads back as MAE, lower is better; a classification's as accuracy.
TEST(RunSummary, AnOlderSummaryWithoutItsMetricIsJudgedByWhatItMeasured) {
    const fs::path folder = freshFolder("secateur_old_summary") / "run-1";
    fs::create_directories(folder);
    RunSummary regression;
    regression.task = "synthetic";
    regression.metrics = {{"val_mae", 0.25}, {"val_loss", 0.1}};
    nlohmann::json j = runSummaryJson(regression);
    j.erase("metric");
    j.erase("lower_is_better");
    std::ofstream((folder / "summary.json").string()) << j.dump();
    const RunSummary read = loadRunSummary((folder / "summary.json").string());
    EXPECT_EQ(read.metric, "mae");
    EXPECT_TRUE(read.lowerIsBetter);
    EXPECT_EQ(headlineValue(read.metrics, read.metric), 0.25);

    RunSummary classification = regression;
    classification.metrics = {{"val_accuracy_0", 0.75}, {"val_mae_1", 0.5}};
    j = runSummaryJson(classification);
    j.erase("metric");
    std::ofstream((folder / "summary.json").string()) << j.dump();
    const RunSummary classified = loadRunSummary((folder / "summary.json").string());
    EXPECT_EQ(classified.metric, "accuracy");
    EXPECT_FALSE(classified.lowerIsBetter);
    EXPECT_EQ(headlineValue(classified.metrics, classified.metric), 0.75);
}

// Counts the warm-up epochs an observer sees.
struct WarmupEpochs : SearchObserver {
    int seen = 0;
    void onEpoch(const Snapshot& s) override { seen += s.phase == "warmup" ? 1 : 0; }
};

TEST(RunSummary, SingleSearchStartsFromTheTrainedSeed) {
    const char* before = std::getenv("SECATEUR_CACHE");
    const std::string previous = before ? before : "";
    const fs::path cache = freshFolder("secateur_single_search_cache");
    ::setenv("SECATEUR_CACHE", cache.c_str(), 1);
    Project project;
    project.name = "tcn";
    project.seed.zoo = "ecg_tcn";
    project.search.warmupEpochs = 3;  // skipped: the trained seed replaces the warm-up
    project.search.searchEpochs = 1;
    project.search.finetuneEpochs = 0;
    project.search.threads = 1;
    Budget demo;
    demo.seedEpochs = 2;
    demo.maxTrainSamples = 64;
    project.budgets["demo"] = demo;
    const Graph seed = project.loadSeed();
    const Task task = makeSyntheticTask(seed, {128, 64, 3});

    WarmupEpochs first;
    const std::optional<SingleSearch> run =
        searchFromTrainedSeed(project, seed, task, &first, nullptr);
    ASSERT_TRUE(run);
    EXPECT_EQ(first.seen, 2);  // the seed's own training, reported as the warm-up
    EXPECT_EQ(run->seedTrainedEpochs, 2);
    EXPECT_EQ(measure(run->start).count("params"), measure(seed).count("params"));
    ASSERT_TRUE(run->result.seedMetrics.count("val_accuracy"));

    WarmupEpochs second;  // the seed now comes from the cache, and the search is the same
    const std::optional<SingleSearch> again =
        searchFromTrainedSeed(project, seed, task, &second, nullptr);
    ASSERT_TRUE(again);
    EXPECT_EQ(second.seen, 0);
    EXPECT_EQ(again->result.seedMetrics, run->result.seedMetrics);
    EXPECT_EQ(again->result.metrics, run->result.metrics);

    const fs::path folder = freshFolder("secateur_single_search") / "run-1";
    writeRun(folder.string(), project, run->start, run->result, task.info(),
             run->seedTrainedEpochs);
    const RunSummary read = loadRunSummary((folder / "summary.json").string());
    EXPECT_EQ(read.seedTrainedEpochs, 2);
    EXPECT_EQ(read.seedMetrics, run->result.seedMetrics);

    SearchControl stop;  // stopped while the seed trains: no search, the checkpoint stays
    stop.cancel = true;
    project.budgets["demo"].seedEpochs = 3;
    EXPECT_FALSE(searchFromTrainedSeed(project, seed, task, nullptr, &stop));
    if (previous.empty())
        ::unsetenv("SECATEUR_CACHE");
    else
        ::setenv("SECATEUR_CACHE", previous.c_str(), 1);
}

TEST(RunSummary, ABrokenSummaryNamesTheFileAndField) {
    const fs::path folder = freshFolder("secateur_broken_run");
    std::ofstream(folder / "summary.json") << R"({"costs": {"params": 1}, "seed": {}})";
    try {
        loadRunSummary((folder / "summary.json").string());
        FAIL() << "expected an error";
    } catch (const Error& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("summary.json"), std::string::npos) << message;
        EXPECT_NE(message.find("'seed'"), std::string::npos) << message;
    }
}

TEST(Project, KeepsTargetsAndRunFoldersRelativeToTheFile) {
    const fs::path dir = freshFolder("secateur_project");
    Project project;
    project.seed.torchscript = (dir / "seeds" / "kws.pt").string();
    project.seed.inputShapes = {{1, 1, 49, 10}};
    setLimit(project.search.limits, "flash", 64 * 1024.0);
    setLimit(project.search.limits, "peak_ram", 20.5 * 1024);
    project.runs = {(dir / "p.runs" / "run-1").string()};
    project.save((dir / "p.secproj").string());
    std::ifstream in(dir / "p.secproj");
    const std::string text((std::istreambuf_iterator<char>(in)), {});
    EXPECT_NE(text.find("\"p.runs/run-1\""), std::string::npos) << text;
    EXPECT_NE(text.find("\"seeds/kws.pt\""), std::string::npos) << text;

    // Moving the project with its runs keeps the history.
    const fs::path moved = freshFolder("secateur_project_moved");
    fs::copy(dir, moved, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    const Project loaded = Project::load((moved / "p.secproj").string());
    EXPECT_EQ(limitOn(loaded.search.limits, "flash"), 64.0 * 1024);
    EXPECT_EQ(limitOn(loaded.search.limits, "peak_ram"), 20.5 * 1024);
    EXPECT_EQ(fs::path(loaded.seed.torchscript).lexically_normal(),
              (moved / "seeds" / "kws.pt").lexically_normal());
    ASSERT_EQ(loaded.runs.size(), 1U);
    EXPECT_EQ(fs::path(loaded.runs[0]).lexically_normal(),
              (moved / "p.runs" / "run-1").lexically_normal());
}

TEST(Project, RejectsNegativeLimits) {
    const fs::path dir = freshFolder("secateur_bad_targets");
    std::ofstream(dir / "p.json") << R"({"seed": {"zoo": "ds_cnn"}, "targets": {"flash_kb": -1}})";
    try {
        Project::load((dir / "p.json").string());
        FAIL() << "expected an error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("targets"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace secateur
