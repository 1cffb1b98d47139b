// The layer-kind vocabulary: layerKind over the zoo and hand-made nodes, names and labels, and the
// kinds the engine hands out (layer table, decisions, run summary).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "engine/export/layer_table.h"
#include "engine/graph/layer_kind.h"
#include "engine/runs/run_summary.h"
#include "engine/space/space.h"
#include "engine/zoo/zoo.h"

namespace secateur {
namespace {

std::map<LayerKind, int> kindCounts(const Graph& graph) {
    std::map<LayerKind, int> counts;
    for (const Node& node : graph.nodes()) ++counts[layerKind(node)];
    return counts;
}

// A conv node with weight [out, in / groups, kernel...].
Node convNode(int64_t out, int64_t inPerGroup, Shape kernel, int64_t groups,
              const std::string& op = "conv") {
    Node node;
    node.op = op;
    Shape shape{out, inPerGroup};
    shape.insert(shape.end(), kernel.begin(), kernel.end());
    node.params["weight"].shape = shape;
    node.attrs.set("groups", groups);
    return node;
}

Node opNode(const std::string& op) {
    Node node;
    node.op = op;
    return node;
}

TEST(LayerKind, DsCnnHasStandardDepthwiseAndPointwiseConvs) {
    const Graph graph = zooModel("ds_cnn");
    const std::map<LayerKind, int> counts = kindCounts(graph);
    EXPECT_EQ(counts.at(LayerKind::StandardConv), 1);  // conv1
    EXPECT_EQ(counts.at(LayerKind::DepthwiseConv), 4);
    EXPECT_EQ(counts.at(LayerKind::PointwiseConv), 4);
    EXPECT_EQ(counts.at(LayerKind::Linear), 1);
    EXPECT_EQ(counts.at(LayerKind::Normalization), 9);  // a batch norm after every conv
    EXPECT_EQ(counts.at(LayerKind::Pooling), 1);
    EXPECT_GT(counts.at(LayerKind::Elementwise), 0);
    EXPECT_EQ(counts.count(LayerKind::GroupedConv), 0u);
    EXPECT_EQ(layerKind(*graph.findNode("block1.dw.conv")), LayerKind::DepthwiseConv);
    EXPECT_EQ(layerKind(*graph.findNode("block1.pw.conv")), LayerKind::PointwiseConv);
}

TEST(LayerKind, ShuffleNetHasGroupedConvs) {
    std::map<LayerKind, int> counts = kindCounts(zooModel("shuffle_net_tiny"));
    EXPECT_GT(counts[LayerKind::GroupedConv], 0);
    EXPECT_GT(counts[LayerKind::DepthwiseConv], 0);
}

TEST(LayerKind, EveryZooNodeGetsAFittingKind) {
    const std::map<std::string, LayerKind> expected{{"linear", LayerKind::Linear},
                                                    {"batch_norm", LayerKind::Normalization},
                                                    {"layer_norm", LayerKind::Normalization},
                                                    {"relu", LayerKind::Elementwise},
                                                    {"add", LayerKind::Elementwise},
                                                    {"mul", LayerKind::Elementwise},
                                                    {"flatten", LayerKind::Other},
                                                    {"reshape", LayerKind::Other},
                                                    {"cat", LayerKind::Other}};
    for (const ZooEntry& entry : zooModels()) {
        const Graph graph = zooModel(entry.name);
        for (const Node& node : graph.nodes()) {
            const LayerKind kind = layerKind(node);
            const std::string where = entry.name + " " + node.name + " (" + node.op + ")";
            // A node with weights is never "other"; convs are convolutions.
            if (!node.params.empty()) {
                EXPECT_NE(kind, LayerKind::Other) << where;
            }
            if (node.op == "conv") {
                EXPECT_TRUE(isConvolution(kind)) << where;
            } else if (const auto it = expected.find(node.op); it != expected.end()) {
                EXPECT_EQ(kind, it->second) << where;
            }
        }
    }
}

TEST(LayerKind, ConvShapesDecideTheKind) {
    EXPECT_EQ(layerKind(convNode(8, 4, {3, 3}, 1)), LayerKind::StandardConv);
    EXPECT_EQ(layerKind(convNode(8, 4, {5}, 1)), LayerKind::StandardConv);
    EXPECT_EQ(layerKind(convNode(8, 4, {1, 1}, 1)), LayerKind::PointwiseConv);
    EXPECT_EQ(layerKind(convNode(8, 4, {1}, 1)), LayerKind::PointwiseConv);
    EXPECT_EQ(layerKind(convNode(8, 1, {3, 3}, 8)), LayerKind::DepthwiseConv);
    EXPECT_EQ(layerKind(convNode(8, 1, {1, 1}, 8)), LayerKind::DepthwiseConv);
    EXPECT_EQ(layerKind(convNode(8, 4, {1, 1}, 2)), LayerKind::GroupedConv);
    // A depth multiplier (out = 2 x groups) is grouped, not depthwise.
    EXPECT_EQ(layerKind(convNode(16, 1, {3, 3}, 8)), LayerKind::GroupedConv);
    EXPECT_EQ(layerKind(convNode(8, 4, {3}, 1, "conv_transpose")), LayerKind::TransposedConv);
    Node noGroups = convNode(8, 4, {3, 3}, 1);
    noGroups.attrs = Attrs{};
    EXPECT_EQ(layerKind(noGroups), LayerKind::StandardConv);
}

TEST(LayerKind, OpsDecideTheOtherKinds) {
    for (const char* op : {"batch_norm", "layer_norm", "group_norm", "instance_norm"})
        EXPECT_EQ(layerKind(opNode(op)), LayerKind::Normalization) << op;
    for (const char* op : {"max_pool", "avg_pool", "adaptive_avg_pool", "adaptive_max_pool"})
        EXPECT_EQ(layerKind(opNode(op)), LayerKind::Pooling) << op;
    for (const char* op : {"relu", "sigmoid", "prelu", "clamp", "add", "sub", "mul", "div"})
        EXPECT_EQ(layerKind(opNode(op)), LayerKind::Elementwise) << op;
    for (const char* op : {"flatten", "reshape", "cat", "softmax", "mean", "pad"})
        EXPECT_EQ(layerKind(opNode(op)), LayerKind::Other) << op;
    EXPECT_EQ(layerKind(opNode("linear")), LayerKind::Linear);
    EXPECT_EQ(layerKind(opNode("opaque")), LayerKind::Opaque);
}

TEST(LayerKind, NamesRoundTripAndLabelsAreDistinct) {
    const std::vector<LayerKind>& kinds = allLayerKinds();
    ASSERT_EQ(kinds.size(), 11u);
    std::set<std::string> names, labels;
    for (size_t i = 0; i < kinds.size(); ++i) {
        EXPECT_EQ(static_cast<size_t>(kinds[i]), i);  // in the enum's order
        EXPECT_EQ(layerKindFromName(layerKindName(kinds[i])), kinds[i]);
        names.insert(layerKindName(kinds[i]));
        labels.insert(layerKindLabel(kinds[i]));
    }
    EXPECT_EQ(names.size(), kinds.size());
    EXPECT_EQ(labels.size(), kinds.size());
    EXPECT_STREQ(layerKindName(LayerKind::DepthwiseConv), "depthwise_conv");
    EXPECT_STREQ(layerKindLabel(LayerKind::PointwiseConv), "Pointwise conv");
    EXPECT_FALSE(layerKindFromName("conv"));
    EXPECT_FALSE(layerKindFromName(""));
}

TEST(LayerKind, LayerTableAndDecisionsCarryTheKinds) {
    const Graph graph = zooModel("ds_cnn");
    for (const LayerRow& row : layerTable(graph)) {
        EXPECT_EQ(row.kind, layerKind(*graph.findNode(row.node))) << row.node;
        if (row.kind == LayerKind::DepthwiseConv) {
            EXPECT_EQ(row.channels, 64) << row.node;
            EXPECT_EQ(row.kernel, (std::vector<int64_t>{3, 3})) << row.node;
        }
    }
    const Space space(graph, {Dimension{"channels"}, Dimension{"kernels"}});
    const Decisions decisions = space.decisions();
    ASSERT_FALSE(decisions.layers.empty());
    for (const LayerDecision& d : decisions.layers)
        EXPECT_EQ(d.kind, layerKind(*graph.findNode(d.node))) << d.node;
}

TEST(LayerKind, RunSummaryKeepsTheKinds) {
    const Graph graph = zooModel("ds_cnn");
    RunSummary summary;
    summary.decisions = Space(graph, {Dimension{"channels"}}).decisions();
    const auto dir = std::filesystem::temp_directory_path() / "secateur_layer_kind";
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "summary.json").string();
    saveRunSummary(summary, path);
    const RunSummary loaded = loadRunSummary(path);
    ASSERT_EQ(loaded.decisions.layers.size(), summary.decisions.layers.size());
    for (size_t i = 0; i < loaded.decisions.layers.size(); ++i)
        EXPECT_EQ(loaded.decisions.layers[i].kind, summary.decisions.layers[i].kind);

    // A summary written before "layer_kind" existed: the kind its op alone gives.
    nlohmann::json j = nlohmann::json::parse(std::ifstream(path));
    for (nlohmann::json& layer : j.at("layers")) layer.erase("layer_kind");
    std::ofstream(path) << j.dump();
    const RunSummary old = loadRunSummary(path);
    for (const LayerDecision& d : old.decisions.layers)
        EXPECT_EQ(d.kind, d.op == "linear" ? LayerKind::Linear : LayerKind::StandardConv);
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace secateur
