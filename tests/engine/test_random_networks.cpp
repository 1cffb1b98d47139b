// The invariants of docs/architecture.md (as in test_invariants.cpp) over a few hundred seeded
// random networks. Each test checks every network and then reports all failing seeds, printing the
// smallest failing network in full. SECATEUR_RANDOM_NETWORKS=<count> and
// SECATEUR_RANDOM_NETWORK_SEED=<first seed> run other networks.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <random>
#include <set>
#include <sstream>

#include "engine/cost/cost.h"
#include "engine/cost/cost_model.h"
#include "engine/exec/executor.h"
#include "engine/exec/run_graph.h"
#include "engine/export/prune.h"
#include "tests/engine/file_round_trip.h"
#include "tests/engine/random_network.h"
#include "tests/engine/test_support.h"

namespace secateur {
namespace {

uint64_t environmentOr(const char* name, uint64_t fallback) {
    const char* value = std::getenv(name);
    return value && *value ? std::stoull(value) : fallback;
}

constexpr uint64_t kDefaultNetworks = 500;

std::vector<uint64_t> networkSeeds() {
    const uint64_t first = environmentOr("SECATEUR_RANDOM_NETWORK_SEED", 1);
    const uint64_t count = environmentOr("SECATEUR_RANDOM_NETWORKS", kDefaultNetworks);
    std::vector<uint64_t> seeds;
    for (uint64_t s = first; s < first + count; ++s) seeds.push_back(s);
    return seeds;
}

struct DimensionSet {
    std::string label;
    std::vector<Dimension> dims;
};

// Every dimension, then a random non-empty subset that sometimes excludes a random layer.
std::vector<DimensionSet> dimensionSets(const Graph& graph, uint64_t seed) {
    std::vector<DimensionSet> sets{{"all", dimensionsFor(graph, "all")}};
    std::mt19937_64 rng(seed * 7 + 3);
    const uint64_t subset = 1 + rng() % 7;
    std::vector<std::string> layers;
    for (const Node& node : graph.nodes())
        if (node.op == "conv" || node.op == "linear") layers.push_back(node.name);
    const std::string exclude =
        !layers.empty() && rng() % 3 == 0 ? layers[rng() % layers.size()] : "";
    std::vector<std::string> excluded;
    if (!exclude.empty()) excluded.push_back(exclude);
    DimensionSet set;
    if (subset & 1) set.dims.push_back(Dimension{"channels", {}, excluded});
    if (subset & 2) set.dims.push_back(Dimension{"kernels", {}, excluded});
    if (subset & 4) set.dims.push_back(Dimension{"dilations", {}, excluded});
    for (const Dimension& dim : set.dims) set.label += (set.label.empty() ? "" : "+") + dim.name;
    if (!exclude.empty()) set.label += " excluding " + exclude;
    sets.push_back(set);
    return sets;
}

// Like expectAllClose, but returns what differs ("" when all close) so failures can be collected.
std::string mismatch(const std::vector<torch::Tensor>& a, const std::vector<torch::Tensor>& b,
                     double tolerance = 1e-4) {
    std::ostringstream out;
    if (a.size() != b.size()) out << a.size() << " outputs vs " << b.size();
    for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
        if (a[i].sizes() != b[i].sizes()) {
            out << "output " << i << " shape " << a[i].sizes() << " vs " << b[i].sizes() << "; ";
            continue;
        }
        const double scale = std::max(1.0, a[i].abs().max().item<double>());
        const double diff = (a[i] - b[i]).abs().max().item<double>();
        if (!(diff <= tolerance * scale))
            out << "output " << i << " differs by " << diff << " (scale " << scale << "); ";
    }
    return out.str();
}

// The first line of an exception's text (LibTorch appends a backtrace).
std::string firstLine(const std::exception& e) {
    const std::string text = e.what();
    return text.substr(0, text.find('\n'));
}

std::string values(const torch::Tensor& t) {
    std::ostringstream out;
    const torch::Tensor flat = t.detach().to(torch::kDouble).view({-1});
    for (int64_t i = 0; i < flat.numel(); ++i) out << (i ? " " : "") << flat[i].item<double>();
    return "[" + out.str() + "]";
}

using Problems = std::vector<std::string>;
using Check = std::function<Problems(const Graph&, const std::vector<torch::Tensor>&,
                                     const DimensionSet&, uint64_t)>;

struct Failure {
    uint64_t seed;
    Graph graph;
    std::string what;
};

// Runs `check` over every network and dimension set, then reports the failing seeds and the
// smallest failing network.
void checkEveryNetwork(const Check& check) {
    std::vector<Failure> failures;
    const std::vector<uint64_t> seeds = networkSeeds();
    for (const uint64_t seed : seeds) {
        Graph graph;
        try {
            graph = randomNetwork(seed);
        } catch (const std::exception& e) {
            failures.push_back(
                {seed, Graph(), "the generator made an invalid network: " + firstLine(e)});
            continue;
        }
        const std::vector<torch::Tensor> inputs = randomInputs(graph, 3, seed);
        for (const DimensionSet& set : dimensionSets(graph, seed)) {
            try {
                for (const std::string& problem : check(graph, inputs, set, seed))
                    failures.push_back({seed, graph, "[" + set.label + "] " + problem});
            } catch (const std::exception& e) {
                failures.push_back({seed, graph, "[" + set.label + "] threw: " + firstLine(e)});
            }
        }
    }
    if (failures.empty()) return;
    std::set<uint64_t> failing;
    for (const Failure& f : failures) failing.insert(f.seed);
    std::ostringstream message;
    message << failing.size() << " of " << seeds.size() << " networks fail; seeds:";
    for (const uint64_t s : failing) message << " " << s;
    message << "\n";
    for (size_t i = 0; i < failures.size() && i < 12; ++i)
        message << "  seed " << failures[i].seed << ": " << failures[i].what << "\n";
    const auto smallest =
        std::min_element(failures.begin(), failures.end(), [](const Failure& a, const Failure& b) {
            return a.graph.nodes().size() < b.graph.nodes().size();
        });
    message << "Smallest failing network, seed " << smallest->seed << ": " << smallest->what << "\n"
            << describeNetwork(smallest->graph);
    ADD_FAILURE() << message.str();
}

TEST(RandomNetworks, NothingPrunedReproducesTheSeed) {
    checkEveryNetwork([](const Graph& graph, const std::vector<torch::Tensor>& inputs,
                         const DimensionSet& set, uint64_t) {
        Problems problems;
        const Space space(graph, set.dims);
        const auto reference = runGraph(graph, inputs);
        // With precision, the seed with its weights on their grid.
        const auto expected = runGraph(withNothingPruned(space.seed(), set.dims), inputs);
        const Graph exported = exportPruned(space);
        if (auto m = mismatch(expected, runSearchableEval(space, inputs)); !m.empty())
            problems.push_back("searchable != seed: " + m);
        if (auto m = mismatch(expected, runGraph(exported, inputs)); !m.empty())
            problems.push_back("exported != seed: " + m);
        // The seed as the space holds it (canonicalGraph: no idle nodes, pads folded) computes
        // what the seed computes, and is what the costs are compared with.
        if (auto m = mismatch(reference, runGraph(space.seed(), inputs)); !m.empty())
            problems.push_back("canonical seed != seed: " + m);
        for (const std::string& device : targetNames()) {
            const Measurement seedCost = measure(space.seed(), device),
                              exportedCost = measure(exported, device);
            for (const std::string& cost : costNames()) {
                const double seedValue = seedCost.total(cost),
                             atDecisions = costAt(space, cost, device);
                const std::string where = cost + " on " + device + " ";
                if (exportedCost.total(cost) != seedValue)
                    problems.push_back("measure(exported) " + where +
                                       std::to_string(exportedCost.total(cost)) +
                                       " != measure(seed) " + std::to_string(seedValue));
                if (!costsAgree(cost, atDecisions, seedValue))
                    problems.push_back("costAt " + where + std::to_string(atDecisions) +
                                       " != measure(seed) " + std::to_string(seedValue));
            }
        }
        return problems;
    });
}

TEST(RandomNetworks, RandomDecisionsExportExactly) {
    checkEveryNetwork([](const Graph& graph, const std::vector<torch::Tensor>& inputs,
                         const DimensionSet& set, uint64_t seed) {
        Problems problems;
        for (const double bias : {-3.0, -1.0, 0.5}) {
            Space space(graph, set.dims);
            const uint64_t decisionSeed = seed * 10 + static_cast<uint64_t>(bias + 3.0);
            space.randomizeDecisions(decisionSeed, bias);
            const std::string trial = "randomizeDecisions(" + std::to_string(decisionSeed) + ", " +
                                      std::to_string(bias) + "): ";
            const Graph exported = exportPruned(space);
            if (auto m = mismatch(runSearchableEval(space, inputs), runGraph(exported, inputs));
                !m.empty())
                problems.push_back(trial + "searchable != exported: " + m);
            for (const std::string& device : targetNames()) {
                const Measurement measured = measure(exported, device);
                for (const std::string& cost : costNames())
                    if (const double value = costAt(space, cost, device);
                        !costsAgree(cost, value, measured.total(cost)))
                        problems.push_back(trial + "costAt " + cost + " on " + device + " " +
                                           std::to_string(value) + " != measured " +
                                           std::to_string(measured.total(cost)));
            }
        }
        return problems;
    });
}

// An exported file is the truth (invariant 3, docs/architecture.md): the TorchScript file written
// for an export, imported again, costs on every target what the search reported.
TEST(RandomNetworks, ExportedFilesCostWhatTheSearchSaid) {
    const std::string file = testing::TempDir() + "/secateur_random_network.pt";
    checkEveryNetwork([&](const Graph& graph, const std::vector<torch::Tensor>&,
                          const DimensionSet& set, uint64_t seed) {
        Space space(graph, set.dims);
        space.randomizeDecisions(seed, -1.0);
        Problems problems;
        for (const std::string& p : fileRoundTripProblems(exportPruned(space), file))
            problems.push_back("randomizeDecisions(" + std::to_string(seed) + ", -1): " + p);
        return problems;
    });
}

TEST(RandomNetworks, EveryArchitectureParameterGetsAGradient) {
    checkEveryNetwork([](const Graph& graph, const std::vector<torch::Tensor>& inputs,
                         const DimensionSet& set, uint64_t) {
        Problems problems;
        Space space(graph, set.dims);
        space.randomizeDecisions(5, 1.0);
        SpaceImpl& s = space.impl();
        const StepMasks masks = s.stepMasks();
        torch::Tensor loss = torch::zeros({});
        for (const auto& y : runSearchable(s, inputs, masks, true)) loss = loss + (y * y).mean();
        const CostModel macs(s, "macs");
        loss = loss + 1e-6 * macs.evaluate(masks).to(torch::kFloat32);
        loss.backward();
        const std::vector<torch::Tensor> parameters = s.architectureParameters();
        for (size_t i = 0; i < parameters.size(); ++i) {
            const torch::Tensor& grad = parameters[i].grad();
            std::ostringstream what;
            what << "architecture parameter " << i << " " << parameters[i].sizes() << ": ";
            if (!grad.defined())
                problems.push_back(what.str() + "no gradient");
            else if (!torch::isfinite(grad).all().item<bool>() || !(grad != 0).all().item<bool>())
                problems.push_back(what.str() + "gradient " + values(grad));
        }
        return problems;
    });
}

// The generator is deterministic and, over the default seeds, uses every piece it promises.
TEST(RandomNetworks, GeneratorCoversEveryPiece) {
    std::set<std::string> seen;
    for (uint64_t seed = 1; seed <= kDefaultNetworks; ++seed) {
        const Graph graph = randomNetwork(seed);
        ASSERT_EQ(describeNetwork(graph), describeNetwork(randomNetwork(seed))) << "seed " << seed;
        const size_t rank = graph.tensor(graph.inputs()[0]).shape.size();
        seen.insert(rank == 2 ? "mlp" : rank == 3 ? "input 1-D" : "input 2-D");
        if (graph.outputs().size() > 1) seen.insert("two outputs");
        for (const Node& node : graph.nodes()) {
            seen.insert(node.op);
            if (node.op == "prelu")
                seen.insert(node.params.at("weight").shape[0] > 1 ? "prelu per channel"
                                                                  : "prelu single");
            if (node.op == "mean")
                seen.insert(node.attrs.getInt("keepdim") ? "mean keepdim" : "mean");
            if (node.op != "conv") continue;
            const Shape& w = node.params.at("weight").shape;
            const int64_t groups = node.attrs.getInt("groups");
            seen.insert("conv " + std::to_string(w.size() - 2) + "-D");
            if (groups > 1) seen.insert(groups == w[0] && w[1] == 1 ? "depthwise" : "grouped");
            if (!node.params.count("bias")) seen.insert("conv without bias");
            const auto& stride = node.attrs.getInts("stride");
            const auto& dilation = node.attrs.getInts("dilation");
            const auto& begin = node.attrs.getInts("padding_begin");
            const auto& end = node.attrs.getInts("padding_end");
            if (*std::max_element(stride.begin(), stride.end()) > 1) seen.insert("strided");
            if (*std::max_element(dilation.begin(), dilation.end()) > 1) seen.insert("dilated");
            if (begin != end)
                seen.insert(end[0] == 0 && w.size() == 3 ? "causal" : "asymmetric padding");
            if (w.back() % 2 == 0) seen.insert("even kernel");
        }
    }
    for (const char* piece : {"mlp",
                              "input 1-D",
                              "input 2-D",
                              "two outputs",
                              "conv 1-D",
                              "conv 2-D",
                              "depthwise",
                              "grouped",
                              "conv without bias",
                              "strided",
                              "dilated",
                              "causal",
                              "asymmetric padding",
                              "even kernel",
                              "linear",
                              "batch_norm",
                              "relu",
                              "relu6",
                              "hardtanh",
                              "leaky_relu",
                              "gelu",
                              "silu",
                              "hardswish",
                              "hardsigmoid",
                              "sigmoid",
                              "tanh",
                              "prelu per channel",
                              "prelu single",
                              "max_pool",
                              "avg_pool",
                              "adaptive_avg_pool",
                              "add",
                              "sub",
                              "mul",
                              "cat",
                              "split",
                              "flatten",
                              "reshape",
                              "permute",
                              "transpose",
                              "mean",
                              "mean keepdim",
                              "stack",
                              "pad",
                              "amax",
                              "amin",
                              "std",
                              "var",
                              "layer_norm",
                              "group_norm",
                              "instance_norm",
                              "log_softmax",
                              "clamp",
                              "sqrt",
                              "abs",
                              "exp",
                              "div",
                              "upsample",
                              "conv_transpose"})
        EXPECT_TRUE(seen.count(piece)) << "no generated network has: " << piece;
}

}  // namespace
}  // namespace secateur
