// secateur-bench-data: what the data layer costs. Per ready project: the time to compute its
// features (into a fresh cache), and one training epoch fed by the data layer (memory-mapped
// cache, per-batch row gathers, augmentation) against the same epoch fed from tensors already in
// memory, with the same augmentation. After one discarded warm-up pair, rounds alternate which of
// the two goes first (an even number, so neither gets the first slot more often); the ratio is
// the median of the rounds' ratios.
//
//   secateur-bench-data --out bench/results/data.json --markdown BENCHMARKS.md
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "bench/report.h"
#include "engine/data/augment.h"
#include "engine/data/data_task.h"
#include "engine/project/project.h"
#include "engine/search/search.h"
#include "engine/search/task_data.h"

namespace secateur::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point since) {
    return std::chrono::duration<double>(Clock::now() - since).count();
}

// The same task with the training split read into one tensor first, augmented as the data layer
// augments it.
Task inMemory(const Task& task, const DataTask& cached, const DataSpec& spec) {
    const BatchSource& features = *cached.features->train;
    auto data = std::make_shared<TaskData>(task.data());
    SharedSource train = std::make_shared<TensorSource>(features.range(0, features.size()));
    const int64_t shift = nlohmann::json::parse(dataSettings(spec)).value("augment_shift", 0);
    if (shift > 0) train = std::make_shared<TimeShiftSource>(train, shift);
    data->train = train;
    return Task(task.info(), data);
}

double epochSeconds(const Graph& seed, const Task& task, const SearchOptions& base) {
    SearchOptions o = base;
    o.dimensions.clear();
    o.warmupEpochs = 1;
    o.searchEpochs = 0;
    o.finetuneEpochs = 0;
    o.maxEvalSamples = 64;
    const auto began = Clock::now();
    runSearch(seed, task, o);
    return seconds(began);
}

struct Row {
    std::string project;
    int64_t samples = 0;
    double featureSeconds = 0.0, dataMedian = 0.0, memoryMedian = 0.0, ratio = 0.0;
};

}  // namespace
}  // namespace secateur::bench

namespace {

int run(int argc, char** argv) {
    using namespace secateur;
    using namespace secateur::bench;
    std::string out = "bench/results/data.json", markdown;
    std::vector<std::string> projects{"kws", "ecg", "presence", "occupancy", "image"};
    int rounds = 6, threads = 2;
    int64_t samples = 2048;
    if (argc % 2 == 0) {
        std::cerr << "secateur-bench-data: every option takes a value\n";
        return 2;
    }
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i], v = argv[i + 1];
        if (a == "--out")
            out = v;
        else if (a == "--markdown")
            markdown = v;
        else if (a == "--rounds")
            rounds = std::stoi(v);
        else if (a == "--threads")
            threads = std::stoi(v);
        else if (a == "--samples")
            samples = std::stoll(v);
        else if (a == "--projects")
            projects = splitList(v);
        else {
            std::cerr << "usage: secateur-bench-data [--out F.json] [--markdown F.md] [--rounds N]"
                         " [--threads N] [--samples N] [--projects a,b]\n";
            return 2;
        }
    }
    if (rounds < 2 || rounds % 2) {
        std::cerr << "secateur-bench-data: --rounds must be even (each order as often), got "
                  << rounds << "\n";
        return 2;
    }
    const fs::path cache = fs::temp_directory_path() / "secateur-bench-data-cache";
    std::vector<Row> rows;
    for (const std::string& name : projects) {
        fs::remove_all(cache);
        ::setenv("SECATEUR_CACHE", cache.string().c_str(), 1);
        Project project = Project::load(SECATEUR_PROJECTS_DIR "/" + name + ".json");
        project.search.maxTrainSamples = samples;
        project.search.threads = threads;
        Row row{name};
        const auto began = Clock::now();
        const DataTask data = makeDataTask(project.dataSpec());
        row.featureSeconds = seconds(began);
        auto [seed, task] = project.loadSeedAndTask();
        const Task memory = inMemory(task, data, project.dataSpec());
        row.samples = std::min<int64_t>(samples, task.info().trainSize);
        epochSeconds(seed, task, project.search);  // warm-up pair, not counted
        epochSeconds(seed, memory, project.search);
        std::vector<double> a, b, ratios;
        for (int r = 0; r < rounds; ++r) {
            const bool memoryFirst = r % 2 == 1;
            if (memoryFirst) b.push_back(epochSeconds(seed, memory, project.search));
            a.push_back(epochSeconds(seed, task, project.search));
            if (!memoryFirst) b.push_back(epochSeconds(seed, memory, project.search));
            ratios.push_back(a.back() / b.back());
        }
        row.dataMedian = summarize(a).median;
        row.memoryMedian = summarize(b).median;
        row.ratio = summarize(ratios).median;
        std::cerr << name << ": features " << row.featureSeconds << " s, epoch " << row.dataMedian
                  << " s (data layer) vs " << row.memoryMedian << " s (in memory)\n";
        rows.push_back(row);
    }
    fs::remove_all(cache);
    const MachineInfo machine = describeMachine();
    nlohmann::json j{{"machine",
                      {{"cpu", machine.cpu},
                       {"logical_cpus", machine.logicalCpus},
                       {"threads", threads},
                       {"date", machine.date}}},
                     {"rounds", rounds},
                     {"samples_per_epoch", samples},
                     {"projects", nlohmann::json::array()}};
    std::ostringstream table;
    table << "Machine: " << machine.cpu << ", " << machine.logicalCpus << " logical CPUs, "
          << threads << " threads; " << machine.date << ". One training epoch of each project's "
          << "seed (at most " << samples << " samples, validation on 64, the same augmentation on "
          << "both sides); epoch times are medians of " << rounds << " rounds after a discarded "
          << "warm-up pair, the order of the two alternating; the ratio is the median of the "
          << "rounds' ratios. Features: computed into an empty cache (includes reading and "
          << "checking the files).\n\n"
          << "| project | samples / epoch | features s | epoch s, data layer | epoch s, in memory "
             "| data / memory (target <= 1.05) |\n| --- | ---: | ---: | ---: | ---: | ---: |\n";
    for (const Row& r : rows) {
        const double ratio = r.ratio;
        j["projects"].push_back({{"project", r.project},
                                 {"samples", r.samples},
                                 {"feature_seconds", r.featureSeconds},
                                 {"epoch_seconds_data_layer", r.dataMedian},
                                 {"epoch_seconds_in_memory", r.memoryMedian},
                                 {"ratio", ratio}});
        table << "| " << r.project << " | " << r.samples << " | " << std::fixed
              << std::setprecision(2) << r.featureSeconds << " | " << r.dataMedian << " | "
              << r.memoryMedian << " | " << std::setprecision(3) << ratio
              << (ratio <= 1.05 ? " ✓" : " ✗") << " |\n";
    }
    fs::create_directories(fs::path(out).parent_path());
    writeFileAtomically(out, j.dump(2) + "\n");
    if (!markdown.empty()) replaceMarkedSection(markdown, "data", "## Data layer", table.str());
    std::cerr << "wrote " << out << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "secateur-bench-data: " << e.what() << "\n";
        return 1;
    }
}
