// A C++ API to define networks in the IR; the zoo's seed models are written with it.
// Weights are initialised as PyTorch does (uniform, fan-in scaled) from a seeded generator; batch
// norms get mildly varied statistics, like a trained network, so that tests exercise them.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "engine/graph/ir.h"

namespace secateur {

struct ConvOptions {
    std::vector<int64_t> stride;   // default 1 per spatial dimension
    std::vector<int64_t> padding;  // symmetric per dimension; default 0
    bool samePadding = false;      // PyTorch's padding='same' (extra pad at the end when odd)
    bool causal = false;           // 1-D only: all padding at the start, (k-1)*dilation
    std::vector<int64_t> dilation;
    int64_t groups = 1;
    bool bias = true;
};

struct PoolOptions {
    std::vector<int64_t> kernel;
    std::vector<int64_t> stride;   // default = kernel
    std::vector<int64_t> padding;  // default 0
};

class GraphBuilder {
public:
    explicit GraphBuilder(uint64_t seed = 1);

    int input(const std::string& name, const Shape& shape);
    void output(int tensor) { graph_.markOutput(tensor); }

    int conv(int x, int64_t outChannels, const std::vector<int64_t>& kernel,
             const ConvOptions& options = {}, const std::string& name = "");
    int linear(int x, int64_t outFeatures, bool bias = true, const std::string& name = "");
    int batchNorm(int x, const std::string& name = "");
    // Any activation op kind: relu, relu6, hardtanh, leaky_relu, gelu, silu, hardswish,
    // hardsigmoid, sigmoid, tanh, identity.
    int activation(const std::string& kind, int x, const std::string& name = "");
    int prelu(int x, bool perChannel = true, const std::string& name = "");
    // conv + batch norm + activation, the common block; activation "" for none.
    int convBnAct(int x, int64_t outChannels, const std::vector<int64_t>& kernel,
                  const ConvOptions& options, const std::string& activationKind,
                  const std::string& name);

    int maxPool(int x, const PoolOptions& options, const std::string& name = "");
    int avgPool(int x, const PoolOptions& options, const std::string& name = "");
    int adaptiveAvgPool(int x, const std::vector<int64_t>& outputSize,
                        const std::string& name = "");
    int flatten(int x, int64_t startDim = 1, int64_t endDim = -1, const std::string& name = "");
    int reshape(int x, const std::vector<int64_t>& shapeAfterBatch, const std::string& name = "");
    int permute(int x, const std::vector<int64_t>& dims, const std::string& name = "");
    int transpose(int x, int64_t dim0, int64_t dim1, const std::string& name = "");
    int mean(int x, const std::vector<int64_t>& dims, bool keepDim, const std::string& name = "");
    int add(int a, int b, const std::string& name = "");
    int sub(int a, int b, const std::string& name = "");
    int mul(int a, int b, const std::string& name = "");
    int cat(const std::vector<int>& xs, int64_t dim, const std::string& name = "");
    std::vector<int> split(int x, const std::vector<int64_t>& sizes, int64_t dim,
                           const std::string& name = "");

    const Graph& graph() const { return graph_; }
    const Shape& shape(int tensor) const { return graph_.tensor(tensor).shape; }
    Graph build() { return std::move(graph_); }

private:
    std::string uniqueName(const std::string& requested, const std::string& op);
    int addSimple(const std::string& op, std::vector<int> inputs, Attrs attrs,
                  const std::string& name);
    Weight uniform(const Shape& shape, double bound);

    Graph graph_;
    std::mt19937_64 rng_;
    std::map<std::string, int> counters_;
};

}  // namespace secateur
