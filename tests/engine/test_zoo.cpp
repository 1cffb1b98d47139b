// The zoo's seed models: shapes, names, reference figures, determinism and a plain forward pass.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/graph/ops/op.h"
#include "engine/util/error.h"
#include "engine/zoo/zoo.h"

namespace secateur {
namespace {

// Output shapes (batch 1) documented in docs/zoo.md.
const std::map<std::string, std::vector<Shape>>& documentedOutputs() {
    static const std::map<std::string, std::vector<Shape>> outputs = {
        {"ds_cnn", {{1, 12}}},
        {"resnet8", {{1, 10}}},
        {"temponet", {{1, 1}}},
        {"ecg_tcn", {{1, 5}}},
        {"mobilenet_v1_tiny", {{1, 10}}},
        {"mobilenet_v2_tiny", {{1, 10}}},
        {"se_net_tiny", {{1, 10}}},
        {"fire_net", {{1, 10}}},
        {"shuffle_net_tiny", {{1, 10}}},
        {"two_head_net", {{1, 10}, {1, 1}}},
        {"mlp_autoencoder", {{1, 128}}},
        {"kws_mixer", {{1, 12}}},
    };
    return outputs;
}

bool isConvOrLinear(const Node& node) {
    return node.op == "conv" || node.op == "linear";
}

// Conv and linear weights only (no biases, batch norms or PReLU slopes), as MLPerf counts them.
int64_t weightCount(const Graph& graph) {
    int64_t total = 0;
    for (const Node& node : graph.nodes())
        if (isConvOrLinear(node)) total += node.params.at("weight").numel();
    return total;
}

// Multiply-accumulates of conv and linear layers for batch 1.
int64_t macCount(const Graph& graph) {
    int64_t total = 0;
    for (const Node& node : graph.nodes()) {
        if (!isConvOrLinear(node)) continue;
        const Weight& w = node.params.at("weight");
        const int64_t perOutput = w.numel() / w.shape.at(0);
        total += numel(graph.tensor(node.outputs.at(0)).shape) * perOutput;
    }
    return total;
}

int64_t parameterCount(const Graph& graph) {
    int64_t total = 0;
    for (const Node& node : graph.nodes())
        for (const auto& param : node.params) total += param.second.numel();
    return total;
}

TEST(Zoo, ListsAtLeastElevenModelsWithUniqueNames) {
    const std::vector<ZooEntry> entries = zooModels();
    EXPECT_GE(entries.size(), 11u);
    std::set<std::string> names;
    for (const ZooEntry& entry : entries) {
        EXPECT_TRUE(names.insert(entry.name).second) << "duplicate " << entry.name;
        EXPECT_FALSE(entry.description.empty()) << entry.name;
        EXPECT_FALSE(entry.task.empty()) << entry.name;
        EXPECT_EQ(entry.inputShape.at(0), 1) << entry.name;
        EXPECT_EQ(documentedOutputs().count(entry.name), 1u) << entry.name << " is undocumented";
    }
    EXPECT_EQ(names.size(), documentedOutputs().size());
}

TEST(Zoo, EveryModelHasItsInputAndOutputShapes) {
    for (const ZooEntry& entry : zooModels()) {
        SCOPED_TRACE(entry.name);
        const Graph graph = zooModel(entry.name);
        ASSERT_EQ(graph.inputs().size(), 1u);
        EXPECT_EQ(graph.tensor(graph.inputs()[0]).shape, entry.inputShape);
        const std::vector<Shape>& expected = documentedOutputs().at(entry.name);
        ASSERT_EQ(graph.outputs().size(), expected.size());
        for (size_t i = 0; i < expected.size(); ++i)
            EXPECT_EQ(graph.tensor(graph.outputs()[i]).shape, expected[i]) << "output " << i;
    }
}

TEST(Zoo, NodeNamesAreUnique) {
    for (const ZooEntry& entry : zooModels()) {
        const Graph graph = zooModel(entry.name);
        std::set<std::string> names;
        for (const Node& node : graph.nodes()) {
            EXPECT_FALSE(node.name.empty()) << entry.name;
            EXPECT_TRUE(names.insert(node.name).second) << entry.name << ": " << node.name;
        }
    }
}

TEST(Zoo, UnknownModelThrowsListingKnownOnes) {
    try {
        zooModel("nope");
        FAIL() << "expected an Error";
    } catch (const Error& error) {
        const std::string message = error.what();
        EXPECT_NE(message.find("nope"), std::string::npos) << message;
        for (const ZooEntry& entry : zooModels())
            EXPECT_NE(message.find(entry.name), std::string::npos) << message;
    }
}

// MLPerf Tiny: DS-CNN 22,016 weights, 2.66 M MACs.
TEST(Zoo, DsCnnMatchesMlPerfFigures) {
    const Graph graph = zooModel("ds_cnn");
    EXPECT_EQ(weightCount(graph), 22016);
    EXPECT_EQ(macCount(graph), 2656768);
}

// MLPerf Tiny: ResNet-8 77,360 weights, 12.5 M MACs.
TEST(Zoo, ResNet8MatchesMlPerfFigures) {
    const Graph graph = zooModel("resnet8");
    EXPECT_EQ(weightCount(graph), 77360);
    EXPECT_EQ(macCount(graph), 12501632);
}

TEST(Zoo, SeedDecidesTheWeights) {
    for (const ZooEntry& entry : zooModels()) {
        const Graph a = zooModel(entry.name, 7), b = zooModel(entry.name, 7);
        const Graph c = zooModel(entry.name, 8);
        ASSERT_EQ(a.nodes().size(), c.nodes().size());
        bool differs = false;
        for (size_t i = 0; i < a.nodes().size(); ++i) {
            ASSERT_EQ(a.nodes()[i].name, b.nodes()[i].name);
            for (const auto& param : a.nodes()[i].params) {
                EXPECT_EQ(param.second.values, b.nodes()[i].params.at(param.first).values)
                    << entry.name << ": " << a.nodes()[i].name;
                differs =
                    differs || param.second.values != c.nodes()[i].params.at(param.first).values;
            }
        }
        EXPECT_TRUE(differs) << entry.name;
    }
}

TEST(Zoo, EveryActivationKindAppears) {
    std::set<std::string> used;
    for (const ZooEntry& entry : zooModels()) {
        const Graph graph = zooModel(entry.name);
        for (const Node& node : graph.nodes()) used.insert(node.op);
    }
    for (const char* kind :
         {"relu",     "relu6",     "hardtanh",    "leaky_relu", "gelu",
          "silu",     "hardswish", "hardsigmoid", "sigmoid",    "tanh",
          "identity", "prelu",     "max_pool",    "avg_pool",   "adaptive_avg_pool",
          "reshape",  "permute",   "transpose",   "mean",       "add",
          "sub",      "mul",       "cat",         "split"})
        EXPECT_EQ(used.count(kind), 1u) << kind << " appears in no zoo model";
}

// Runs each node's forward in order at batch 2; checks the inferred shapes, finite outputs and a
// CPU-sized cost, and prints each model's figures for docs/zoo.md.
TEST(Zoo, ForwardAtBatchTwoMatchesInferredShapes) {
    torch::NoGradGuard noGrad;
    torch::manual_seed(0);
    for (const ZooEntry& entry : zooModels()) {
        SCOPED_TRACE(entry.name);
        const Graph graph = zooModel(entry.name);
        std::map<int, torch::Tensor> values;
        Shape inputShape = entry.inputShape;
        inputShape[0] = 2;
        values[graph.inputs()[0]] = torch::randn(inputShape);
        const auto start = std::chrono::steady_clock::now();
        for (const Node& node : graph.nodes()) {
            TensorList in;
            for (const int id : node.inputs) in.push_back(values.at(id));
            ParamMap params;
            for (const auto& p : node.params) params[p.first] = toTensor(p.second);
            for (const auto& p : node.buffers) params[p.first] = toTensor(p.second);
            const TensorList out = opDef(node.op).forward(node, in, params, false);
            ASSERT_EQ(out.size(), node.outputs.size()) << node.name;
            for (size_t i = 0; i < out.size(); ++i) {
                Shape expected = graph.tensor(node.outputs[i]).shape;
                expected[0] = 2;
                ASSERT_EQ(out[i].sizes().vec(), expected) << node.name;
                values[node.outputs[i]] = out[i];
            }
        }
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count();
        for (const int id : graph.outputs())
            EXPECT_TRUE(torch::isfinite(values.at(id)).all().item<bool>());
        EXPECT_LE(macCount(graph), 30000000) << "too heavy for CPU tests";
        std::cout << entry.name << ": params " << parameterCount(graph) << ", conv/linear weights "
                  << weightCount(graph) << ", MACs " << macCount(graph) << ", forward(batch 2) "
                  << ms << " ms\n";
    }
}

}  // namespace
}  // namespace secateur
