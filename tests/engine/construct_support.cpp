#include "tests/engine/construct_support.h"

#include <gtest/gtest.h>
#include <torch/script.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "engine/cost/cost.h"
#include "engine/exec/run_graph.h"
#include "engine/export/prune.h"
#include "engine/export/torchscript/torchscript_export.h"
#include "engine/graph/channels.h"
#include "engine/import/torchscript_import.h"
#include "engine/search/search.h"
#include "engine/search/task.h"
#include "engine/util/error.h"
#include "tests/engine/file_round_trip.h"
#include "tests/engine/python_script.h"
#include "tests/engine/seed_list.h"
#include "tests/engine/test_support.h"

namespace secateur::construct_tests {
namespace {
using nlohmann::json;
}  // namespace

fs::path constructPath() {
    return fs::temp_directory_path() / ("secateur_constructs_" + std::to_string(::getpid()));
}

// The seeds and search runs written for this test program go when it ends.
const auto* const constructCleanup =
    ::testing::AddGlobalTestEnvironment(new RemoveAtExit(constructPath));

// Runs constructs.py once for the whole test program.
const fs::path& constructDir() {
    static const fs::path dir = runPythonScript("constructs.py", constructPath());
    return dir;
}

std::string seedFile(const std::string& name) {
    return (constructDir() / (name + ".pt")).string();
}

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// Runs a shell command, capturing its stdout and stderr.
ShellResult shell(const std::string& command) {
    const fs::path out = constructDir() / "stdout.txt", err = constructDir() / "stderr.txt";
    const int status =
        std::system((command + " > " + out.string() + " 2> " + err.string()).c_str());
    return {WEXITSTATUS(status), readFile(out), readFile(err)};
}

ShellResult cli(const std::string& args) {
    return shell(std::string(SECATEUR_CLI) + " " + args);
}

std::vector<Seed> readList(const std::string& file) {
    std::vector<Seed> seeds;
    for (SeedLine& line : readSeedLines(constructDir() / file))
        seeds.push_back(
            {std::move(line.name), std::move(line.shapes), std::move(line.expected), {}});
    return seeds;
}

// counts.txt: NAME -> PyTorch's counts at batch 1.
std::map<std::string, TorchCounts> readCounts() {
    std::map<std::string, TorchCounts> counts;
    std::ifstream in(constructDir() / "counts.txt");
    std::string name;
    for (TorchCounts c; in >> name >> c.params >> c.macs >> c.unused;) counts[name] = c;
    EXPECT_FALSE(counts.empty()) << "no counts in counts.txt";
    return counts;
}

// The --input-shape argument: 1,3,16.
std::string shapeArg(const Shape& shape) {
    std::string text;
    for (const int64_t d : shape) text += (text.empty() ? "" : ",") + std::to_string(d);
    return text;
}

std::string importError(const std::string& path, const std::vector<Shape>& shapes) {
    ImportOptions options;
    options.inputShapes = shapes;
    try {
        importTorchScript(path, options);
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

// log_softmax and the hand-written std normalisation may round differently.
double tolerance(const std::string& name) {
    return name.rfind("softmax", 0) == 0 || name.rfind("reduce_std", 0) == 0 ? 1e-4 : 1e-5;
}

// Imports the seed at the batch and compares runGraph with torch::jit on random inputs.
void checkImport(const Seed& seed, int64_t batch) {
    ImportOptions options;
    options.inputShapes = withBatch(seed.shapes, batch);
    options.keepWhole = seed.keepWhole;
    Graph graph;
    try {
        graph = importTorchScript(seedFile(seed.name), options);
    } catch (const std::exception& e) {
        FAIL() << "import: " << e.what();
    }
    std::vector<torch::Tensor> inputs;
    for (const Shape& s : options.inputShapes) inputs.push_back(torch::randn(s));
    const std::vector<torch::Tensor> expected = referenceOutputs(seedFile(seed.name), inputs);
    torch::NoGradGuard noGrad;
    const std::vector<torch::Tensor> actual = runGraph(graph, inputs);
    ASSERT_EQ(actual.size(), expected.size());
    const double tol = tolerance(seed.name);
    for (size_t i = 0; i < actual.size(); ++i) {
        ASSERT_EQ(actual[i].sizes(), expected[i].sizes()) << "output " << i;
        EXPECT_TRUE(torch::allclose(actual[i], expected[i], tol, tol))
            << "output " << i << " max difference "
            << (actual[i] - expected[i]).abs().max().item<double>();
    }
}

Graph importAt(const Seed& seed, int64_t batch) {
    ImportOptions options;
    options.inputShapes = withBatch(seed.shapes, batch);
    options.keepWhole = seed.keepWhole;
    return importTorchScript(seedFile(seed.name), options);
}

// keep_whole.txt: "NAME 1x3x16 MODULE[,MODULE] PARAMS MACS", with the counts.
std::vector<std::pair<Seed, std::pair<int64_t, int64_t>>> readKeepWhole() {
    std::vector<std::pair<Seed, std::pair<int64_t, int64_t>>> seeds;
    std::ifstream in(constructDir() / "keep_whole.txt");
    std::string name, shape, modules;
    for (int64_t params = 0, macs = 0; in >> name >> shape >> modules >> params >> macs;) {
        Seed seed{name, {parseShape(shape)}, "", {}};
        std::stringstream list(modules);
        for (std::string m; std::getline(list, m, ',');) seed.keepWhole.push_back(m);
        seeds.push_back({seed, {params, macs}});
    }
    EXPECT_FALSE(seeds.empty()) << "no seeds in keep_whole.txt";
    return seeds;
}

void writeFloats(const fs::path& path, const torch::Tensor& t) {
    const torch::Tensor c = t.contiguous();
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(c.data_ptr<float>()),
               static_cast<std::streamsize>(c.numel() * 4));
}

torch::Tensor readFloats(const fs::path& path, const torch::Tensor& like) {
    torch::Tensor t = torch::empty_like(like).contiguous();
    EXPECT_EQ(fs::file_size(path), static_cast<std::uintmax_t>(t.numel() * 4)) << path;
    std::ifstream(path, std::ios::binary)
        .read(reinterpret_cast<char*>(t.data_ptr<float>()),
              static_cast<std::streamsize>(t.numel() * 4));
    return t;
}

// Searches the seed for two epochs, exports it and checks the export's costs; queues the
// comparison with Python.
void searchAndExport(const Seed& seed, std::vector<Searched>& searched, std::ofstream& jobs) {
    const Graph graph = importAt(seed, 1);
    SearchOptions options;
    options.dimensions = {Dimension{"channels"}, Dimension{"kernels"}};
    options.cost = "params";
    options.strength = 1.0;
    options.warmupEpochs = 1;
    options.searchEpochs = 2;
    options.finetuneEpochs = 0;
    const SearchResult result = runSearch(graph, makeSyntheticTask(graph, {128, 64, 3}), options);
    const fs::path dir = constructDir() / ("run_" + seed.name);
    fs::create_directories(dir);
    // The summary's costs are the export's, and the written file's on every target.
    EXPECT_EQ(measure(result.exported).totals, result.measured.totals);
    expectFileCostsWhatTheSearchSaid(result.exported, (dir / "final.pt").string());
    const std::vector<torch::Tensor> x = randomInputs(result.exported, 2, 3);
    std::vector<torch::Tensor> y;
    {
        torch::NoGradGuard noGrad;
        y = runGraph(result.exported, x);
    }
    ASSERT_EQ(y.size(), 1u);
    ASSERT_TRUE(torch::isfinite(y[0]).all().item<bool>()) << "the searched network gives NaN";
    writeFloats(dir / "x.bin", x[0]);
    jobs << (dir / "final.pt").string() << " " << (dir / "y.bin").string() << " "
         << (dir / "x.bin").string() << ":" << shapeArg(x[0].sizes().vec()) << "\n";
    searched.push_back({seed.name, dir, y[0]});
}

// Invariants 1-3 (docs/architecture.md) on the imported seed, nothing pruned and random decisions.
void checkInvariants(const Seed& seed) {
    const Graph graph = importAt(seed, 1);
    const std::vector<torch::Tensor> inputs = randomInputs(graph, 3, 11);
    const std::vector<Dimension> dims{Dimension{"channels"}, Dimension{"kernels"},
                                      Dimension{"dilations"}};
    {
        const Space space(graph, dims);
        expectAllClose(runGraph(graph, inputs), runSearchableEval(space, inputs), "searchable");
        expectAllClose(runGraph(graph, inputs), runGraph(exportPruned(space), inputs), "export");
    }
    for (const uint64_t trial : {1, 2, 3}) {
        Space space(graph, dims);
        space.randomizeDecisions(trial, 0.5);
        const Graph exported = exportPruned(space);
        expectAllClose(runSearchableEval(space, inputs), runGraph(exported, inputs),
                       "random decisions " + std::to_string(trial));
        const Measurement m = measure(exported);
        for (const std::string& cost : costNames())
            EXPECT_TRUE(costsAgree(cost, costAt(space, cost), m.total(cost)))
                << cost << ", trial " << trial << ": " << costAt(space, cost)
                << " != " << m.total(cost);
        expectFileCostsWhatTheSearchSaid(
            exported,
            (constructDir() / (seed.name + "_random" + std::to_string(trial) + ".pt")).string());
    }
}

void expectPythonAgrees(const fs::path& jobs, const std::vector<Searched>& searched) {
    const ShellResult python = shell(std::string(SECATEUR_PYTHON) + " " + SECATEUR_SOURCE_DIR +
                                     "/tests/python/run_model.py --list " + jobs.string());
    ASSERT_EQ(python.status, 0) << python.err;
    for (const Searched& s : searched) {
        SCOPED_TRACE(s.name);
        const torch::Tensor actual = readFloats(s.dir / "y.bin", s.expected);
        EXPECT_TRUE(torch::allclose(actual, s.expected, 1e-4, 1e-5))
            << "max difference " << (actual - s.expected).abs().max().item<double>();
    }
}

}  // namespace secateur::construct_tests
