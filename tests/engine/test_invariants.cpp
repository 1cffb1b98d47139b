// The invariants of docs/architecture.md over every zoo model and every search dimension.
#include <gtest/gtest.h>

#include "engine/cost/cost.h"
#include "engine/cost/cost_model.h"
#include "engine/exec/executor.h"
#include "engine/exec/run_graph.h"
#include "engine/export/prune.h"
#include "engine/graph/serialize.h"
#include "engine/zoo/zoo.h"
#include "tests/engine/file_round_trip.h"
#include "tests/engine/test_support.h"

namespace secateur {
namespace {

struct Case {
    std::string model;
    std::string dims;
};

void PrintTo(const Case& c, std::ostream* out) {
    *out << c.model << "/" << c.dims;
}

std::string caseName(const testing::TestParamInfo<Case>& info) {
    return info.param.model + "_" + info.param.dims;
}

std::vector<Case> allCases() {
    std::vector<Case> cases;
    for (const ZooEntry& entry : zooModels())
        for (const char* dims : {"channels", "kernels", "dilations", "precision", "all"})
            cases.push_back({entry.name, dims});
    return cases;
}

class Invariants : public testing::TestWithParam<Case> {
protected:
    void SetUp() override {
        seed_ = zooModel(GetParam().model, 7);
        inputs_ = randomInputs(seed_, 3, 11);
    }
    std::vector<Dimension> dims() const { return dimensionsFor(seed_, GetParam().dims); }

    Graph seed_;
    std::vector<torch::Tensor> inputs_;
};

TEST_P(Invariants, NothingPrunedReproducesTheSeed) {
    const Space space(seed_, dims());
    const auto reference = runGraph(withNothingPruned(space.seed(), dims()), inputs_);
    const auto searchable = runSearchableEval(space, inputs_);
    const Graph exported = exportPruned(space);
    expectAllClose(reference, searchable, "searchable");
    expectAllClose(reference, runGraph(exported, inputs_), "exported");
    for (const std::string& device : targetNames()) {
        EXPECT_EQ(measure(exported, device).totals, measure(seed_, device).totals);
        for (const std::string& cost : costNames())
            EXPECT_TRUE(
                costsAgree(cost, costAt(space, cost, device), measure(seed_, device).total(cost)))
                << cost << " on " << device;
    }
}

TEST_P(Invariants, RandomDecisionsExportExactly) {
    for (const uint64_t trial : {1, 2, 3}) {
        Space space(seed_, dims());
        space.randomizeDecisions(trial, 0.5);
        const Graph exported = exportPruned(space);
        expectAllClose(runSearchableEval(space, inputs_), runGraph(exported, inputs_), "exported");
        for (const std::string& device : targetNames()) {
            const Measurement m = measure(exported, device);
            for (const std::string& cost : costNames())
                EXPECT_TRUE(costsAgree(cost, costAt(space, cost, device), m.total(cost)))
                    << cost << " on " << device << ", trial " << trial << ": "
                    << costAt(space, cost, device) << " != " << m.total(cost);
        }
    }
}

TEST_P(Invariants, EveryArchitectureParameterGetsAGradient) {
    for (const std::string& cost : costNames()) {
        Space space(seed_, dims());
        space.randomizeDecisions(5, 1.0);
        SpaceImpl& s = space.impl();
        const StepMasks masks = s.stepMasks();
        const auto outputs = runSearchable(s, inputs_, masks, true);
        torch::Tensor loss = torch::zeros({});
        for (const auto& y : outputs) loss = loss + (y * y).mean();
        const CostModel model(s, cost);
        loss = loss + 1e-6 * model.objective(masks).to(torch::kFloat32);
        loss.backward();
        // A peak (peak_ram) reaches only what is live at the peak; every other cost reaches all.
        const bool peak = costDef(cost).aggregation() == Aggregation::MaxOfGroups;
        double total = 0.0;
        for (const torch::Tensor& p : s.architectureParameters()) {
            ASSERT_TRUE(p.grad().defined()) << cost;
            EXPECT_TRUE(torch::isfinite(p.grad()).all().item<bool>()) << cost;
            if (!peak) {
                EXPECT_TRUE((p.grad() != 0).all().item<bool>()) << cost << " " << p.sizes();
            }
            total += p.grad().abs().sum().item<double>();
        }
        if (!s.architectureParameters().empty()) {
            EXPECT_GT(total, 0.0) << cost;
        }
    }
}

TEST_P(Invariants, TrainedDecisionsExportExactlyAndRoundTrip) {
    Space space(seed_, dims());
    SpaceImpl& s = space.impl();
    const CostModel macs(s, "macs");
    const double seedMacs = static_cast<double>(measure(seed_).count("macs"));
    torch::optim::Adam weights(s.weightParameters(), torch::optim::AdamOptions(1e-2));
    std::optional<torch::optim::Adam> architecture;
    if (!s.architectureParameters().empty())
        architecture.emplace(s.architectureParameters(), torch::optim::AdamOptions(0.2));
    for (int step = 0; step < 12; ++step) {
        const auto batch = randomInputs(seed_, 4, 100 + static_cast<uint64_t>(step));
        weights.zero_grad();
        if (architecture) architecture->zero_grad();
        const StepMasks masks = s.stepMasks();
        torch::Tensor loss = (macs.evaluate(masks) / seedMacs).to(torch::kFloat32);
        for (const auto& y : runSearchable(s, batch, masks, true)) loss = loss + y.pow(2).mean();
        loss.backward();
        weights.step();
        if (architecture) architecture->step();
    }
    const Graph exported = exportPruned(space);
    expectAllClose(runSearchableEval(space, inputs_), runGraph(exported, inputs_), "trained");
    for (const std::string& cost : costNames())
        EXPECT_TRUE(costsAgree(cost, costAt(space, cost), measure(exported).total(cost))) << cost;
    const std::string path =
        testing::TempDir() + "/secateur_" + GetParam().model + "_" + GetParam().dims + ".json";
    saveGraph(exported, path);
    expectAllClose(runGraph(exported, inputs_), runGraph(loadGraph(path), inputs_), "reloaded",
                   0.0);
    // The written TorchScript file, imported again, costs what the search reported.
    expectFileCostsWhatTheSearchSaid(exported, path.substr(0, path.size() - 5) + ".pt");
}

INSTANTIATE_TEST_SUITE_P(Zoo, Invariants, testing::ValuesIn(allCases()), caseName);

}  // namespace
}  // namespace secateur
