// A C++ API to define networks in the IR; the zoo's seed models are written with it.
// Weights are initialised as PyTorch does (uniform, fan-in scaled) from a seeded generator; batch
// norms get mildly varied statistics and every norm mildly varied affine parameters, like a
// trained network, so that tests exercise them.
#pragma once

#include <cstdint>
#include <optional>
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

// Transposed convolution (ConvTranspose1d/2d); every field per spatial dimension, a single value
// broadcasting.
struct ConvTransposeOptions {
    std::vector<int64_t> stride;         // default 1
    std::vector<int64_t> padding;        // default 0
    std::vector<int64_t> outputPadding;  // default 0; each < stride (or < dilation)
    std::vector<int64_t> dilation;       // default 1
    int64_t groups = 1;
    bool bias = true;
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

    // The methods below are defined in builder_more.cpp.

    // torch.stack of same-shape tensors; `dim` is the new axis's position in the output (>= 1).
    int stack(const std::vector<int>& xs, int64_t dim, const std::string& name = "");
    // F.pad: `pads` in torch order (last dimension first, (begin, end) pairs, never the batch);
    // mode "constant" (with `value`), "reflect" or "replicate" (spatial dims of [N,C,L] or
    // [N,C,H,W] only). Zero padding along the channel axis widens a shortcut.
    int pad(int x, const std::vector<int64_t>& pads, const std::string& mode = "constant",
            double value = 0.0, const std::string& name = "");
    // Reductions over `dims` (never 0): op "mean", "sum", "amax", "amin", "std" or "var";
    // `correction` (0 or 1) applies to std and var only.
    int reduce(const std::string& op, int x, const std::vector<int64_t>& dims, bool keepDim,
               int64_t correction = 1, const std::string& name = "");
    int amax(int x, const std::vector<int64_t>& dims, bool keepDim, const std::string& name = "");
    int amin(int x, const std::vector<int64_t>& dims, bool keepDim, const std::string& name = "");
    int stdDev(int x, const std::vector<int64_t>& dims, bool keepDim, int64_t correction = 1,
               const std::string& name = "");  // op "std"
    int variance(int x, const std::vector<int64_t>& dims, bool keepDim, int64_t correction = 1,
                 const std::string& name = "");  // op "var"
    // Norms; their affine parameters are mildly varied around (1, 0), like batchNorm's.
    // layerNorm normalises the last `normalizedDims` dimensions.
    int layerNorm(int x, size_t normalizedDims = 1, bool affine = true, double eps = 1e-5,
                  const std::string& name = "");
    int groupNorm(int x, int64_t groups, bool affine = true, double eps = 1e-5,
                  const std::string& name = "");
    int instanceNorm(int x, bool affine = false, double eps = 1e-5, const std::string& name = "");
    int softmax(int x, int64_t dim, const std::string& name = "");
    int logSoftmax(int x, int64_t dim, const std::string& name = "");
    // torch.clamp with either bound optional.
    int clamp(int x, std::optional<double> min, std::optional<double> max,
              const std::string& name = "");
    int div(int a, int b, const std::string& name = "");
    // A tensor and a scalar: op "add", "sub" or "mul"; `reverse` computes scalar - x for "sub".
    int scalar(const std::string& op, int x, double value, bool reverse = false,
               const std::string& name = "");
    // F.interpolate: mode "nearest" (1-D or 2-D), "linear" (1-D) or "bilinear" (2-D).
    // `outputSize` per spatial dim; with `scales` (the scale factor per spatial dim, as the user
    // gave it) it may be empty and is then floor(size * scale). `alignCorners` for linear modes.
    int upsample(int x, const std::string& mode, const std::vector<int64_t>& outputSize,
                 bool alignCorners = false, const std::vector<double>& scales = {},
                 const std::string& name = "");
    // ConvTranspose1d/2d: weight [Cin, Cout / groups, k...] initialised as PyTorch does.
    int convTranspose(int x, int64_t outChannels, const std::vector<int64_t>& kernel,
                      const ConvTransposeOptions& options = {}, const std::string& name = "");

    const Graph& graph() const { return graph_; }
    const Shape& shape(int tensor) const { return graph_.tensor(tensor).shape; }
    Graph build() { return std::move(graph_); }

private:
    std::string uniqueName(const std::string& requested, const std::string& op);
    int addSimple(const std::string& op, std::vector<int> inputs, Attrs attrs,
                  const std::string& name);
    Weight uniform(const Shape& shape, double bound);
    // Uniform in [centre - spread, centre + spread]: the varied affine params and statistics.
    Weight around(const Shape& shape, double centre, double spread);

    Graph graph_;
    std::mt19937_64 rng_;
    std::map<std::string, int> counters_;
};

}  // namespace secateur
