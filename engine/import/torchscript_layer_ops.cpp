// TorchScript layers mapped to IR nodes: convolution (with F.pad folded into its padding),
// transposed convolution, linear, batch norm, activations, softmax and pooling.
#include "engine/import/torchscript_convert.h"

namespace secateur {
namespace tsimport {
namespace {

// --- convolution, linear, normalisation ------------------------------------------------------

// Argument positions: _convolution/convolution (stride 3, padding 4, dilation 5, output_padding
// 7, groups 8); conv_transposeNd (stride 3, padding 4, output_padding 5, groups 6, dilation 7).
void convTranspose(Converter& c, const JitNode* n, bool generic) {
    const int x = c.tensorInput(n, 0);
    const torch::Tensor w = c.staticTensor(n, 1, "transposed convolution weight");
    if (w.dim() != 3 && w.dim() != 4)
        c.unsupported(n, "only 1-D and 2-D transposed convolutions are supported");
    const auto dims = static_cast<size_t>(w.dim()) - 2;
    auto spatial = [&](size_t i) {
        std::vector<int64_t> v = c.intsArg(n, i);
        if (v.size() == 1) v.assign(dims, v.front());
        if (v.size() != dims) c.fail(n, "argument " + std::to_string(i) + " has the wrong length");
        return v;
    };
    Attrs attrs;
    attrs.set("stride", spatial(3));
    attrs.set("padding", spatial(4));
    attrs.set("output_padding", spatial(generic ? 7 : 5));
    attrs.set("dilation", spatial(generic ? 5 : 7));
    attrs.set("groups", c.intArg(n, generic ? 8 : 6));
    std::map<std::string, Weight> params{{"weight", toWeight(w)}};
    if (!c.isNone(n, 2))
        params["bias"] = toWeight(c.staticTensor(n, 2, "transposed convolution bias"));
    emitOne(c, n, "conv_transpose", {x}, std::move(attrs), std::move(params));
}

// A zero pad that could not fold into the convolution reading it.
int padNode(Converter& c, const JitNode* pad, int x, const std::vector<int64_t>& pads) {
    Attrs attrs;
    attrs.set("pads", pads);
    attrs.set("mode", std::string("constant"));
    attrs.set("value", 0.0);
    return c.emit(pad, "pad", {x}, std::move(attrs))[0];
}

void conv(Converter& c, const JitNode* n) {
    const std::string k = opName(n);
    const bool generic = k == "_convolution" || k == "convolution";
    if (k.rfind("conv_transpose", 0) == 0 || (generic && c.boolArg(n, 6)))
        return convTranspose(c, n, generic);
    std::vector<int64_t> pads;
    int x = c.paddedInput(n, 0, pads);
    const torch::Tensor w = c.staticTensor(n, 1, "convolution weight");
    if (w.dim() != 3 && w.dim() != 4)
        c.unsupported(n, "only 1-D and 2-D convolutions are supported");
    const size_t dims = static_cast<size_t>(w.dim()) - 2;
    auto spatial = [&](size_t i) {
        std::vector<int64_t> v = c.intsArg(n, i);
        if (v.size() == 1) v.assign(dims, v.front());
        if (v.size() != dims) c.fail(n, "argument " + std::to_string(i) + " has the wrong length");
        return v;
    };
    const std::vector<int64_t> stride = spatial(3), dilation = spatial(5);
    std::vector<int64_t> begin(dims, 0), end(dims, 0);
    const c10::IValue& padding = c.constant(n, 4);
    if (padding.isString()) {
        if (padding.toStringRef() == "same") {  // PyTorch puts the odd extra pad at the end
            for (size_t d = 0; d < dims; ++d) {
                const int64_t total = dilation[d] * (w.size(static_cast<int64_t>(d) + 2) - 1);
                begin[d] = total / 2;
                end[d] = total - begin[d];
            }
        } else if (padding.toStringRef() != "valid") {
            c.fail(n, "unknown padding '" + padding.toStringRef() + "'");
        }
    } else {
        begin = end = spatial(4);
    }
    // A preceding F.pad (torch order: last dimension first) folds into the padding; one that
    // crops (negative amounts, as the export writes a convolution whose kernel lost its outer
    // taps) only where the convolution pads nothing itself, else it stays a node.
    for (size_t i = 0; i + 1 < pads.size(); i += 2) {
        const size_t fromLast = i / 2;
        if (fromLast < dims && ((pads[i] < 0 && begin[dims - 1 - fromLast] != 0) ||
                                (pads[i + 1] < 0 && end[dims - 1 - fromLast] != 0))) {
            x = padNode(c, c.binding(n->input(0)).origin, x, pads);
            pads.clear();
        }
    }
    for (size_t i = 0; i + 1 < pads.size(); i += 2) {
        const size_t fromLast = i / 2;
        if (fromLast >= dims) {
            if (pads[i] != 0 || pads[i + 1] != 0)
                c.unsupported(n,
                              "F.pad before this convolution pads the channel or batch dimension");
            continue;
        }
        begin[dims - 1 - fromLast] += pads[i];
        end[dims - 1 - fromLast] += pads[i + 1];
    }
    Attrs attrs;
    attrs.set("stride", stride);
    attrs.set("dilation", dilation);
    attrs.set("padding_begin", begin);
    attrs.set("padding_end", end);
    attrs.set("groups", c.intArg(n, generic ? 8 : 6));
    std::map<std::string, Weight> params{{"weight", toWeight(w)}};
    if (!c.isNone(n, 2)) params["bias"] = toWeight(c.staticTensor(n, 2, "convolution bias"));
    emitOne(c, n, "conv", {x}, std::move(attrs), std::move(params));
}

void linear(Converter& c, const JitNode* n) {
    const int x = c.tensorInput(n, 0);
    std::map<std::string, Weight> params{
        {"weight", toWeight(c.staticTensor(n, 1, "linear weight"))}};
    if (!c.isNone(n, 2)) params["bias"] = toWeight(c.staticTensor(n, 2, "linear bias"));
    emitOne(c, n, "linear", {x}, {}, std::move(params));
}

// Old traces: addmm(bias, x, weight.t()) and matmul(x, weight.t()).
void matmul(Converter& c, const JitNode* n) {
    const bool addmm = opName(n) == "addmm";
    const size_t xi = addmm ? 1 : 0;
    if (c.isStatic(n->input(xi)) || !c.isStatic(n->input(xi + 1)))
        c.unsupported(n, "only a tensor times a constant 2-D matrix (a linear layer) is supported");
    if (addmm && (c.doubleArg(n, 3) != 1.0 || c.doubleArg(n, 4) != 1.0))
        c.unsupported(n, "addmm with beta or alpha other than 1 is not supported");
    const int x = c.tensorInput(n, xi);
    const torch::Tensor w = c.staticTensor(n, xi + 1, "matrix");
    if (w.dim() != 2) c.unsupported(n, "only a constant 2-D matrix is supported");
    std::map<std::string, Weight> params{{"weight", toWeight(w.t())}};
    if (addmm) {
        const torch::Tensor bias = c.staticTensor(n, 0, "addmm bias");
        if (bias.dim() != 1 || bias.size(0) != w.size(1))
            c.unsupported(n, "addmm's bias must be a vector of the output size");
        params["bias"] = toWeight(bias);
    }
    emitOne(c, n, "linear", {x}, {}, std::move(params));
}

void batchNorm(Converter& c, const JitNode* n) {
    const int x = c.tensorInput(n, 0);
    if (c.isNone(n, 3) || c.isNone(n, 4))
        c.unsupported(n,
                      "batch norm without running statistics (track_running_stats=False) "
                      "is not supported");
    if (c.boolArg(n, 5)) c.unsupported(n, "batch norm in training mode is not supported");
    std::map<std::string, Weight> params, buffers;
    if (!c.isNone(n, 1)) params["weight"] = toWeight(c.staticTensor(n, 1, "batch norm weight"));
    if (!c.isNone(n, 2)) params["bias"] = toWeight(c.staticTensor(n, 2, "batch norm bias"));
    buffers["running_mean"] = toWeight(c.staticTensor(n, 3, "running mean"));
    buffers["running_var"] = toWeight(c.staticTensor(n, 4, "running variance"));
    Attrs attrs;
    attrs.set("eps", c.doubleArg(n, 7));
    c.bindTensor(n->output(), c.emit(n, "batch_norm", {x}, attrs, params, buffers)[0]);
}

// --- activations ---------------------------------------------------------------------------

void activation(Converter& c, const JitNode* n) {
    std::string op = opName(n);
    if (!op.empty() && op.back() == '_') op.pop_back();
    Attrs attrs;
    if (op == "gelu" && n->inputs().size() > 1)
        attrs.set("approximate", c.constant(n, 1).toStringRef());
    if (op == "leaky_relu")
        attrs.set("negative_slope", n->inputs().size() > 1 ? c.doubleArg(n, 1) : 0.01);
    emitOne(c, n, op, {c.tensorInput(n, 0)}, std::move(attrs));
}

// hardtanh(0, 6) is how F.relu6 often arrives; clamp(min=0) is a ReLU. Other clamps keep either
// bound optional; clamp_min and clamp_max give one.
void clampLike(Converter& c, const JitNode* n) {
    const std::string k = opName(n);
    const bool onlyMax = k.rfind("clamp_max", 0) == 0;
    const bool hasMin = !onlyMax && !c.isNone(n, 1);
    const size_t maxIndex = onlyMax ? 1 : 2;
    const bool hasMax = k.rfind("clamp_min", 0) != 0 && !c.isNone(n, maxIndex);
    const double lo = hasMin ? c.doubleArg(n, 1) : 0.0,
                 hi = hasMax ? c.doubleArg(n, maxIndex) : 0.0;
    const int x = c.tensorInput(n, 0);
    if (hasMin && hasMax && lo == 0.0 && hi == 6.0) return emitOne(c, n, "relu6", {x});
    if (hasMin && !hasMax && lo == 0.0) return emitOne(c, n, "relu", {x});
    Attrs attrs;
    if (k.rfind("hardtanh", 0) == 0) {
        attrs.set("min_val", lo);
        attrs.set("max_val", hi);
        return emitOne(c, n, "hardtanh", {x}, std::move(attrs));
    }
    if (!hasMin && !hasMax) return c.alias(n->output(), n->input(0));
    if (hasMin) attrs.set("min", lo);
    if (hasMax) attrs.set("max", hi);
    emitOne(c, n, "clamp", {x}, std::move(attrs));
}

void prelu(Converter& c, const JitNode* n) {
    emitOne(c, n, "prelu", {c.tensorInput(n, 0)}, {},
            {{"weight", toWeight(c.staticTensor(n, 1, "PReLU weight"))}});
}

void softmax(Converter& c, const JitNode* n) {
    const int x = c.tensorInput(n, 0);
    if (!c.isNone(n, 2)) c.unsupported(n, "softmax with a dtype is not supported");
    const int64_t dim = dimOf(c, n, c.intArg(n, 1), c.shape(x).size());
    notBatch(c, n, dim);
    Attrs attrs;
    attrs.set("dim", dim);
    emitOne(c, n, opName(n), {x}, std::move(attrs));
}

// --- pooling -------------------------------------------------------------------------------

void pool(Converter& c, const JitNode* n) {
    const std::string k = opName(n);
    const int x = c.tensorInput(n, 0);
    const size_t dims = c.shape(x).size() - 2;
    auto spatial = [&](size_t i, std::vector<int64_t> fallback) {
        std::vector<int64_t> v = c.intsArg(n, i);
        if (v.empty()) return fallback;
        if (v.size() == 1) v.assign(dims, v.front());
        return v;
    };
    Attrs attrs;
    if (k.rfind("adaptive_", 0) == 0) {
        attrs.set("output_size", spatial(1, {}));
        const bool isMax = k.rfind("adaptive_max", 0) == 0;
        // Max pooling also returns indices; they stay unbound, so any use of them fails clearly.
        return c.bindTensor(
            n->output(0),
            c.emit(n, isMax ? "adaptive_max_pool" : "adaptive_avg_pool", {x}, attrs)[0]);
    }
    const std::vector<int64_t> kernel = spatial(1, {});
    attrs.set("kernel", kernel);
    attrs.set("stride", spatial(2, kernel));
    attrs.set("padding", spatial(3, std::vector<int64_t>(dims, 0)));
    const bool isMax = k.rfind("max_pool", 0) == 0;
    if (isMax) {
        attrs.set("dilation", spatial(4, std::vector<int64_t>(dims, 1)));
        attrs.set("ceil_mode", c.intArg(n, 5));
    } else {
        attrs.set("ceil_mode", c.intArg(n, 4));
        attrs.set("count_include_pad", c.intArg(n, 5));
        if (n->inputs().size() > 6 && !c.isNone(n, 6))
            c.unsupported(n, "average pooling with divisor_override is not supported");
    }
    c.bindTensor(n->output(0), c.emit(n, isMax ? "max_pool" : "avg_pool", {x}, attrs)[0]);
}

}  // namespace

void addLayerOps(OpTable& table) {
    auto add = [&table](std::initializer_list<const char*> kinds, OpHandler h) {
        for (const char* k : kinds) table[k] = h;
    };
    add({"aten::_convolution", "aten::convolution", "aten::_convolution_mode", "aten::conv1d",
         "aten::conv2d", "aten::conv_transpose1d", "aten::conv_transpose2d"},
        conv);
    add({"aten::linear"}, linear);
    add({"aten::addmm", "aten::matmul", "aten::mm"}, matmul);
    add({"aten::batch_norm"}, batchNorm);
    add({"aten::relu", "aten::relu6", "aten::sigmoid", "aten::tanh", "aten::silu",
         "aten::hardswish", "aten::hardsigmoid", "aten::gelu", "aten::leaky_relu", "aten::sqrt",
         "aten::abs", "aten::exp"},
        activation);
    add({"aten::hardtanh", "aten::clamp", "aten::clamp_min", "aten::clamp_max", "aten::clip"},
        clampLike);
    add({"aten::prelu"}, prelu);
    add({"aten::softmax", "aten::log_softmax"}, softmax);
    add({"aten::max_pool1d", "aten::max_pool2d", "aten::avg_pool1d", "aten::avg_pool2d",
         "aten::adaptive_avg_pool1d", "aten::adaptive_avg_pool2d", "aten::adaptive_max_pool1d",
         "aten::adaptive_max_pool2d"},
        pool);
}

}  // namespace tsimport
}  // namespace secateur
