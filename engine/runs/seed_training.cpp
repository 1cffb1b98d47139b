#include "engine/runs/seed_training.h"

#include <chrono>
#include <filesystem>
#include <fstream>

#include "engine/data/dataset.h"
#include "engine/data/sha256.h"
#include "engine/graph/serialize.h"
#include "engine/runs/run_folder.h"
#include "engine/util/atomic_file.h"

namespace secateur {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class SeedObserver : public SearchObserver {
public:
    explicit SeedObserver(SweepObserver* observer) : observer_(observer) {}
    void onStep(const Snapshot& s) override {
        if (observer_) observer_->onSnapshot(kSeedPoint, s, false);
    }
    void onEpoch(const Snapshot& s) override {
        if (observer_) observer_->onSnapshot(kSeedPoint, s, true);
    }

private:
    SweepObserver* observer_;
};

// Changes with the seed's structure and weights, the data and every training setting.
std::string seedKey(const Graph& seed, const Task& task, const SearchOptions& o) {
    const fs::path scratch =
        fs::temp_directory_path() / ("secateur-seed-" + uniqueSuffix() + ".json");
    saveGraph(seed, scratch.string());
    const std::string graph = sha256File(scratch.string()) + sha256File(scratch.string() + ".bin");
    fs::remove(scratch);
    fs::remove(scratch.string() + ".bin");
    const json settings{
        {"epochs", o.warmupEpochs}, {"batch", o.batchSize},         {"rate", o.learningRate},
        {"seed", o.seed},           {"samples", o.maxTrainSamples}, {"eval", o.maxEvalSamples},
        {"cosine", o.cosineDecay},  {"data", task.info().dataKey},  {"version", 1}};
    return sha256Bytes(graph + settings.dump()).substr(0, 20);
}

}  // namespace

std::optional<TrainedSeed> trainSeed(const Project& project, const Graph& seed, const Task& task,
                                     const Budget& budget, int threads, SweepObserver* observer,
                                     SearchControl* control) {
    SearchOptions o = project.search;
    o.dimensions.clear();
    o.limits.clear();  // the seed is trained as it is; the searches meet the limits
    o.warmupEpochs = budget.seedEpochs;
    o.searchEpochs = 0;
    o.finetuneEpochs = 0;
    o.maxTrainSamples = budget.maxTrainSamples;
    o.maxEvalSamples = budget.maxEvalSamples;
    o.threads = threads;
    const fs::path folder = featureCacheRoot().parent_path() / "seeds" / seedKey(seed, task, o);
    const fs::path graphFile = folder / "trained.json", recordFile = folder / "record.json";
    TrainedSeed trained;
    trained.cacheFolder = folder.string();
    if (fs::exists(recordFile) && fs::exists(graphFile)) {
        if (observer) observer->onMessage("trained seed from the cache " + folder.string());
        trained.graph = loadGraph(graphFile.string());
        std::ifstream in(recordFile);
        trained.record = pointRecordFromJson(json::parse(in), recordFile.string());
        return trained;
    }
    fs::create_directories(folder);
    o.checkpoint = (folder / "checkpoint.pt").string();
    o.resume = true;
    if (observer)
        observer->onMessage("training the seed for " + std::to_string(budget.seedEpochs) +
                            " epochs (cached in " + folder.string() + ")");
    SeedObserver forward(observer);
    const auto began = std::chrono::steady_clock::now();
    const SearchResult result = runSearch(seed, task, o, &forward, control);
    if (result.cancelled) return std::nullopt;
    trained.graph = result.exported;
    trained.record = pointRecordOf(
        kSeedPoint, PointKind::Seed, project.seed.width, result,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count());
    const PointRecord& r = trained.record;
    saveGraph(trained.graph, graphFile.string());
    writeFileAtomically(recordFile.string(), pointRecordJson(r).dump(1) + "\n");
    fs::remove(o.checkpoint);
    return trained;
}

namespace {

// The seed's training reported as the warm-up of a search.
class AsWarmup : public SweepObserver {
public:
    explicit AsWarmup(SearchObserver* observer) : observer_(observer) {}
    void onSnapshot(const std::string& /*point*/, const Snapshot& s, bool epoch) override {
        if (!observer_) return;
        if (epoch)
            observer_->onEpoch(s);
        else
            observer_->onStep(s);
    }

private:
    SearchObserver* observer_;
};

}  // namespace

const Budget* singleSearchSeedBudget(const Project& project) {
    const auto demo = project.budgets.find("demo");
    return demo == project.budgets.end() ? nullptr : &demo->second;
}

std::optional<SingleSearch> searchFromTrainedSeed(const Project& project, const Graph& seed,
                                                  const Task& task, SearchObserver* observer,
                                                  SearchControl* control) {
    SingleSearch run;
    run.start = seed;
    SearchOptions& o = run.options;
    o = project.search;
    const Budget* seedBudget = singleSearchSeedBudget(project);
    if (!seedBudget) {
        run.result = runSearch(seed, task, o, observer, control);
        return run;
    }
    const Budget& budget = *seedBudget;
    AsWarmup forward(observer);
    const std::optional<TrainedSeed> trained =
        trainSeed(project, seed, task, budget, o.threads, &forward, control);
    if (!trained) return std::nullopt;
    run.start = trained->graph;
    run.seedTrainedEpochs = budget.seedEpochs;
    o.warmupEpochs = 0;
    if (o.maxTrainSamples == 0) o.maxTrainSamples = budget.maxTrainSamples;
    if (o.maxEvalSamples == 0) o.maxEvalSamples = budget.maxEvalSamples;
    run.result = runSearch(run.start, task, o, observer, control);
    run.result.seedMetrics.clear();
    for (const auto& [key, value] : trained->record.validation)
        run.result.seedMetrics["val_" + key] = value;
    return run;
}

}  // namespace secateur
