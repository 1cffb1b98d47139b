// The precision dimension (8-bit weights per output channel, quantisation-aware): which layers it
// covers, the decisions it reports, a search that trains and exports weights on their grid.
#include <gtest/gtest.h>

#include "engine/exec/run_graph.h"
#include "engine/export/prune.h"
#include "engine/graph/builder.h"
#include "engine/graph/serialize.h"
#include "engine/quant/quantiser.h"
#include "engine/search/search.h"
#include "engine/search/task.h"
#include "engine/zoo/zoo.h"
#include "tests/engine/file_round_trip.h"
#include "tests/engine/test_support.h"

namespace secateur {
namespace {

// Every value of every conv and linear weight of `graph` is an integer multiple of its output
// channel's 8-bit scale (largest magnitude / 127), within float rounding.
void expectWeightsOnTheirGrid(const Graph& graph) {
    int layers = 0;
    for (const Node& node : graph.nodes()) {
        if (node.op != "conv" && node.op != "linear") continue;
        ++layers;
        const torch::Tensor w = toTensor(node.params.at("weight"));
        const torch::Tensor scales = weightScales(w, 8);
        std::vector<int64_t> shape(static_cast<size_t>(w.dim()), 1);
        shape[0] = w.size(0);
        const torch::Tensor steps = w / scales.view(shape);
        EXPECT_TRUE(torch::allclose(steps, steps.round(), 0, 1e-3)) << node.name;
        EXPECT_LE(steps.abs().max().item<double>(), 127.0 + 1e-3) << node.name;
    }
    EXPECT_GT(layers, 0);
}

TEST(Precision, CoversConvAndLinearLayersButNotTransposedOnes) {
    const Space space(zooModel("ds_cnn", 1), {Dimension{"precision"}});
    int covered = 0;
    for (const LayerDecision& layer : space.decisions().layers)
        if (layer.searches("precision")) {
            ++covered;
            EXPECT_EQ(layer.dimensions.at("precision").summary, "weights 8 bits per channel");
        }
    EXPECT_EQ(covered, 10);  // conv1, 4 x (depthwise, pointwise), fc
    const std::string transposed = errorOf([] {
        GraphBuilder b(1);
        const int x = b.input("x", {1, 4, 8});
        b.output(b.convTranspose(x, 4, {3}, {}, "up"));
        Space(b.build(), {Dimension{"precision", {"up"}, {}}});
    });
    EXPECT_NE(transposed.find("transposed convolutions are not quantised yet"), std::string::npos)
        << transposed;
}

TEST(Precision, NothingPrunedQuantisesEveryWeightOnItsGrid) {
    const Graph seed = zooModel("resnet8", 2);
    const Space space(seed, {Dimension{"precision"}});
    const Graph exported = exportPruned(space);
    expectWeightsOnTheirGrid(exported);
    // Weights that were already on their grid do not move.
    const Space again(exported, {Dimension{"precision"}});
    for (size_t n = 0; n < exported.nodes().size(); ++n)
        for (const auto& [name, w] : exported.nodes()[n].params)
            EXPECT_TRUE(torch::allclose(
                toTensor(w), toTensor(exportPruned(again).nodes()[n].params.at(name)), 0, 1e-6))
                << exported.nodes()[n].name;
}

TEST(Precision, PrunedChannelsAndTapsDoNotSetTheScaleOfWhatIsKept) {
    // Random decisions drop input channels and taps; the exported weights are on the grid of
    // what they keep, and compute what the searchable network computes.
    const Graph seed = zooModel("ecg_tcn", 3);
    Space space(seed, {Dimension{"channels"}, Dimension{"kernels"}, Dimension{"dilations"},
                       Dimension{"precision"}});
    space.randomizeDecisions(4, 0.0);
    const Graph exported = exportPruned(space);
    expectWeightsOnTheirGrid(exported);
    const std::vector<torch::Tensor> inputs = randomInputs(seed, 2, 5);
    expectAllClose(runSearchableEval(space, inputs), runGraph(exported, inputs), "exported");
}

TEST(Precision, ASearchTrainsThroughTheQuantisedWeightsAndExportsThemOnTheirGrid) {
    const Graph seed = zooModel("ds_cnn", 4);
    const Task task = makeSyntheticTask(seed, {256, 64, 3});
    SearchOptions options;
    options.dimensions = {Dimension{"channels"}, Dimension{"precision"}};
    options.warmupEpochs = 1;
    options.searchEpochs = 2;
    options.finetuneEpochs = 1;
    options.strength = 0.5;
    options.threads = 1;
    options.snapshotInterval = 0.0;
    const SearchResult result = runSearch(seed, task, options);
    expectWeightsOnTheirGrid(result.exported);
    EXPECT_GT(result.metrics.at("val_accuracy"), 0.0);
    // The weights trained: the export differs from the seed quantised as it was.
    const Graph start = withNothingPruned(seed, options.dimensions);
    bool moved = false;
    for (size_t n = 0; n < start.nodes().size() && !moved; ++n)
        if (start.nodes()[n].op == "linear")
            for (const Node& out : result.exported.nodes())
                if (out.name == start.nodes()[n].name)
                    moved = out.params.at("weight").values !=
                            start.nodes()[n].params.at("weight").values;
    EXPECT_TRUE(moved);
}

std::vector<int64_t> bitsOf(const Graph& graph, const std::string& name) {
    for (const Node& node : graph.nodes())
        if (node.name == name)
            return node.attrs.has("weight_bits") ? node.attrs.getInts("weight_bits")
                                                 : std::vector<int64_t>{};
    ADD_FAILURE() << "no node " << name;
    return {};
}

TEST(Precision, TheBitsOfEveryKeptChannelAreRecordedAndReadBack) {
    const Graph seed = zooModel("ds_cnn", 6);
    Space space(seed, {Dimension{"channels"}, Dimension{"precision"}});
    space.randomizeDecisions(7, 0.0);
    const Decisions decisions = space.decisions();
    const Graph exported = exportPruned(space);
    for (const LayerDecision& layer : decisions.layers) {
        ASSERT_EQ(layer.weightBits.size(), static_cast<size_t>(layer.totalChannels)) << layer.node;
        for (int64_t c = 0; c < layer.totalChannels; ++c)
            EXPECT_EQ(layer.weightBits[static_cast<size_t>(c)],
                      layer.kept[static_cast<size_t>(c)] ? 8 : 0)
                << layer.node;
        // The export lists the bits of the kept rows only.
        EXPECT_EQ(bitsOf(exported, layer.node),
                  std::vector<int64_t>(static_cast<size_t>(layer.keptChannels), 8))
            << layer.node;
    }
    // The engine's model file and a TorchScript file both keep them.
    const std::string model = testing::TempDir() + "/secateur_precision_model.json";
    saveGraph(exported, model);
    const Graph loaded = loadGraph(model);
    for (const LayerDecision& layer : decisions.layers)
        EXPECT_EQ(bitsOf(loaded, layer.node), bitsOf(exported, layer.node)) << layer.node;
    expectFileCostsWhatTheSearchSaid(exported, testing::TempDir() + "/secateur_precision.pt");
}

TEST(Precision, AQuantisedSeedSearchedAgainKeepsTheBitsOfItsKeptRows) {
    // An export with weight bits, searched over channels only: the record follows the pruning.
    const Graph quantised = exportPruned(Space(zooModel("ds_cnn", 8), {Dimension{"precision"}}));
    Space space(quantised, {Dimension{"channels"}});
    space.randomizeDecisions(9, 0.0);
    const Graph exported = exportPruned(space);
    for (const LayerDecision& layer : space.decisions().layers) {
        EXPECT_TRUE(layer.weightBits.empty()) << layer.node;  // not searched: not decided
        EXPECT_EQ(bitsOf(exported, layer.node),
                  std::vector<int64_t>(static_cast<size_t>(layer.keptChannels), 8))
            << layer.node;
    }
}

}  // namespace
}  // namespace secateur
