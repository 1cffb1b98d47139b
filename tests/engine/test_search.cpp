// The trainer: phases, determinism, observer, pause and cancellation; costs it reports.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "engine/cost/cost.h"
#include "engine/search/search.h"
#include "engine/search/task.h"
#include "engine/zoo/zoo.h"
#include "tests/engine/test_support.h"

namespace secateur {
namespace {

SearchOptions shortSearch() {
    SearchOptions o;
    o.warmupEpochs = 1;
    o.searchEpochs = 2;
    o.finetuneEpochs = 1;
    o.strength = 0.5;
    o.threads = 1;
    o.snapshotInterval = 0.0;
    return o;
}

class Recorder : public SearchObserver {
public:
    void onStep(const Snapshot& s) override { steps.push_back(s); }
    void onEpoch(const Snapshot& s) override { epochs.push_back(s); }
    std::vector<Snapshot> steps, epochs;
};

TEST(Search, IsDeterministicForASeed) {
    const Graph seed = zooModel("ecg_tcn");
    const Task task = makeSyntheticTask(seed, {128, 64, 3});
    const SearchResult a = runSearch(seed, task, shortSearch());
    const SearchResult b = runSearch(seed, task, shortSearch());
    EXPECT_EQ(a.measured.count("params"), b.measured.count("params"));
    EXPECT_EQ(a.measured.count("macs"), b.measured.count("macs"));
    EXPECT_EQ(a.metrics, b.metrics);
    ASSERT_EQ(a.decisions.layers.size(), b.decisions.layers.size());
    for (size_t i = 0; i < a.decisions.layers.size(); ++i)
        EXPECT_EQ(a.decisions.layers[i].kept, b.decisions.layers[i].kept);
}

TEST(Search, ShrinksTheNetworkAndReportsTheExportedCost) {
    const Graph seed = zooModel("ds_cnn");
    const Task task = makeSyntheticTask(seed, {512, 64, 3});
    SearchOptions options = shortSearch();
    options.strength = 2.0;
    options.searchEpochs = 4;
    Recorder recorder;
    const SearchResult result = runSearch(seed, task, options, &recorder);
    EXPECT_LT(result.measured.count("macs"), measure(seed).count("macs"));
    EXPECT_EQ(result.measured.count("macs"), measure(result.exported).count("macs"));
    ASSERT_FALSE(recorder.epochs.empty());
    const Snapshot& last = recorder.epochs.back();
    EXPECT_EQ(last.phase, "done");
    EXPECT_EQ(last.costs.at("macs"), static_cast<double>(result.measured.count("macs")));
    EXPECT_EQ(last.costs.at("params"), static_cast<double>(result.measured.count("params")));
    EXPECT_TRUE(last.metrics.count("val_accuracy"));
    // warm-up 1 + search 4 + fine-tune 1 epochs, then "done".
    EXPECT_EQ(recorder.epochs.size(), 7U);
    EXPECT_EQ(recorder.epochs[1].phase, "search");
    EXPECT_FALSE(recorder.steps.empty());
    EXPECT_EQ(recorder.steps.back().totalSteps, 6 * (512 / 32));
    // The seed's metrics are those after the warm-up.
    EXPECT_EQ(result.seedMetrics, recorder.epochs[0].metrics);
    // Per-node costs add up to the totals and equal the exported network's, node by node.
    std::map<std::string, LayerCost> exported;
    for (const LayerCost& c : measure(result.exported).layers)
        if (std::any_of(c.costs.begin(), c.costs.end(),
                        [](const auto& v) { return v.second != 0.0; }))
            exported[c.node] = c;
    ASSERT_EQ(last.layerCosts.size(), exported.size());
    CostValues sums;
    for (const LayerCost& c : last.layerCosts) {
        ASSERT_TRUE(exported.count(c.node)) << c.node;
        for (const std::string& cost : costNames()) {
            EXPECT_TRUE(
                costsAgree(cost, costValue(c.costs, cost), costValue(exported[c.node].costs, cost)))
                << c.node << " " << cost;
            sums[cost] += costValue(c.costs, cost);
        }
    }
    for (const std::string& cost : costNames())
        EXPECT_TRUE(costsAgree(cost, sums[cost], last.costs.at(cost))) << cost;
    // The snapshot names every cost it reports, with the registry's labels.
    ASSERT_EQ(last.costInfo.size(), costCatalog().size());
    for (size_t i = 0; i < last.costInfo.size(); ++i) {
        EXPECT_EQ(last.costInfo[i].name, costCatalog()[i].name);
        EXPECT_EQ(last.costInfo[i].label, costCatalog()[i].label);
    }
}

// Tells another thread how many steps the trainer has made.
class StepCounter : public SearchObserver {
public:
    void onStep(const Snapshot& s) override {
        {
            const std::lock_guard<std::mutex> lock(mutex_);
            lastStep_ = s.step;
        }
        changed_.notify_all();
    }
    // Blocks until the trainer has made `steps` steps.
    void waitForStep(int64_t steps) {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [&] { return lastStep_ >= steps; });
    }
    int64_t lastStep() {
        const std::lock_guard<std::mutex> lock(mutex_);
        return lastStep_;
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    int64_t lastStep_ = 0;
};

TEST(Search, StopsWhenCancelledFromAnotherThread) {
    const Graph seed = zooModel("ds_cnn");
    const Task task = makeSyntheticTask(seed, {256, 64, 3});
    SearchOptions options = shortSearch();
    options.searchEpochs = 1000;
    SearchControl control;
    StepCounter steps;
    std::thread canceller([&control, &steps] {
        steps.waitForStep(3);  // mid-training, whatever the machine's speed
        control.cancel = true;
    });
    const SearchResult result = runSearch(seed, task, options, &steps, &control);
    canceller.join();
    EXPECT_TRUE(result.cancelled);
    EXPECT_GE(steps.lastStep(), 3);
    EXPECT_GT(result.measured.count("params"),
              0);  // the architecture at cancellation is still exported
}

// Stopped at once, far over a flash limit: the export is repaired to meet it all the same.
TEST(Search, AStoppedSearchExportsANetworkWithinItsLimits) {
    const Graph seed = zooModel("ds_cnn");
    const Task task = makeSyntheticTask(seed, {64, 32, 3});
    SearchOptions options = shortSearch();
    const double flash = measure(seed).total("flash");
    options.limits = {{"flash", 0.3 * flash}};
    SearchControl control;
    control.cancel = true;
    const SearchResult result = runSearch(seed, task, options, nullptr, &control);
    EXPECT_TRUE(result.cancelled);
    EXPECT_TRUE(result.repair.ran);
    ASSERT_EQ(result.limits.size(), 1u);
    EXPECT_TRUE(result.limits[0].met) << result.limits[0].value << " > " << result.limits[0].limit;
    EXPECT_LE(result.measured.total("flash"), 0.3 * flash);
}

// Pauses the search at step 2 from inside the trainer's own call, so that the pause is set before
// the next step can start; another thread waits until the trainer says the pause holds, notes the
// last step then (no step may have run since) and resumes.
class PauseProbe : public SearchObserver {
public:
    explicit PauseProbe(SearchControl& control) : control_(control) {}
    void onStep(const Snapshot& s) override {
        lastStep = s.step;
        if (s.step == 2 && !paused_) {
            paused_ = true;
            control_.pause = true;
            resumer_ = std::thread([this] {
                while (!control_.holding) std::this_thread::sleep_for(std::chrono::milliseconds(5));
                stepWhilePaused = lastStep.load();
                control_.pause = false;
            });
        }
    }
    ~PauseProbe() override {
        if (resumer_.joinable()) resumer_.join();
    }
    std::atomic<int64_t> lastStep{0}, stepWhilePaused{-1};

private:
    SearchControl& control_;
    bool paused_ = false;
    std::thread resumer_;
};

TEST(Search, PausesAndResumes) {
    const Graph seed = zooModel("ecg_tcn");
    const Task task = makeSyntheticTask(seed, {128, 64, 3});
    SearchControl control;
    PauseProbe probe(control);
    const SearchResult result = runSearch(seed, task, shortSearch(), &probe, &control);
    EXPECT_FALSE(result.cancelled);
    EXPECT_EQ(probe.stepWhilePaused, 2);  // no step ran while paused
    EXPECT_GT(probe.lastStep, 2);         // and it went on afterwards
    EXPECT_FALSE(control.holding);
}

TEST(Search, RejectsAnUnknownCost) {
    const Graph seed = zooModel("ecg_tcn");
    const Task task = makeSyntheticTask(seed, {64, 32, 3});
    SearchOptions options = shortSearch();
    options.cost = "energy_per_banana";
    try {
        runSearch(seed, task, options);
        FAIL() << "expected an error";
    } catch (const std::exception& e) {
        EXPECT_NE(std::string(e.what()).find("energy_per_banana"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("params, macs"), std::string::npos);
    }
}

}  // namespace
}  // namespace secateur

namespace secateur {
namespace {

class CancelAtStep : public SearchObserver {
public:
    CancelAtStep(SearchControl& control, int64_t step) : control_(control), step_(step) {}
    void onStep(const Snapshot& s) override {
        if (s.step == step_) control_.cancel = true;
    }

private:
    SearchControl& control_;
    int64_t step_;
};

TEST(Search, ResumesFromACheckpointExactlyWhereAnUninterruptedRunEnds) {
    const Graph seed = zooModel("ecg_tcn");
    const Task task = makeSyntheticTask(seed, {128, 64, 3});
    const SearchResult uninterrupted = runSearch(seed, task, shortSearch());
    SearchOptions options = shortSearch();
    options.checkpoint = testing::TempDir() + "/secateur_resume.ckpt";
    std::filesystem::remove(options.checkpoint);
    SearchControl control;
    CancelAtStep canceller(control, 6);  // inside the search phase's first epoch
    const SearchResult stopped = runSearch(seed, task, options, &canceller, &control);
    ASSERT_TRUE(stopped.cancelled);
    ASSERT_TRUE(std::filesystem::exists(options.checkpoint));
    options.resume = true;
    const SearchResult resumed = runSearch(seed, task, options);
    EXPECT_FALSE(resumed.cancelled);
    EXPECT_EQ(resumed.measured.count("params"), uninterrupted.measured.count("params"));
    EXPECT_EQ(resumed.measured.count("macs"), uninterrupted.measured.count("macs"));
    EXPECT_EQ(resumed.metrics, uninterrupted.metrics);
    EXPECT_FALSE(uninterrupted.seedMetrics.empty());
    EXPECT_EQ(resumed.seedMetrics, uninterrupted.seedMetrics);  // kept in the checkpoint
    ASSERT_EQ(resumed.exported.nodes().size(), uninterrupted.exported.nodes().size());
    for (size_t n = 0; n < resumed.exported.nodes().size(); ++n)
        for (const auto& [name, w] : resumed.exported.nodes()[n].params)
            EXPECT_EQ(w.values, uninterrupted.exported.nodes()[n].params.at(name).values)
                << n << name;
}

}  // namespace
}  // namespace secateur
