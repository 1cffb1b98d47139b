// GraphBuilder methods for stacking, padding, reductions, norms other than batch norm, clamps,
// division, scalar arithmetic, upsampling and transposed convolutions (builder.cpp has the rest).
#include <cmath>

#include "engine/graph/builder.h"
#include "engine/util/error.h"

namespace secateur {

int GraphBuilder::stack(const std::vector<int>& xs, int64_t dim, const std::string& name) {
    Attrs attrs;
    attrs.set("dim", dim);
    return addSimple("stack", xs, attrs, name);
}

int GraphBuilder::pad(int x, const std::vector<int64_t>& pads, const std::string& mode,
                      double value, const std::string& name) {
    Attrs attrs;
    attrs.set("pads", pads);
    attrs.set("mode", mode);
    attrs.set("value", value);
    return addSimple("pad", {x}, attrs, name);
}

int GraphBuilder::reduce(const std::string& op, int x, const std::vector<int64_t>& dims,
                         bool keepDim, int64_t correction, const std::string& name) {
    if (op != "mean" && op != "sum" && op != "amax" && op != "amin" && op != "std" && op != "var")
        throw Error("reduce: unknown reduction '" + op + "'");
    Attrs attrs;
    attrs.set("dims", dims);
    attrs.set("keepdim", static_cast<int64_t>(keepDim));
    if (op == "std" || op == "var") attrs.set("correction", correction);
    return addSimple(op, {x}, attrs, name);
}

int GraphBuilder::amax(int x, const std::vector<int64_t>& dims, bool keepDim,
                       const std::string& name) {
    return reduce("amax", x, dims, keepDim, 1, name);
}

int GraphBuilder::amin(int x, const std::vector<int64_t>& dims, bool keepDim,
                       const std::string& name) {
    return reduce("amin", x, dims, keepDim, 1, name);
}

int GraphBuilder::stdDev(int x, const std::vector<int64_t>& dims, bool keepDim, int64_t correction,
                         const std::string& name) {
    return reduce("std", x, dims, keepDim, correction, name);
}

int GraphBuilder::variance(int x, const std::vector<int64_t>& dims, bool keepDim,
                           int64_t correction, const std::string& name) {
    return reduce("var", x, dims, keepDim, correction, name);
}

int GraphBuilder::layerNorm(int x, size_t normalizedDims, bool affine, double eps,
                            const std::string& name) {
    const Shape& in = shape(x);
    if (normalizedDims == 0 || normalizedDims >= in.size())
        throw Error("layerNorm: cannot normalise the last " + std::to_string(normalizedDims) +
                    " dimensions of " + toString(in));
    const Shape normalised(in.end() - static_cast<std::ptrdiff_t>(normalizedDims), in.end());
    Node node;
    node.name = uniqueName(name, "ln");
    node.op = "layer_norm";
    node.inputs = {x};
    node.attrs.set("normalized_shape", normalised);
    node.attrs.set("eps", eps);
    if (affine) {
        node.params["weight"] = around(normalised, 1.0, 0.5);
        node.params["bias"] = around(normalised, 0.0, 0.1);
    }
    return graph_.addNode(std::move(node)).at(0);
}

int GraphBuilder::groupNorm(int x, int64_t groups, bool affine, double eps,
                            const std::string& name) {
    const int64_t c = shape(x).at(1);
    Node node;
    node.name = uniqueName(name, "gn");
    node.op = "group_norm";
    node.inputs = {x};
    node.attrs.set("groups", groups);
    node.attrs.set("eps", eps);
    if (affine) {
        node.params["weight"] = around({c}, 1.0, 0.5);
        node.params["bias"] = around({c}, 0.0, 0.1);
    }
    return graph_.addNode(std::move(node)).at(0);
}

int GraphBuilder::instanceNorm(int x, bool affine, double eps, const std::string& name) {
    const int64_t c = shape(x).at(1);
    Node node;
    node.name = uniqueName(name, "in");
    node.op = "instance_norm";
    node.inputs = {x};
    node.attrs.set("eps", eps);
    if (affine) {
        node.params["weight"] = around({c}, 1.0, 0.5);
        node.params["bias"] = around({c}, 0.0, 0.1);
    }
    return graph_.addNode(std::move(node)).at(0);
}

int GraphBuilder::softmax(int x, int64_t dim, const std::string& name) {
    Attrs attrs;
    attrs.set("dim", dim);
    return addSimple("softmax", {x}, attrs, name);
}

int GraphBuilder::logSoftmax(int x, int64_t dim, const std::string& name) {
    Attrs attrs;
    attrs.set("dim", dim);
    return addSimple("log_softmax", {x}, attrs, name);
}

int GraphBuilder::clamp(int x, std::optional<double> min, std::optional<double> max,
                        const std::string& name) {
    Attrs attrs;
    if (min) attrs.set("min", *min);
    if (max) attrs.set("max", *max);
    return addSimple("clamp", {x}, attrs, name);
}

int GraphBuilder::div(int a, int b, const std::string& name) {
    return addSimple("div", {a, b}, {}, name);
}

int GraphBuilder::scalar(const std::string& op, int x, double value, bool reverse,
                         const std::string& name) {
    if (op != "add" && op != "sub" && op != "mul")
        throw Error("scalar: '" + op + "' takes no scalar operand");
    Attrs attrs;
    attrs.set("scalar", value);
    if (reverse && op == "sub") attrs.set("reverse", int64_t{1});
    return addSimple(op, {x}, attrs, name);
}

int GraphBuilder::upsample(int x, const std::string& mode, const std::vector<int64_t>& outputSize,
                           bool alignCorners, const std::vector<double>& scales,
                           const std::string& name) {
    const Shape& in = shape(x);
    const size_t dims = in.size() < 2 ? 0 : in.size() - 2;
    if (!scales.empty() && scales.size() != dims)
        throw Error("upsample: " + std::to_string(scales.size()) + " scales for " +
                    std::to_string(dims) + " spatial dimension(s)");
    std::vector<int64_t> size = outputSize;
    if (size.empty())
        for (size_t d = 0; d < scales.size(); ++d)
            size.push_back(
                static_cast<int64_t>(std::floor(static_cast<double>(in[2 + d]) * scales[d])));
    for (size_t d = 0; d < scales.size() && d < size.size(); ++d)
        if (size[d] != static_cast<int64_t>(std::floor(static_cast<double>(in[2 + d]) * scales[d])))
            throw Error("upsample: output size " + toString(size) +
                        " is not the input's size times the scale factor");
    Attrs attrs;
    attrs.set("mode", mode);
    attrs.set("output_size", size);
    if (mode != "nearest") attrs.set("align_corners", static_cast<int64_t>(alignCorners));
    for (size_t d = 0; d < scales.size(); ++d) attrs.set("scale_" + std::to_string(d), scales[d]);
    return addSimple("upsample", {x}, attrs, name);
}

int GraphBuilder::convTranspose(int x, int64_t outChannels, const std::vector<int64_t>& kernel,
                                const ConvTransposeOptions& options, const std::string& name) {
    const Shape& in = shape(x);
    const size_t dims = kernel.size();
    if (in.size() != dims + 2)
        throw Error("convTranspose '" + name + "': input " + toString(in) + " does not match a " +
                    std::to_string(dims) + "-D kernel");
    if (in[1] % options.groups != 0 || outChannels % options.groups != 0)
        throw Error("convTranspose '" + name + "': channels do not divide into " +
                    std::to_string(options.groups) + " groups");
    const auto perDim = [dims](const std::vector<int64_t>& v, int64_t fallback) {
        if (v.empty()) return std::vector<int64_t>(dims, fallback);
        if (v.size() == 1) return std::vector<int64_t>(dims, v[0]);
        return v;
    };
    Node node;
    node.name = uniqueName(name, "deconv");
    node.op = "conv_transpose";
    node.inputs = {x};
    node.attrs.set("stride", perDim(options.stride, 1));
    node.attrs.set("padding", perDim(options.padding, 0));
    node.attrs.set("output_padding", perDim(options.outputPadding, 0));
    node.attrs.set("dilation", perDim(options.dilation, 1));
    node.attrs.set("groups", options.groups);
    Shape wshape{in[1], outChannels / options.groups};
    wshape.insert(wshape.end(), kernel.begin(), kernel.end());
    // PyTorch's fan-in of a transposed weight is its dim 1 times the kernel taps.
    const double fanIn = static_cast<double>(numel(wshape)) / static_cast<double>(in[1]);
    const double bound = 1.0 / std::sqrt(fanIn);
    node.params["weight"] = uniform(wshape, bound);
    if (options.bias) node.params["bias"] = uniform({outChannels}, bound);
    return graph_.addNode(std::move(node)).at(0);
}

}  // namespace secateur
