// A search dimension defined in this file, the way a new dimension file would define one, run
// through prepare, search, export and the invariants (docs/architecture.md); and the registry's own
// behaviour.
#include <gtest/gtest.h>

#include "engine/cost/cost.h"
#include "engine/cost/cost_model.h"
#include "engine/exec/run_graph.h"
#include "engine/export/prune.h"
#include "engine/search/search.h"
#include "engine/search/task.h"
#include "engine/space/dimension_def.h"
#include "engine/space/space_impl.h"
#include "engine/zoo/zoo.h"
#include "tests/engine/test_support.h"

namespace secateur {

void registerChannelsDimension(DimensionRegistry& registry);  // engine/space/registry.cpp

namespace {

// Toy dimension: whether each layer keeps its bias. One logit per layer with a bias; the forward
// pass multiplies the bias by the relaxed keep value; export zeroes a dropped bias.
class BiasGateState final : public DimensionState {
public:
    explicit BiasGateState(std::vector<int> nodes)
        : nodes_(std::move(nodes)),
          logits_(torch::full({static_cast<int64_t>(nodes_.size())}, 1.0F).requires_grad_(true)) {}

    std::string name() const override { return "bias_gates"; }
    std::vector<torch::Tensor> parameters() const override { return {logits_}; }
    void computeStep(const SpaceImpl&, StepMasks& masks) const override {
        const torch::Tensor hard = (logits_.detach() > 0).to(torch::kFloat32);
        masks.values[name()] = {Relaxed{hard, torch::sigmoid(logits_)}.value()};
    }
    bool changesParams(const SpaceImpl&, size_t node) const override { return slot(node) >= 0; }
    void applyToParams(const SpaceImpl&, size_t node, ParamMap& params, const StepMasks& masks,
                       const std::vector<torch::Tensor>&) const override {
        params["bias"] = params["bias"] * masks.values.at(name())[0][slot(node)];
    }
    void prepareExport(const SpaceImpl&, size_t node, Node& exported,
                       PruneContext&) const override {
        if (slot(node) >= 0 && !open()[static_cast<size_t>(slot(node))])
            exported.params["bias"] =
                fromTensor(torch::zeros_like(toTensor(exported.params["bias"])));
    }
    std::optional<Closable> closable(const SpaceImpl&) const override {
        return Closable{logits_, [this] { return open(); }};
    }
    void keepSmallest(SpaceImpl&) const override {
        torch::NoGradGuard noGrad;
        logits_.fill_(-10.0);
    }
    std::vector<bool> open() const {
        std::vector<bool> result;
        for (int64_t i = 0; i < logits_.numel(); ++i)
            result.push_back(logits_[i].item<float>() > 0);
        return result;
    }

private:
    int64_t slot(size_t node) const {
        const auto it = std::find(nodes_.begin(), nodes_.end(), static_cast<int>(node));
        return it == nodes_.end() ? -1 : it - nodes_.begin();
    }
    std::vector<int> nodes_;
    torch::Tensor logits_;
};

class BiasGateDimension final : public DimensionDef {
public:
    DimensionInfo info() const override {
        return {"bias_gates", "Bias gates", "Whether each layer keeps its bias",
                "layers with a bias", false};
    }
    std::string ineligible(const Node& node, const Graph&) const override {
        return isSearchableLayer(node) && node.params.count("bias") ? "" : "it has no bias";
    }
    void plan(SpacePlan& plan, const Graph&, const std::set<int>& nodes) const override {
        const std::vector<int> selected(nodes.begin(), nodes.end());
        plan.addState("bias_gates", [selected](const SpaceImpl&) {
            return std::make_unique<BiasGateState>(selected);
        });
    }
    std::optional<DimensionEntry> decide(const SpaceImpl& s, int node,
                                         LayerDecision&) const override {
        for (const auto& state : s.states)
            if (const auto* gates = dynamic_cast<const BiasGateState*>(state.get());
                gates && gates->changesParams(s, static_cast<size_t>(node)))
                return DimensionEntry{"bias"};
        return std::nullopt;
    }
};

DimensionRegistry toyRegistry() {
    DimensionRegistry registry("search dimension");
    registerChannelsDimension(registry);
    registry.add("bias_gates", std::make_shared<BiasGateDimension>());
    return registry;
}

const std::vector<Dimension> kToyDims{{"channels", {}, {}}, {"bias_gates", {}, {}}};

TEST(DimensionRegistry, ATestDefinedDimensionKeepsTheInvariants) {
    const DimensionRegistry registry = toyRegistry();
    const Graph seed = zooModel("ds_cnn", 3);
    const auto inputs = randomInputs(seed, 2, 5);
    {  // 1. nothing pruned gives back the seed
        Space space(seed, kToyDims, &registry);
        EXPECT_EQ(space.impl().states.size(), 2U);
        expectAllClose(runSearchableEval(space, inputs), runGraph(exportPruned(space), inputs),
                       "nothing pruned");
        expectAllClose(runGraph(seed, inputs), runGraph(exportPruned(space), inputs), "seed");
    }
    Space space(seed, kToyDims, &registry);
    space.randomizeDecisions(3, 0.0);
    const Graph exported = exportPruned(space);
    // 2. the searchable network and the export agree; 3. costs are exact at hard decisions
    expectAllClose(runSearchableEval(space, inputs), runGraph(exported, inputs), "random");
    for (const std::string& cost : {std::string("params"), std::string("macs")})
        EXPECT_EQ(costAt(space, cost), measure(exported).total(cost)) << cost;
    // The decisions name the toy dimension for the layers it searches.
    int searched = 0;
    for (const LayerDecision& d : space.decisions().layers) searched += d.searches("bias_gates");
    EXPECT_GT(searched, 0);
    // 4. every architecture parameter, the toy's included, gets a finite, non-zero gradient
    SpaceImpl& s = space.impl();
    const StepMasks masks = s.stepMasks();
    torch::Tensor loss = torch::zeros({});
    for (const auto& y : runSearchable(s, inputs, masks, true)) loss = loss + (y * y).mean();
    loss = loss + 1e-6 * CostModel(s, "macs").objective(masks).to(torch::kFloat32);
    loss.backward();
    for (const torch::Tensor& p : s.architectureParameters()) {
        ASSERT_TRUE(p.grad().defined());
        EXPECT_TRUE(torch::isfinite(p.grad()).all().item<bool>());
        EXPECT_GT(p.grad().abs().sum().item<double>(), 0.0);
    }
}

TEST(DimensionRegistry, ATestDefinedDimensionSearchesAndExports) {
    const DimensionRegistry registry = toyRegistry();
    const Graph seed = zooModel("ds_cnn", 3);
    const Task task = makeSyntheticTask(seed, {128, 64, 3});
    SearchOptions options;
    options.dimensions = kToyDims;
    options.dimensionRegistry = &registry;
    options.warmupEpochs = 0;
    options.searchEpochs = 1;
    options.finetuneEpochs = 0;
    const SearchResult result = runSearch(seed, task, options);
    EXPECT_EQ(result.measured.totals, measure(result.exported).totals);
    bool named = false;
    for (const LayerDecision& d : result.decisions.layers)
        named = named || d.searches("bias_gates");
    EXPECT_TRUE(named);
}

TEST(DimensionRegistry, NamesUnknownAndRepeatedDimensions) {
    const Graph seed = zooModel("ds_cnn", 3);
    EXPECT_EQ(errorOf([&] {
                  Space(seed, {Dimension{"kernals", {}, {}}});
              }),
              "unknown search dimension 'kernals' (did you mean 'kernels'?); known: channels, "
              "kernels, dilations, precision");
    EXPECT_NE(errorOf([&] {
                  Space(seed, {Dimension{"channels", {}, {}}, Dimension{"channels", {}, {}}});
              }).find("named twice"),
              std::string::npos);
    const DimensionRegistry registry = toyRegistry();
    EXPECT_EQ(errorOf([&] {
                  Space(seed, {Dimension{"bias_gates", {"conv1.conv"}, {}}}, &registry);
              }).find("bias_gates cannot apply to layer 'conv1.conv': it has no bias"),
              0U);
}

TEST(DimensionRegistry, CatalogListsTheBuiltInDimensionsInOrder) {
    EXPECT_EQ(dimensionNames(),
              (std::vector<std::string>{"channels", "kernels", "dilations", "precision"}));
    for (const DimensionInfo& info : dimensionCatalog()) {
        EXPECT_FALSE(info.label.empty()) << info.name;
        EXPECT_FALSE(info.description.empty()) << info.name;
        EXPECT_FALSE(info.eligible.empty()) << info.name;
    }
    EXPECT_EQ(defaultDimensions().size(), 3U);
    EXPECT_EQ(SearchOptions().dimensions, defaultDimensions());
}

}  // namespace
}  // namespace secateur
