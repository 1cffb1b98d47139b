// Seeds that need --keep-whole (an LSTM head, a GRU, causal attention), a wrong --keep-whole path,
// and shared and unused parameters.
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

// A seed with an LSTM (or GRU, or attention) inside a submodule imports only with that module
// kept whole, and then computes, counts, searches and exports like any other.
TEST(ImportConstructs, KeptWholeModulesImportSearchAndExport) {
    std::vector<Searched> searched;
    std::ofstream jobs(constructDir() / "jobs_kept.txt");
    for (const auto& [seed, counts] : readKeepWhole()) {
        SCOPED_TRACE(seed.name);
        const std::string without = importError(seedFile(seed.name), seed.shapes);
        EXPECT_NE(without.find("--keep-whole"), std::string::npos) << without;
        for (const int64_t batch : {2, 3}) checkImport(seed, batch);
        const Graph graph = importAt(seed, 1);
        EXPECT_EQ(measure(graph).count("params"), counts.first);
        EXPECT_EQ(measure(graph).count("macs"), counts.second);
        EXPECT_EQ(std::count_if(graph.nodes().begin(), graph.nodes().end(),
                                [](const Node& n) { return n.op == "opaque"; }),
                  static_cast<std::ptrdiff_t>(seed.keepWhole.size()));
        checkInvariants(seed);
        // The views draw the kept module as one layer of its own kind, never pruned.
        const Decisions decisions = Space(graph, {Dimension{"channels"}}).decisions();
        const auto opaque =
            std::find_if(decisions.layers.begin(), decisions.layers.end(),
                         [](const LayerDecision& d) { return d.kind == LayerKind::Opaque; });
        ASSERT_NE(opaque, decisions.layers.end());
        EXPECT_EQ(opaque->node, seed.keepWhole.front());
        EXPECT_FALSE(opaque->searches("channels"));
        searchAndExport(seed, searched, jobs);
    }
    jobs.close();
    expectPythonAgrees(constructDir() / "jobs_kept.txt", searched);
}

TEST(ImportConstructs, KeepWholeOfAMissingModuleNamesTheClosest) {
    Seed seed = readKeepWhole().front().first;
    seed.keepWhole = {"haed"};
    ImportOptions options;
    options.inputShapes = seed.shapes;
    options.keepWhole = seed.keepWhole;
    std::string message;
    try {
        importTorchScript(seedFile(seed.name), options);
    } catch (const Error& e) {
        message = e.what();
    }
    EXPECT_NE(message.find("'haed' matches no submodule"), std::string::npos) << message;
    EXPECT_NE(message.find("closest: head"), std::string::npos) << message;

    // The fused attention of PyTorch's fast path has no backward: the search could not train the
    // layers before it, and the import says so.
    options.inputShapes = {{1, 3, 16}};
    options.keepWhole = {"attn"};
    message.clear();
    try {
        importTorchScript(seedFile("attention_trace"), options);
    } catch (const Error& e) {
        message = e.what();
    }
    EXPECT_NE(message.find("--keep-whole attn: its code has no gradient"), std::string::npos)
        << message;
}

// A module used twice owns its parameters once: the later use says so, both keep the same
// channels, and training updates one tensor. A module forward never calls is reported as unused.
TEST(ImportConstructs, SharedAndUnusedParameters) {
    const Seed seed{"shared_modules_trace", {{1, 3, 16}}, "", {}};
    ImportReport report;
    ImportOptions options;
    options.inputShapes = seed.shapes;
    const Graph graph = importTorchScript(seedFile(seed.name), options, &report);
    const Node* conv = graph.findNode("conv_1");
    const Node* bn = graph.findNode("bn_1");
    ASSERT_NE(conv, nullptr);
    ASSERT_NE(bn, nullptr);
    EXPECT_EQ(conv->attrs.getString("shared_with", ""), "conv");
    EXPECT_EQ(bn->attrs.getString("shared_with", ""), "bn");
    ASSERT_EQ(report.unused.size(), 1u);
    EXPECT_EQ(report.unused[0].path, "unused");
    EXPECT_EQ(report.unused[0].params, 8 * 5 + 5);
    for (const uint64_t trial : {1, 2, 3, 4}) {
        Space space(graph, {Dimension{"channels"}, Dimension{"kernels"}});
        space.randomizeDecisions(trial, 0.0);
        const Graph exported = exportPruned(space);
        const Node* first = exported.findNode("conv");
        const Node* second = exported.findNode("conv_1");
        EXPECT_EQ(first->params.at("weight").values, second->params.at("weight").values);
        EXPECT_EQ(exported.findNode("bn")->params.at("weight").shape,
                  exported.findNode("bn_1")->params.at("weight").shape);
    }
    const ShellResult info = cli("info " + seedFile(seed.name) + " --input-shape 1,3,16 --json");
    ASSERT_EQ(info.status, 0) << info.err;
    const json unused = json::parse(info.out)["unused"];
    ASSERT_EQ(unused.size(), 1u);
    EXPECT_EQ(unused[0]["module"], "unused");
    const ShellResult table = cli("info " + seedFile(seed.name) + " --input-shape 1,3,16");
    EXPECT_NE(table.out.find("unused: unused (45 parameters), dropped"), std::string::npos)
        << table.out;

    // The batch norm of shared_disagree also normalises the network input, whose channels are
    // fixed: the conv output it normalises keeps every channel too.
    const Graph disagree = importAt({"shared_disagree_trace", {{1, 3, 16}}, "", {}}, 1);
    const ChannelGroups groups(disagree);
    for (const char* name : {"bn", "bn_1"}) {
        const Node* node = disagree.findNode(name);
        ASSERT_NE(node, nullptr) << name;
        for (const int l : groups.positions(node->outputs[0])) EXPECT_EQ(l, -1) << name;
    }
}

}  // namespace
}  // namespace secateur::construct_tests
