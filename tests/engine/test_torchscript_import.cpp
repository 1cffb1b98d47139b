// TorchScript import: every seed written by tests/python/seeds.py imports and computes what
// torch::jit::load(file).forward computes; unsupported files and ops give clear errors.
#include <gtest/gtest.h>
#include <torch/script.h>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "engine/exec/run_graph.h"
#include "engine/import/torchscript_import.h"
#include "engine/util/error.h"
#include "tests/engine/python_script.h"
#include "tests/engine/seed_list.h"

namespace secateur {
namespace {

namespace fs = std::filesystem;

using Seed = SeedLine;

fs::path seedPath() {
    return fs::temp_directory_path() / ("secateur_seeds_" + std::to_string(::getpid()));
}

// The seeds written for this test program go when it ends.
const auto* const seedCleanup = ::testing::AddGlobalTestEnvironment(new RemoveAtExit(seedPath));

// Runs seeds.py once for the whole test program.
const fs::path& seedDir() {
    static const fs::path dir = runPythonScript("seeds.py", seedPath());
    return dir;
}

std::vector<Seed> readList(const std::string& file) {
    return readSeedLines(seedDir() / file);
}

std::string importError(const std::string& path, const ImportOptions& options) {
    try {
        importTorchScript(path, options);
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

std::string fileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

TEST(TorchScriptImport, EverySeedMatchesTorchJit) {
    torch::manual_seed(7);
    for (const Seed& seed : readList("seeds.txt")) {
        SCOPED_TRACE(seed.name);
        const std::string path = (seedDir() / (seed.name + ".pt")).string();
        for (const int64_t batch : {2, 3}) {
            ImportOptions options;
            options.inputShapes = withBatch(seed.shapes, batch);
            Graph graph;
            ASSERT_NO_THROW(graph = importTorchScript(path, options));
            std::vector<torch::Tensor> inputs;
            for (const Shape& s : options.inputShapes) inputs.push_back(torch::randn(s));
            const std::vector<torch::Tensor> expected = referenceOutputs(path, inputs);
            torch::NoGradGuard noGrad;
            const std::vector<torch::Tensor> actual = runGraph(graph, inputs);
            ASSERT_EQ(actual.size(), expected.size());
            for (size_t i = 0; i < actual.size(); ++i) {
                ASSERT_EQ(actual[i].sizes(), expected[i].sizes()) << "output " << i;
                EXPECT_TRUE(torch::allclose(actual[i], expected[i], 1e-5, 1e-5))
                    << "output " << i << " max difference "
                    << (actual[i] - expected[i]).abs().max().item<double>();
            }
        }
    }
}

TEST(TorchScriptImport, NodesCarryModuleNamesAndSourceLines) {
    ImportOptions options;
    options.inputShapes = {{1, 3, 32, 32}};
    options.frozenModules = {"layer2.downsample"};
    const Graph graph = importTorchScript((seedDir() / "resnet.pt").string(), options);
    const Node* conv = graph.findNode("stem.0");
    ASSERT_NE(conv, nullptr);
    EXPECT_EQ(conv->op, "conv");
    EXPECT_NE(graph.findNode("layer1.add"), nullptr);
    EXPECT_NE(graph.findNode("fc"), nullptr);
    int frozen = 0;
    for (const Node& node : graph.nodes()) {
        EXPECT_NE(node.source.find("seeds.py:"), std::string::npos) << node.name;
        frozen += node.frozen ? 1 : 0;
        EXPECT_EQ(node.frozen, node.name.rfind("layer2.downsample", 0) == 0) << node.name;
    }
    EXPECT_EQ(frozen, 2);  // the downsample's conv and batch norm

    options.frozenModules = {"no_such_module"};
    EXPECT_NE(importError((seedDir() / "resnet.pt").string(), options).find("no_such_module"),
              std::string::npos);
}

TEST(TorchScriptImport, UnsupportedOpsNameTheOpAndTheLine) {
    for (const Seed& seed : readList("failing.txt")) {
        SCOPED_TRACE(seed.name);
        ImportOptions options;
        options.inputShapes = seed.shapes;
        const std::string message =
            importError((seedDir() / (seed.name + ".pt")).string(), options);
        EXPECT_NE(message.find(seed.expected), std::string::npos) << message;
        EXPECT_NE(message.find("seeds.py:"), std::string::npos) << message;
        EXPECT_NE(message.find(seed.name + ".pt"), std::string::npos) << message;
        EXPECT_LE(std::count(message.begin(), message.end(), '\n'), 1) << message;
    }
}

TEST(TorchScriptImport, NonTorchScriptFilesAreRejectedByName) {
    const fs::path text = seedDir() / "notes.pt";
    std::ofstream(text) << "not a model\n";
    ImportOptions options;
    options.inputShapes = {{1, 3}};
    std::string message = importError(text.string(), options);
    EXPECT_NE(message.find(text.string()), std::string::npos) << message;
    EXPECT_NE(message.find("torch.jit.save"), std::string::npos) << message;

    message = importError((seedDir() / "missing.pt").string(), options);
    EXPECT_NE(message.find("missing.pt"), std::string::npos) << message;
}

TEST(TorchScriptImport, WrongInputsAreReported) {
    const std::string path = (seedDir() / "resnet.pt").string();
    ImportOptions options;
    options.inputShapes = {{1, 3, 32, 32}, {1, 3, 32, 32}};
    std::string message = importError(path, options);
    EXPECT_NE(message.find("1 input"), std::string::npos) << message;

    options.inputShapes = {{1, 4, 32, 32}};  // the stem expects 3 channels
    message = importError(path, options);
    EXPECT_NE(message.find("[1, 4, 32, 32]"), std::string::npos) << message;
    EXPECT_NE(message.find("stem.0"), std::string::npos) << message;

    options.inputShapes = {{1, 3, 16, 16}};  // fc expects 16 features; spatial size is free
    EXPECT_NO_THROW(importTorchScript(path, options));
    options.inputShapes = {{1, 1, 40, 10}};
    message = importError((seedDir() / "dscnn.pt").string(), options);
    EXPECT_EQ(message, "");  // global average pooling adapts to the size
    options.inputShapes = {{1, 3, 8, 8}};
    message = importError((seedDir() / "tcn.pt").string(), options);
    EXPECT_NE(message.find("[1, 3, 8, 8]"), std::string::npos) << message;
}

TEST(TorchScriptImport, LeavesTheFileUnchanged) {
    const std::string path = (seedDir() / "resnet.pt").string();
    const std::string before = fileBytes(path);
    const auto time = fs::last_write_time(path);
    ImportOptions options;
    options.inputShapes = {{2, 3, 32, 32}};
    importTorchScript(path, options);
    EXPECT_EQ(std::hash<std::string>{}(fileBytes(path)), std::hash<std::string>{}(before));
    EXPECT_EQ(fileBytes(path), before);
    EXPECT_EQ(fs::last_write_time(path), time);
}

}  // namespace
}  // namespace secateur
