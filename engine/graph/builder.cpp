#include "engine/graph/builder.h"

#include <cmath>

#include "engine/util/error.h"

namespace secateur {

GraphBuilder::GraphBuilder(uint64_t seed) : rng_(seed) {}

std::string GraphBuilder::uniqueName(const std::string& requested, const std::string& op) {
    if (!requested.empty()) return requested;
    return op + std::to_string(counters_[op]++);
}

Weight GraphBuilder::uniform(const Shape& shape, double bound) {
    std::uniform_real_distribution<float> dist(static_cast<float>(-bound),
                                               static_cast<float>(bound));
    Weight w{shape, std::vector<float>(static_cast<size_t>(numel(shape)))};
    for (float& v : w.values) v = dist(rng_);
    return w;
}

Weight GraphBuilder::around(const Shape& shape, double centre, double spread) {
    Weight w = uniform(shape, spread);
    for (float& v : w.values) v += static_cast<float>(centre);
    return w;
}

int GraphBuilder::input(const std::string& name, const Shape& shape) {
    return graph_.addInput(name, shape);
}

int GraphBuilder::addSimple(const std::string& op, std::vector<int> inputs, Attrs attrs,
                            const std::string& name) {
    Node node;
    node.name = uniqueName(name, op);
    node.op = op;
    node.inputs = std::move(inputs);
    node.attrs = std::move(attrs);
    return graph_.addNode(std::move(node)).at(0);
}

int GraphBuilder::conv(int x, int64_t outChannels, const std::vector<int64_t>& kernel,
                       const ConvOptions& options, const std::string& name) {
    const Shape& in = shape(x);
    const size_t dims = kernel.size();
    if (in.size() != dims + 2)
        throw Error("conv '" + name + "': input " + toString(in) + " does not match a " +
                    std::to_string(dims) + "-D kernel");
    const auto perDim = [dims](const std::vector<int64_t>& v, int64_t fallback) {
        if (v.empty()) return std::vector<int64_t>(dims, fallback);
        if (v.size() == 1) return std::vector<int64_t>(dims, v[0]);
        return v;
    };
    const std::vector<int64_t> dilation = perDim(options.dilation, 1);
    std::vector<int64_t> begin = perDim(options.padding, 0), end = begin;
    for (size_t d = 0; d < dims; ++d) {
        const int64_t total = dilation[d] * (kernel[d] - 1);
        if (options.samePadding) {
            begin[d] = total / 2;
            end[d] = total - begin[d];
        } else if (options.causal) {
            begin[d] = total;
            end[d] = 0;
        }
    }
    Node node;
    node.name = uniqueName(name, "conv");
    node.op = "conv";
    node.inputs = {x};
    node.attrs.set("stride", perDim(options.stride, 1));
    node.attrs.set("dilation", dilation);
    node.attrs.set("padding_begin", begin);
    node.attrs.set("padding_end", end);
    node.attrs.set("groups", options.groups);
    Shape wshape{outChannels, in[1] / options.groups};
    wshape.insert(wshape.end(), kernel.begin(), kernel.end());
    const double fanIn = static_cast<double>(numel(wshape)) / static_cast<double>(outChannels);
    const double bound = 1.0 / std::sqrt(fanIn);
    node.params["weight"] = uniform(wshape, bound);
    if (options.bias) node.params["bias"] = uniform({outChannels}, bound);
    return graph_.addNode(std::move(node)).at(0);
}

int GraphBuilder::linear(int x, int64_t outFeatures, bool bias, const std::string& name) {
    const int64_t in = shape(x).back();
    Node node;
    node.name = uniqueName(name, "linear");
    node.op = "linear";
    node.inputs = {x};
    const double bound = 1.0 / std::sqrt(static_cast<double>(in));
    node.params["weight"] = uniform({outFeatures, in}, bound);
    if (bias) node.params["bias"] = uniform({outFeatures}, bound);
    return graph_.addNode(std::move(node)).at(0);
}

int GraphBuilder::batchNorm(int x, const std::string& name) {
    const int64_t c = shape(x).at(1);
    Node node;
    node.name = uniqueName(name, "bn");
    node.op = "batch_norm";
    node.inputs = {x};
    node.attrs.set("eps", 1e-5);
    node.params["weight"] = around({c}, 1.0, 0.5);
    node.params["bias"] = around({c}, 0.0, 0.1);
    node.buffers["running_mean"] = around({c}, 0.0, 0.1);
    node.buffers["running_var"] = around({c}, 1.0, 0.5);
    return graph_.addNode(std::move(node)).at(0);
}

int GraphBuilder::activation(const std::string& kind, int x, const std::string& name) {
    Attrs attrs;
    if (kind == "leaky_relu") attrs.set("negative_slope", 0.01);
    if (kind == "hardtanh") {
        attrs.set("min_val", -1.0);
        attrs.set("max_val", 1.0);
    }
    return addSimple(kind, {x}, attrs, name);
}

int GraphBuilder::prelu(int x, bool perChannel, const std::string& name) {
    Node node;
    node.name = uniqueName(name, "prelu");
    node.op = "prelu";
    node.inputs = {x};
    node.params["weight"] =
        Weight{{perChannel ? shape(x).at(1) : 1},
               std::vector<float>(static_cast<size_t>(perChannel ? shape(x).at(1) : 1), 0.25F)};
    return graph_.addNode(std::move(node)).at(0);
}

int GraphBuilder::convBnAct(int x, int64_t outChannels, const std::vector<int64_t>& kernel,
                            const ConvOptions& options, const std::string& activationKind,
                            const std::string& name) {
    ConvOptions noBias = options;
    noBias.bias = false;
    int y = batchNorm(conv(x, outChannels, kernel, noBias, name + ".conv"), name + ".bn");
    if (!activationKind.empty()) y = activation(activationKind, y, name + "." + activationKind);
    return y;
}

namespace {

Attrs poolAttrs(const PoolOptions& options) {
    Attrs attrs;
    attrs.set("kernel", options.kernel);
    attrs.set("stride", options.stride.empty() ? options.kernel : options.stride);
    attrs.set("padding", options.padding.empty() ? std::vector<int64_t>(options.kernel.size(), 0)
                                                 : options.padding);
    return attrs;
}

}  // namespace

int GraphBuilder::maxPool(int x, const PoolOptions& options, const std::string& name) {
    return addSimple("max_pool", {x}, poolAttrs(options), name);
}

int GraphBuilder::avgPool(int x, const PoolOptions& options, const std::string& name) {
    return addSimple("avg_pool", {x}, poolAttrs(options), name);
}

int GraphBuilder::adaptiveAvgPool(int x, const std::vector<int64_t>& outputSize,
                                  const std::string& name) {
    Attrs attrs;
    attrs.set("output_size", outputSize);
    return addSimple("adaptive_avg_pool", {x}, attrs, name);
}

int GraphBuilder::flatten(int x, int64_t startDim, int64_t endDim, const std::string& name) {
    Attrs attrs;
    attrs.set("start_dim", startDim);
    attrs.set("end_dim", endDim);
    return addSimple("flatten", {x}, attrs, name);
}

int GraphBuilder::reshape(int x, const std::vector<int64_t>& shapeAfterBatch,
                          const std::string& name) {
    Attrs attrs;
    attrs.set("shape", shapeAfterBatch);
    return addSimple("reshape", {x}, attrs, name);
}

int GraphBuilder::permute(int x, const std::vector<int64_t>& dims, const std::string& name) {
    Attrs attrs;
    attrs.set("dims", dims);
    return addSimple("permute", {x}, attrs, name);
}

int GraphBuilder::transpose(int x, int64_t dim0, int64_t dim1, const std::string& name) {
    Attrs attrs;
    attrs.set("dim0", dim0);
    attrs.set("dim1", dim1);
    return addSimple("transpose", {x}, attrs, name);
}

int GraphBuilder::mean(int x, const std::vector<int64_t>& dims, bool keepDim,
                       const std::string& name) {
    Attrs attrs;
    attrs.set("dims", dims);
    attrs.set("keepdim", static_cast<int64_t>(keepDim));
    return addSimple("mean", {x}, attrs, name);
}

int GraphBuilder::add(int a, int b, const std::string& name) {
    return addSimple("add", {a, b}, {}, name);
}
int GraphBuilder::sub(int a, int b, const std::string& name) {
    return addSimple("sub", {a, b}, {}, name);
}
int GraphBuilder::mul(int a, int b, const std::string& name) {
    return addSimple("mul", {a, b}, {}, name);
}

int GraphBuilder::cat(const std::vector<int>& xs, int64_t dim, const std::string& name) {
    Attrs attrs;
    attrs.set("dim", dim);
    return addSimple("cat", xs, attrs, name);
}

std::vector<int> GraphBuilder::split(int x, const std::vector<int64_t>& sizes, int64_t dim,
                                     const std::string& name) {
    Node node;
    node.name = uniqueName(name, "split");
    node.op = "split";
    node.inputs = {x};
    node.attrs.set("dim", dim);
    node.attrs.set("sizes", sizes);
    return graph_.addNode(std::move(node));
}

}  // namespace secateur
