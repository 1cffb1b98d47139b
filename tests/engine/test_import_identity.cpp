// Issue 22: seeds written the way edge code is written in the wild (network_constructs.py) import
// as PyTorch counts them, with module paths that survive ModuleList loops, sharing decided by the
// identity of modules (never by equal values), folded parameters counted, and exports that
// import from their file with the nodes and costs the search counted.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/cost/cost.h"
#include "engine/export/prune.h"
#include "engine/import/torchscript_import.h"
#include "engine/space/space.h"
#include "tests/engine/construct_support.h"
#include "tests/engine/file_round_trip.h"

namespace secateur::construct_tests {
namespace {

Graph importSeed(const std::string& name, const Shape& shape, ImportReport* report = nullptr) {
    ImportOptions options;
    options.inputShapes = {shape};
    return importTorchScript(seedFile(name), options, report);
}

std::string nodeNames(const Graph& graph) {
    std::string names;
    for (const Node& node : graph.nodes()) names += (names.empty() ? "" : ", ") + node.name;
    return names;
}

TEST(ImportIdentity, ModulePathsSurviveModuleListLoops) {
    for (const std::string mode : {"trace", "script"}) {
        SCOPED_TRACE(mode);
        ImportReport report;
        const Graph graph = importSeed("tcn_module_list_" + mode, {1, 3, 16}, &report);
        for (const char* name : {"b.0.0", "b.0.1", "b.0.2", "b.1.0", "b.1.1", "b.1.2", "c.0.conv",
                                 "c.0.bn", "c.1.conv", "c.1.bn"})
            EXPECT_NE(graph.findNode(name), nullptr) << name << " not in " << nodeNames(graph);
        EXPECT_TRUE(report.unused.empty())
            << report.unused.front().path << " reported unused though it runs";
    }
}

// Four freshly initialised batch norms hold equal values, yet they are four modules.
TEST(ImportIdentity, EqualValuesAreNotSharing) {
    const auto counts = readCounts();
    for (const std::string mode : {"trace", "script"}) {
        SCOPED_TRACE(mode);
        const std::string name = "tcn_module_list_" + mode;
        const Graph graph = importSeed(name, {1, 3, 16});
        for (const Node& node : graph.nodes())
            EXPECT_FALSE(node.attrs.has("shared_with"))
                << node.name << " shares " << node.attrs.getString("shared_with");
        EXPECT_EQ(measure(graph).count("params"), counts.at(name).params);
    }
}

// One module called at two places is one module: its uses share its parameters.
TEST(ImportIdentity, OneModuleCalledTwiceIsShared) {
    for (const std::string mode : {"trace", "script"}) {
        SCOPED_TRACE(mode);
        const Graph graph = importSeed("shared_modules_" + mode, {1, 3, 16});
        std::set<std::string> owners;
        for (const Node& node : graph.nodes())
            if (node.attrs.has("shared_with")) owners.insert(node.attrs.getString("shared_with"));
        EXPECT_EQ(owners, (std::set<std::string>{"conv", "bn"})) << nodeNames(graph);
    }
}

// The softmax weights of supernet blocks fold into constants and are still parameters, counted
// by the import and by an import of the export.
TEST(ImportIdentity, FoldedParametersAreCounted) {
    const auto counts = readCounts();
    for (const std::string name : {"supernet_blocks_trace", "supernet_blocks_script",
                                   "stack_weighted_trace", "stack_weighted_script"}) {
        SCOPED_TRACE(name);
        const Graph graph = importSeed(name, {1, 3, 16});
        EXPECT_EQ(measure(graph).count("params"), counts.at(name).params);
        int64_t folded = 0;
        for (const Node& node : graph.nodes()) folded += node.attrs.getInt("folded_params", 0);
        EXPECT_EQ(folded, name.rfind("supernet", 0) == 0 ? 5 : 3);
        const Graph exported = exportPruned(Space(graph, {Dimension{"channels"}}));
        expectFileCostsWhatTheSearchSaid(exported, (constructDir() / (name + "_x.pt")).string());
    }
}

// `secateur info` counts the ModuleList's blocks and reports nothing unused.
TEST(ImportIdentity, InfoCountsModuleListBlocks) {
    const ShellResult info =
        cli("info " + seedFile("tcn_module_list_trace") + " --input-shape 1,3,16 --json");
    ASSERT_EQ(info.status, 0) << info.err;
    const nlohmann::json j = nlohmann::json::parse(info.out);
    EXPECT_EQ(j["total"]["params"].get<int64_t>(), readCounts().at("tcn_module_list_trace").params);
    EXPECT_TRUE(!j.contains("unused") || j["unused"].empty()) << j["unused"].dump();
}

// A convolution whose kernel lost outer taps crops its input (negative padding): the export writes
// a pad with negative amounts before it, which the import folds back into the convolution, so the
// file has no separate pad (one node more, costing flash, latency and energy the search never
// counted). Causal convolutions (asymmetric padding) and the GLU-style sequence network too.
TEST(ImportIdentity, CroppedConvolutionExportsAsOneNode) {
    int cropped = 0, asymmetric = 0;
    for (const auto& [name, shape] :
         std::vector<std::pair<std::string, Shape>>{{"glu_sequence_trace", {1, 16, 6}},
                                                    {"glu_sequence_script", {1, 16, 6}},
                                                    {"stack_weighted_trace", {1, 3, 16}},
                                                    {"tcn_module_list_script", {1, 3, 16}}}) {
        SCOPED_TRACE(name);
        const Graph graph = importSeed(name, shape);
        for (const uint64_t trial : {1, 2, 3, 4, 5, 6}) {
            Space space(graph,
                        {Dimension{"channels"}, Dimension{"kernels"}, Dimension{"dilations"}});
            space.randomizeDecisions(trial, 0.5);
            const Graph exported = exportPruned(space);
            for (const Node& node : exported.nodes()) {
                if (node.op != "conv" || !node.attrs.has("padding_end")) continue;
                const auto& begin = node.attrs.getInts("padding_begin");
                const auto& end = node.attrs.getInts("padding_end");
                const auto negative = [](int64_t p) { return p < 0; };
                cropped += std::any_of(begin.begin(), begin.end(), negative) ||
                           std::any_of(end.begin(), end.end(), negative);
                asymmetric += begin != end;
            }
            expectFileCostsWhatTheSearchSaid(
                exported, (constructDir() / (name + std::to_string(trial) + ".pt")).string());
        }
    }
    EXPECT_GT(cropped, 0) << "no trial removed outer taps";
    EXPECT_GT(asymmetric, 0) << "no causal convolution";
}

}  // namespace
}  // namespace secateur::construct_tests
