// The execution plan and peak_ram: a hand-checked residual block, and peak_ram against an
// independent simulation that runs the exported network op by op and keeps every real output tensor
// alive from its producer to its last reader.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "engine/cost/cost.h"
#include "engine/export/prune.h"
#include "engine/graph/builder.h"
#include "engine/graph/ops/op.h"
#include "engine/plan/plan.h"
#include "engine/space/space.h"
#include "engine/zoo/zoo.h"
#include "tests/engine/random_network.h"
#include "tests/engine/test_support.h"

namespace secateur {
namespace {

ConvOptions padOne() {
    ConvOptions o;
    o.padding = {1};
    return o;
}

// x [1,4,8] -> conv 8 -> relu (in place) -> conv 8 -> add(relu, conv): 32 + 64, 64, 64 + 64,
// 64 + 64 + 64 elements live at the four steps.
Graph residualBlock() {
    GraphBuilder b(3);
    const int x = b.input("x", {1, 4, 8});
    const int c1 = b.conv(x, 8, {3}, padOne(), "c1");
    const int r = b.activation("relu", c1, "r");
    const int c2 = b.conv(r, 8, {3}, padOne(), "c2");
    b.output(b.add(r, c2, "sum"));
    return b.build();
}

TEST(ExecutionPlan, ResidualBranchesHoldTheirBuffersAndActivationsRunInPlace) {
    const Graph graph = residualBlock();
    const ExecutionPlan plan = planExecution(graph);
    ASSERT_EQ(plan.steps.size(), 4u);
    std::vector<int64_t> live;
    for (const PlanStep& step : plan.steps) live.push_back(step.liveElements);
    EXPECT_EQ(live, (std::vector<int64_t>{96, 64, 128, 192}));
    EXPECT_EQ(plan.peakStep(), 3);
    EXPECT_EQ(plan.peakElements(), 192);
    // relu writes into the conv's buffer.
    EXPECT_EQ(plan.bufferOf[static_cast<size_t>(graph.nodes()[1].outputs[0])],
              plan.bufferOf[static_cast<size_t>(graph.nodes()[0].outputs[0])]);
    const Measurement int8 = measure(graph, "cortex-m7"), float32 = measure(graph, "host");
    EXPECT_EQ(int8.total("peak_ram"), 192.0);
    EXPECT_EQ(float32.total("peak_ram"), 768.0);
    // Per layer: each node's buffers live at the peak; they sum to the peak.
    EXPECT_EQ(int8.layers[0].costs.at("peak_ram"), 64.0);  // the conv/relu buffer
    EXPECT_EQ(int8.layers[2].costs.at("peak_ram"), 64.0);
    EXPECT_EQ(int8.layers[3].costs.at("peak_ram"), 64.0);
}

TEST(ExecutionPlan, AnActivationWhoseInputIsReadLaterGetsItsOwnBuffer) {
    GraphBuilder b(4);
    const int x = b.input("x", {1, 4, 8});
    const int c = b.conv(x, 8, {1}, {}, "c");
    const int r = b.activation("relu", c, "r");
    b.output(b.add(c, r, "sum"));
    const Graph graph = b.build();
    const ExecutionPlan plan = planExecution(graph);
    EXPECT_NE(plan.bufferOf[static_cast<size_t>(r)], plan.bufferOf[static_cast<size_t>(c)]);
    EXPECT_EQ(plan.peakElements(), 3 * 64);
}

// Runs `graph` op by op on real tensors. A storage is freed after its last reader; an in-place op
// overwrites its input's storage when nothing reads it later, a view shares it. Returns the most
// elements held at once (during a step: its inputs, its outputs and everything waiting).
int64_t simulatePeak(const Graph& graph) {
    const auto& nodes = graph.nodes();
    std::map<int, int> readsLeft;  // tensor -> reads still to come
    for (const Node& node : nodes)
        for (const int t : node.inputs) ++readsLeft[t];
    const std::set<int> outputs(graph.outputs().begin(), graph.outputs().end());
    std::map<int, torch::Tensor> values;
    std::map<int, int> storageOf;          // tensor -> storage id
    std::map<int, int64_t> storageSize;    // live storages
    std::map<int, std::set<int>> holders;  // storage -> tensors still needed
    int nextStorage = 0;
    const auto inputs = randomInputs(graph, 1, 5);
    for (size_t i = 0; i < graph.inputs().size(); ++i) {
        const int t = graph.inputs()[i];
        values[t] = inputs[i];
        storageOf[t] = nextStorage;
        storageSize[nextStorage] = inputs[i].numel();
        holders[nextStorage++].insert(t);
    }
    const auto needed = [&](int t) { return readsLeft[t] > 0 || outputs.count(t) > 0; };
    int64_t peak = 0;
    for (const Node& node : nodes) {
        TensorList in;
        for (const int t : node.inputs) in.push_back(values.at(t));
        ParamMap params;
        for (const auto& [name, w] : node.params) params[name] = toTensor(w);
        for (const auto& [name, w] : node.buffers) params[name] = toTensor(w);
        const TensorList out = opDef(node.op).forward(node, in, params, false);
        for (const int t : node.inputs) --readsLeft[t];
        for (size_t o = 0; o < node.outputs.size(); ++o) {
            const int y = node.outputs[o];
            values[y] = out[o];
            const OutputBuffer use = o == 0 && !node.inputs.empty()
                                         ? opDef(node.op).outputBuffer(node)
                                         : OutputBuffer::Own;
            bool shares = false;
            if (use != OutputBuffer::Own && out[o].numel() == in[0].numel()) {
                const int s = storageOf.at(node.inputs[0]);
                shares = use == OutputBuffer::View ||
                         std::none_of(holders[s].begin(), holders[s].end(), needed);
                if (shares) storageOf[y] = s;
            }
            if (!shares) {
                storageOf[y] = nextStorage;
                storageSize[nextStorage++] = out[o].numel();
            }
            holders[storageOf[y]].insert(y);
        }
        int64_t live = 0;
        for (const auto& entry : storageSize) live += entry.second;
        peak = std::max(peak, live);
        for (auto it = storageSize.begin(); it != storageSize.end();) {
            const std::set<int>& h = holders[it->first];
            it = std::any_of(h.begin(), h.end(), needed) ? std::next(it) : storageSize.erase(it);
        }
    }
    return peak;
}

void expectPeakMatchesSimulation(const Graph& graph, const std::string& what) {
    const int64_t simulated = simulatePeak(graph);
    for (const Target& device : targetCatalog())
        EXPECT_EQ(measure(graph, device.name).total("peak_ram"),
                  static_cast<double>(simulated * device.activationBytes))
            << what << " on " << device.name;
}

TEST(PeakRam, EqualsASimulationOfTheExportOverTheZoo) {
    torch::NoGradGuard noGrad;
    for (const ZooEntry& entry : zooModels()) {
        const Graph seed = zooModel(entry.name, 2);
        expectPeakMatchesSimulation(seed, entry.name);
        Space space(seed, {Dimension{"channels"}, Dimension{"kernels"}, Dimension{"dilations"}});
        space.randomizeDecisions(8, 0.3);
        const Graph exported = exportPruned(space);
        expectPeakMatchesSimulation(exported, entry.name + " pruned");
        EXPECT_EQ(costAt(space, "peak_ram"), measure(exported).total("peak_ram")) << entry.name;
    }
}

TEST(PeakRam, EqualsASimulationOfTheExportOverRandomNetworks) {
    torch::NoGradGuard noGrad;
    for (uint64_t seed = 1; seed <= 40; ++seed) {
        const Graph graph = randomNetwork(seed);
        Space space(graph, {Dimension{"channels"}, Dimension{"kernels"}});
        space.randomizeDecisions(seed, -0.5);
        const Graph exported = exportPruned(space);
        expectPeakMatchesSimulation(exported, "random network " + std::to_string(seed));
        EXPECT_EQ(costAt(space, "peak_ram"), measure(exported).total("peak_ram"))
            << describeNetwork(graph);
    }
}

}  // namespace
}  // namespace secateur
