// Single constructs written by tests/python/constructs.py (stack, pad, reductions, norms,
// softmax, clamp, interpolate, transposed convolution), each inside a small classifier: they
// import and compute what torch::jit computes, cost what PyTorch counts, search and export to a
// file Python runs; unsupported ones name the op and the way out.
#include <gtest/gtest.h>
#include <torch/script.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/cost/cost.h"
#include "engine/export/prune.h"
#include "engine/graph/channels.h"
#include "engine/import/torchscript_import.h"
#include "engine/space/space.h"
#include "engine/util/error.h"
#include "tests/engine/construct_support.h"

namespace secateur::construct_tests {
namespace {

using nlohmann::json;

TEST(ImportConstructs, EveryConstructMatchesTorchJit) {
    torch::manual_seed(7);
    for (const Seed& seed : readList("seeds.txt")) {
        SCOPED_TRACE(seed.name);
        for (const int64_t batch : {2, 3}) {
            SCOPED_TRACE("batch " + std::to_string(batch));
            checkImport(seed, batch);
        }
    }
}

// The engine counts what PyTorch counts: every parameter (folded ones too) of the modules that
// run, so PyTorch's own sum(p.numel() for p in model.parameters()) for every seed whose modules
// all run; the CLI's `info` reports the same (one seed suffices for the command-line contract).
TEST(ImportConstructs, CountsEqualPyTorch) {
    const auto counts = readCounts();
    int allRun = 0;
    for (const Seed& seed : readList("seeds.txt")) {
        SCOPED_TRACE(seed.name);
        ASSERT_EQ(counts.count(seed.name), 1u) << "missing from counts.txt";
        const TorchCounts& torch = counts.at(seed.name);
        const Measurement m = measure(importAt(seed, 1));
        EXPECT_EQ(m.count("params"), torch.params - torch.unused);
        if (torch.unused == 0) {
            EXPECT_EQ(m.count("params"), torch.params) << "every module runs";
            ++allRun;
        }
        EXPECT_EQ(m.count("macs"), torch.macs);
    }
    EXPECT_GT(allRun, 60);
    const Seed first = readList("seeds.txt").front();
    const ShellResult info = cli("info " + seedFile(first.name) + " --input-shape " +
                                 shapeArg(first.shapes[0]) + " --json");
    ASSERT_EQ(info.status, 0) << info.err;
    EXPECT_EQ(json::parse(info.out)["total"]["params"].get<int64_t>(),
              counts.at(first.name).params);
}

// Transposed convolutions are layers the views draw, with their searched output channels.
TEST(ImportConstructs, TransposedConvolutionsAreDrawnLayers) {
    const Graph graph = importAt({"conv_transpose_2d_trace", {{1, 3, 8, 8}}, "", {}}, 1);
    const Decisions decisions = Space(graph, {Dimension{"channels"}}).decisions();
    const auto up =
        std::find_if(decisions.layers.begin(), decisions.layers.end(),
                     [](const LayerDecision& d) { return d.kind == LayerKind::TransposedConv; });
    ASSERT_NE(up, decisions.layers.end());
    EXPECT_TRUE(up->searches("channels"));
    EXPECT_EQ(up->totalChannels, graph.findNode(up->node)->params.at("weight").shape[1]);
}

TEST(ImportConstructs, InvariantsHold) {
    for (const Seed& seed : readList("seeds.txt")) {
        SCOPED_TRACE(seed.name);
        checkInvariants(seed);
    }
}

// Every construct searched, exported and run by Python (one Python process for all).
TEST(ImportConstructs, SearchExportAndPythonAgree) {
    std::vector<Searched> searched;
    {
        std::ofstream jobs(constructDir() / "jobs.txt");
        for (const Seed& seed : readList("seeds.txt")) {
            SCOPED_TRACE(seed.name);
            searchAndExport(seed, searched, jobs);
        }
    }
    expectPythonAgrees(constructDir() / "jobs.txt", searched);
}

TEST(ImportConstructs, UnsupportedConstructsNameTheOp) {
    for (const Seed& seed : readList("failing.txt")) {
        SCOPED_TRACE(seed.name);
        const std::string message = importError(seedFile(seed.name), seed.shapes);
        EXPECT_NE(message.find(seed.expected), std::string::npos) << message;
        EXPECT_NE(message.find(seed.name + ".pt"), std::string::npos) << message;
        EXPECT_NE(message.find("constructs.py:"), std::string::npos) << message;
        EXPECT_NE(message.find("--keep-whole"), std::string::npos) << message;
    }
}

}  // namespace
}  // namespace secateur::construct_tests
