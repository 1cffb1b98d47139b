// The open cost registry: what the built-in costs declare, name errors, and the cost model's
// general terms (any number of factors) and peak aggregation, checked with costs defined here the
// way a new cost file would define them.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "engine/cost/cost.h"
#include "engine/cost/cost_def.h"
#include "engine/cost/cost_model.h"
#include "engine/export/prune.h"
#include "engine/space/space.h"
#include "engine/util/error.h"
#include "engine/zoo/zoo.h"
#include "tests/engine/test_support.h"

namespace secateur {
namespace {

bool isConv(const Node& node) {
    return node.op == "conv";
}

// Per convolution: out channels squared x input channels per group x taps, a four-factor term
// (a made-up count with the shape of a flash or latency term in a kept-channel product).
class SquaredOutCost final : public CostDef {
public:
    CostInfo info() const override { return {"squared_out", "unit", "Squared out", "", true, ""}; }
    std::vector<CostTerm> nodeTerms(const Node& node, int index, const Graph&,
                                    const Target&) const override {
        if (!isConv(node) || node.attrs.getInt("groups", 1) != 1) return {};
        const CostFactor out{CostFactor::Kind::Channels, node.outputs[0], 1};
        const CostFactor in{CostFactor::Kind::Channels, node.inputs[0], 1};
        const CostFactor taps{CostFactor::Kind::Taps, index, 0};
        return {{1.0, {out, out, in, taps}}};
    }
    double measureNode(const Node& node, const Graph&, const Target&) const override {
        if (!isConv(node) || node.attrs.getInt("groups", 1) != 1) return 0.0;
        const Shape& w = node.params.at("weight").shape;
        return static_cast<double>(w[0]) * static_cast<double>(numel(w));
    }
};

// The largest MACs of any one node: each node's MAC terms form one group.
class PeakNodeMacsCost final : public CostDef {
public:
    CostInfo info() const override { return {"peak_macs", "MAC", "Peak node MACs", "", true, ""}; }
    Aggregation aggregation() const override { return Aggregation::MaxOfGroups; }
    std::vector<PlacedTerm> terms(const Graph& graph, const Target&) const override {
        std::vector<PlacedTerm> placed;
        for (size_t n = 0; n < graph.nodes().size(); ++n) {
            const Node& node = graph.nodes()[n];
            const int index = static_cast<int>(n);
            for (CostTerm& term : opDef(node.op).costTerms(node, index, graph).macs)
                placed.push_back({index, index, std::move(term)});
        }
        return placed;
    }
    // The peak node's MACs; every other node 0, so that the nodes sum to the peak.
    std::vector<double> measureNodes(const Graph& graph, const Target&) const override {
        std::vector<double> macs;
        for (const Node& node : graph.nodes())
            macs.push_back(static_cast<double>(opDef(node.op).measureMacs(node, graph)));
        const auto peak = std::max_element(macs.begin(), macs.end());
        std::vector<double> values(macs.size(), 0.0);
        if (peak != macs.end()) values[static_cast<size_t>(peak - macs.begin())] = *peak;
        return values;
    }
};

Target defaultTarget() {
    return target(kDefaultTarget);
}

double measured(const CostDef& cost, const Graph& graph) {
    double total = 0.0;
    for (const double v : cost.measureNodes(graph, defaultTarget())) total += v;
    return total;
}

TEST(CostRegistry, BuiltInCostsDeclareThemselves) {
    const std::vector<CostInfo>& catalog = costCatalog();
    ASSERT_GE(catalog.size(), 2u);
    EXPECT_EQ(catalog[0].name, "params");
    EXPECT_EQ(catalog[0].label, "Parameters");
    EXPECT_EQ(catalog[1].name, "macs");
    EXPECT_EQ(catalog[1].unit, "MAC");
    std::set<std::string> names;
    for (const CostInfo& info : catalog) {
        EXPECT_TRUE(names.insert(info.name).second) << info.name << " twice";
        EXPECT_FALSE(info.label.empty()) << info.name;
        EXPECT_FALSE(info.unit.empty()) << info.name;
        EXPECT_FALSE(info.description.empty()) << info.name;
        EXPECT_EQ(info.exact, info.error.empty()) << info.name << ": an estimate states its error";
        EXPECT_EQ(costInfo(info.name).label, info.label);
    }
    EXPECT_EQ(costNames().size(), catalog.size());
}

TEST(CostRegistry, AnUnknownCostIsNamedWithTheNearestOne) {
    try {
        checkCostName("mac");
        FAIL() << "no error";
    } catch (const Error& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("unknown cost 'mac'"), std::string::npos) << message;
        EXPECT_NE(message.find("did you mean 'macs'"), std::string::npos) << message;
        EXPECT_NE(message.find("params"), std::string::npos) << message;
    }
    EXPECT_THROW(costInfo("latency_s"), Error);
    // A cost may be named without its unit suffix.
    EXPECT_EQ(canonicalCostName("latency"), "latency_ms");
    EXPECT_EQ(canonicalCostName("energy"), "energy_uj");
    EXPECT_EQ(costInfo("latency").name, "latency_ms");
    EXPECT_THROW(canonicalCostName("lat"), Error);
}

TEST(CostRegistry, MeasurementHoldsEveryCostPerLayer) {
    const Graph graph = zooModel("ds_cnn", 3);
    const Measurement m = measure(graph);
    ASSERT_EQ(m.layers.size(), graph.nodes().size());
    for (const std::string& name : costNames()) {
        double sum = 0.0;
        for (const LayerCost& layer : m.layers) sum += layer.costs.at(name);
        EXPECT_DOUBLE_EQ(sum, m.total(name)) << name;
    }
    EXPECT_GT(m.count("params"), 0);
}

TEST(CostRegistry, TermsOfFourFactorsAreExactAtHardDecisions) {
    const SquaredOutCost cost;
    const Graph seed = zooModel("ds_cnn", 3);
    for (const uint64_t trial : {1, 2, 3}) {
        Space space(seed, {Dimension{"channels"}, Dimension{"kernels"}});
        space.randomizeDecisions(trial, 0.5);
        const CostModel model(space.impl(), cost, defaultTarget());
        torch::NoGradGuard noGrad;
        const double value = model.evaluate(space.impl().stepMasks()).item<double>();
        EXPECT_EQ(value, measured(cost, exportPruned(space))) << "trial " << trial;
        EXPECT_GT(value, 0.0);
    }
}

TEST(CostRegistry, APeakIsExactAtHardDecisionsAndSmoothForTheSearch) {
    const PeakNodeMacsCost cost;
    const Graph seed = zooModel("ds_cnn", 3);
    Space space(seed, {Dimension{"channels"}, Dimension{"kernels"}});
    space.randomizeDecisions(4, 0.5);
    SpaceImpl& s = space.impl();
    const CostModel model(s, cost, defaultTarget());
    const StepMasks masks = s.stepMasks();
    const torch::Tensor peak = model.evaluate(masks);
    EXPECT_EQ(peak.item<double>(), measured(cost, exportPruned(space)));
    // The smooth maximum is at least the peak and at most 2 % of it x log(groups) above it.
    const double smooth = model.objective(masks).item<double>();
    const double groups = static_cast<double>(seed.nodes().size());
    EXPECT_GE(smooth, peak.item<double>());
    EXPECT_LE(smooth, peak.item<double>() * (1.0 + 0.02 * std::log(groups)) + 1e-9);
    // Per node: the peak node's terms only, summing to the peak.
    EXPECT_EQ(model.perNode(masks).sum().item<double>(), peak.item<double>());
    EXPECT_EQ((model.perNode(masks) > 0).sum().item<int64_t>(), 1);
    // The search's objective reaches the architecture parameters.
    model.objective(masks).backward();
    double gradient = 0.0;
    for (const torch::Tensor& p : s.architectureParameters())
        if (p.grad().defined()) gradient += p.grad().abs().sum().item<double>();
    EXPECT_GT(gradient, 0.0);
}

}  // namespace
}  // namespace secateur
