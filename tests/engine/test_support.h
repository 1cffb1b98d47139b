// Helpers shared by the engine tests.
#pragma once

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <string>
#include <vector>

#include "engine/cost/cost.h"
#include "engine/exec/executor.h"
#include "engine/graph/ir.h"
#include "engine/graph/ops/op.h"
#include "engine/quant/quantiser.h"
#include "engine/space/space.h"
#include "engine/util/error.h"

namespace secateur {

// The message of the Error that `f` throws, "(no error)" when it throws none.
template <typename F>
std::string errorOf(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

// Invariant 3's comparison: exact for counts; for estimates (latency, energy), whose terms sum in
// another order, within 1e-9 relative.
inline bool costsAgree(const std::string& cost, double a, double b) {
    if (costInfo(cost).exact) return a == b;
    return std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b));
}

inline std::vector<torch::Tensor> randomInputs(const Graph& graph, int64_t batch, uint64_t seed) {
    torch::manual_seed(seed);
    std::vector<torch::Tensor> inputs;
    for (const int x : graph.inputs()) {
        Shape shape = graph.tensor(x).shape;
        shape[0] = batch;
        inputs.push_back(torch::randn(shape));
    }
    return inputs;
}

inline std::vector<torch::Tensor> runSearchableEval(const Space& space,
                                                    const std::vector<torch::Tensor>& inputs) {
    torch::NoGradGuard noGrad;
    return runSearchable(space.impl(), inputs, space.impl().stepMasks(), false);
}

inline void expectAllClose(const std::vector<torch::Tensor>& a, const std::vector<torch::Tensor>& b,
                           const std::string& what, double tolerance = 1e-4) {
    ASSERT_EQ(a.size(), b.size()) << what;
    for (size_t i = 0; i < a.size(); ++i) {
        ASSERT_EQ(a[i].sizes(), b[i].sizes()) << what << " output " << i;
        const double scale = std::max(1.0, a[i].abs().max().item<double>());
        const double diff = (a[i] - b[i]).abs().max().item<double>();
        EXPECT_LE(diff, tolerance * scale) << what << " output " << i;
    }
}

// "channels", "kernels", "dilations", "precision" or "all".
inline std::vector<Dimension> dimensionsFor(const Graph&, const std::string& which) {
    if (which != "all") return {Dimension{which}};
    return {Dimension{"channels"}, Dimension{"kernels"}, Dimension{"dilations"},
            Dimension{"precision"}};
}

// What a network with nothing pruned computes under `dims`: the graph itself, or with the
// precision dimension its conv and linear weights on their 8-bit grid per output channel
// (transposed convs and weights used twice are not quantised).
inline Graph withNothingPruned(const Graph& graph, const std::vector<Dimension>& dims) {
    if (!hasDimension(dims, "precision")) return graph;
    Graph result = graph;
    for (Node& node : result.nodes()) {
        if (node.op != "conv" && node.op != "linear") continue;
        const bool shared =
            node.attrs.has("shared_with") ||
            std::any_of(graph.nodes().begin(), graph.nodes().end(), [&](const Node& other) {
                return other.attrs.has("shared_with") &&
                       other.attrs.getString("shared_with") == node.name;
            });
        if (!shared)
            node.params["weight"] = fromTensor(quantiseWeight(toTensor(node.params["weight"]), 8));
    }
    return result;
}

}  // namespace secateur
