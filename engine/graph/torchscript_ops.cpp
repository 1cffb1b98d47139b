// TorchScript op kinds (aten::..., prim::...) mapped to IR nodes. Each handler reads the node's
// folded arguments, emits IR nodes and binds the node's outputs. In-place variants (relu_, add_)
// share the handler of the plain op.
#include <cmath>
#include <limits>

#include "engine/graph/torchscript_convert.h"

namespace secateur {
namespace tsimport {
namespace {

using Handler = void (*)(Converter&, const JitNode*);

std::string opName(const JitNode* n) { return n->kind().toUnqualString(); }

int64_t dimOf(Converter& c, const JitNode* n, int64_t dim, size_t rank) {
    const int64_t r = static_cast<int64_t>(rank);
    const int64_t d = dim < 0 ? dim + r : dim;
    if (d < 0 || d >= r)
        c.fail(n, "dimension " + std::to_string(dim) + " is out of range for a " +
                      std::to_string(rank) + "-D tensor");
    return d;
}

void notBatch(Converter& c, const JitNode* n, int64_t dim) {
    if (dim == 0)
        c.unsupported(n, "this touches the batch dimension (dim 0); the IR keeps the batch first");
}

void single(Converter& c, const JitNode* n, const std::string& op, std::vector<int> inputs,
            Attrs attrs = {}, std::map<std::string, Weight> params = {}) {
    c.bindTensor(n->output(0), c.emit(n, op, std::move(inputs), std::move(attrs), std::move(params))[0]);
}

void aliasOp(Converter& c, const JitNode* n) {
    c.tensorInput(n, 0);
    c.alias(n->output(), n->input(0));
}

// --- convolution, linear, normalisation ------------------------------------------------------

void conv(Converter& c, const JitNode* n) {
    const std::string k = opName(n);
    const bool generic = k == "_convolution" || k == "convolution";
    if (k.rfind("conv_transpose", 0) == 0 || (generic && c.boolArg(n, 6)))
        c.unsupported(n, "transposed convolution is not supported yet");
    std::vector<int64_t> pads;
    const int x = c.paddedInput(n, 0, pads);
    const torch::Tensor w = c.staticTensor(n, 1, "convolution weight");
    if (w.dim() != 3 && w.dim() != 4) c.unsupported(n, "only 1-D and 2-D convolutions are supported");
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
    // A preceding F.pad (torch order: last dimension first) folds into the padding.
    for (size_t i = 0; i + 1 < pads.size(); i += 2) {
        const size_t fromLast = i / 2;
        if (fromLast >= dims) {
            if (pads[i] != 0 || pads[i + 1] != 0)
                c.unsupported(n, "F.pad before this convolution pads the channel or batch dimension");
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
    single(c, n, "conv", {x}, std::move(attrs), std::move(params));
}

void pad(Converter& c, const JitNode* n) {
    double value = 0.0;
    if (opName(n) == "pad") {
        const std::string mode = c.constant(n, 2).toStringRef();
        if (mode != "constant")
            c.unsupported(n, "F.pad with mode '" + mode + "' is not supported (only zero padding "
                             "directly before a convolution)");
        if (!c.isNone(n, 3)) value = c.doubleArg(n, 3);
    } else if (n->inputs().size() > 2) {
        value = c.doubleArg(n, 2);
    }
    if (value != 0.0)
        c.unsupported(n, "padding with a non-zero value is not supported");
    std::vector<int64_t> before;
    const int x = c.paddedInput(n, 0, before);
    std::vector<int64_t> pads = c.intsArg(n, 1);
    if (before.size() > pads.size()) pads.resize(before.size(), 0);
    for (size_t i = 0; i < before.size(); ++i) pads[i] += before[i];
    c.bindPadded(n->output(), x, pads, n);
}

void linear(Converter& c, const JitNode* n) {
    const int x = c.tensorInput(n, 0);
    std::map<std::string, Weight> params{{"weight", toWeight(c.staticTensor(n, 1, "linear weight"))}};
    if (!c.isNone(n, 2)) params["bias"] = toWeight(c.staticTensor(n, 2, "linear bias"));
    single(c, n, "linear", {x}, {}, std::move(params));
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
    single(c, n, "linear", {x}, {}, std::move(params));
}

void batchNorm(Converter& c, const JitNode* n) {
    const int x = c.tensorInput(n, 0);
    if (c.isNone(n, 3) || c.isNone(n, 4))
        c.unsupported(n, "batch norm without running statistics (track_running_stats=False) "
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
    if (op == "gelu" && n->inputs().size() > 1) attrs.set("approximate", c.constant(n, 1).toStringRef());
    if (op == "leaky_relu") attrs.set("negative_slope", n->inputs().size() > 1 ? c.doubleArg(n, 1) : 0.01);
    single(c, n, op, {c.tensorInput(n, 0)}, std::move(attrs));
}

// hardtanh(0, 6) is how F.relu6 often arrives; clamp covers the same ground.
void clampLike(Converter& c, const JitNode* n) {
    const bool hasMin = !c.isNone(n, 1), hasMax = !c.isNone(n, 2);
    const double lo = hasMin ? c.doubleArg(n, 1) : 0.0, hi = hasMax ? c.doubleArg(n, 2) : 0.0;
    const int x = c.tensorInput(n, 0);
    if (hasMin && hasMax && lo == 0.0 && hi == 6.0) return single(c, n, "relu6", {x});
    if (hasMin && !hasMax && lo == 0.0) return single(c, n, "relu", {x});
    if (!hasMin || !hasMax) c.unsupported(n, "clamp with one bound other than min=0 is not supported");
    Attrs attrs;
    attrs.set("min_val", lo);
    attrs.set("max_val", hi);
    single(c, n, "hardtanh", {x}, std::move(attrs));
}

void prelu(Converter& c, const JitNode* n) {
    single(c, n, "prelu", {c.tensorInput(n, 0)}, {},
           {{"weight", toWeight(c.staticTensor(n, 1, "PReLU weight"))}});
}

void softmax(Converter& c, const JitNode* n) {
    const int x = c.tensorInput(n, 0);
    if (!c.isNone(n, 2)) c.unsupported(n, "softmax with a dtype is not supported");
    const int64_t dim = dimOf(c, n, c.intArg(n, 1), c.shape(x).size());
    notBatch(c, n, dim);
    Attrs attrs;
    attrs.set("dim", dim);
    single(c, n, "softmax", {x}, std::move(attrs));
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
        return c.bindTensor(n->output(0), c.emit(n, isMax ? "adaptive_max_pool" : "adaptive_avg_pool",
                                                 {x}, attrs)[0]);
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

// --- shapes --------------------------------------------------------------------------------

void flatten(Converter& c, const JitNode* n) {
    const int x = c.tensorInput(n, 0);
    const size_t rank = c.shape(x).size();
    const int64_t start = dimOf(c, n, c.intArg(n, 1), rank), end = dimOf(c, n, c.intArg(n, 2), rank);
    if (start >= end) return c.alias(n->output(), n->input(0));
    notBatch(c, n, start);
    Attrs attrs;
    attrs.set("start_dim", start);
    attrs.set("end_dim", end);
    single(c, n, "flatten", {x}, std::move(attrs));
}

// The IR stores the sizes after the batch: the traced first size must be the batch (or -1).
void reshape(Converter& c, const JitNode* n) {
    const int x = c.tensorInput(n, 0);
    const Shape& in = c.shape(x);
    const std::vector<int64_t> sizes = c.intsArg(n, 1);
    const std::vector<int64_t> rest(sizes.begin() + (sizes.empty() ? 0 : 1), sizes.end());
    int64_t known = 1;
    bool restHasWildcard = false;
    for (const int64_t s : rest) {
        if (s < 0) restHasWildcard = true;
        else known *= s;
    }
    const bool keepsBatch =
        !sizes.empty() && (sizes[0] == in[0] ||
                           (sizes[0] == -1 && !restHasWildcard && known * in[0] == numel(in)));
    if (!keepsBatch)
        c.unsupported(n, "reshape of " + toString(in) + " to " + toString(sizes) +
                             " moves data across the batch dimension; the IR keeps the batch first");
    Attrs attrs;
    attrs.set("shape", rest);
    single(c, n, "reshape", {x}, std::move(attrs));
}

void permute(Converter& c, const JitNode* n) {
    const int x = c.tensorInput(n, 0);
    std::vector<int64_t> dims = c.intsArg(n, 1);
    for (int64_t& d : dims) d = dimOf(c, n, d, c.shape(x).size());
    if (dims.empty() || dims[0] != 0) notBatch(c, n, 0);
    Attrs attrs;
    attrs.set("dims", dims);
    single(c, n, "permute", {x}, std::move(attrs));
}

void transpose(Converter& c, const JitNode* n) {
    const int x = c.tensorInput(n, 0);
    const size_t rank = c.shape(x).size();
    const int64_t d0 = dimOf(c, n, c.intArg(n, 1), rank), d1 = dimOf(c, n, c.intArg(n, 2), rank);
    if (d0 == d1) return c.alias(n->output(), n->input(0));
    notBatch(c, n, std::min(d0, d1));
    Attrs attrs;
    attrs.set("dim0", d0);
    attrs.set("dim1", d1);
    single(c, n, "transpose", {x}, std::move(attrs));
}

void squeeze(Converter& c, const JitNode* n) {
    int x = c.tensorInput(n, 0);
    const Shape in = c.shape(x);
    std::vector<int64_t> dims;  // the size-1 dims to drop, highest first
    if (n->inputs().size() > 1) {
        const int64_t d = dimOf(c, n, c.intArg(n, 1), in.size());
        if (in[static_cast<size_t>(d)] == 1) dims.push_back(d);
    } else {
        for (size_t d = in.size(); d-- > 1;)
            if (in[d] == 1) dims.push_back(static_cast<int64_t>(d));
    }
    if (dims.empty()) return c.alias(n->output(), n->input(0));  // squeezing a non-1 dim: no-op
    for (const int64_t d : dims) {
        notBatch(c, n, d);
        Attrs attrs;
        attrs.set("dim", d);
        x = c.emit(n, "squeeze", {x}, std::move(attrs))[0];
    }
    c.bindTensor(n->output(), x);
}

void unsqueeze(Converter& c, const JitNode* n) {
    const int x = c.tensorInput(n, 0);
    const int64_t d = dimOf(c, n, c.intArg(n, 1), c.shape(x).size() + 1);
    notBatch(c, n, d);
    Attrs attrs;
    attrs.set("dim", d);
    single(c, n, "unsqueeze", {x}, std::move(attrs));
}

void reduce(Converter& c, const JitNode* n) {
    const int x = c.tensorInput(n, 0);
    if (n->inputs().size() < 3 || c.isNone(n, 1))
        c.unsupported(n, "reducing over all dimensions includes the batch; give the dims");
    if (n->inputs().size() > 3 && !c.isNone(n, 3)) c.unsupported(n, "a dtype is not supported here");
    std::vector<int64_t> dims = c.intsArg(n, 1);
    for (int64_t& d : dims) {
        d = dimOf(c, n, d, c.shape(x).size());
        notBatch(c, n, d);
    }
    Attrs attrs;
    attrs.set("dims", dims);
    attrs.set("keepdim", c.intArg(n, 2));
    single(c, n, opName(n), {x}, std::move(attrs));
}

void slice(Converter& c, const JitNode* n) {
    const int x = c.tensorInput(n, 0);
    const Shape& in = c.shape(x);
    const int64_t dim = dimOf(c, n, c.intArg(n, 1), in.size());
    const int64_t size = in[static_cast<size_t>(dim)];
    auto bound = [&](size_t i, int64_t fallback) {
        int64_t v = c.isNone(n, i) ? fallback : c.intArg(n, i);
        if (v < 0) v += size;
        return std::min(std::max<int64_t>(v, 0), size);
    };
    const int64_t start = bound(2, 0), end = bound(3, size), step = c.intArg(n, 4);
    if (start == 0 && end == size && step == 1) return c.alias(n->output(), n->input(0));
    notBatch(c, n, dim);
    Attrs attrs;
    attrs.set("dim", dim);
    attrs.set("start", start);
    attrs.set("end", end);
    attrs.set("step", step);
    single(c, n, "slice", {x}, std::move(attrs));
}

void size(Converter& c, const JitNode* n) {
    const Shape& in = c.shape(c.tensorInput(n, 0));
    if (opName(n) == "dim") return c.bindStatic(n->output(), static_cast<int64_t>(in.size()));
    if (n->inputs().size() == 1) return c.bindStatic(n->output(), c10::IValue(in));
    c.bindStatic(n->output(), in[static_cast<size_t>(dimOf(c, n, c.intArg(n, 1), in.size()))]);
}

// --- arithmetic ----------------------------------------------------------------------------

double scalarOperand(Converter& c, const JitNode* n, size_t i, size_t otherRank) {
    const c10::IValue& v = c.constant(n, i);
    if (v.isTensor()) {
        const torch::Tensor& t = v.toTensor();
        if (t.numel() != 1 || static_cast<size_t>(t.dim()) > otherRank)
            c.unsupported(n, "an operand is a constant tensor of shape " +
                                 toString(t.sizes().vec()) + "; only scalar constants are supported");
        return t.item<double>();
    }
    return c.doubleArg(n, i);
}

// add/sub/mul/div/rsub: tensor-tensor, or tensor with a scalar (IR attribute `scalar`).
void arithmetic(Converter& c, const JitNode* n) {
    std::string op = opName(n);
    if (op.back() == '_') op.pop_back();
    const bool hasAlpha = op == "add" || op == "sub" || op == "rsub";
    const double alpha = hasAlpha && n->inputs().size() > 2 ? c.doubleArg(n, 2) : 1.0;
    if (op == "div" && n->inputs().size() > 2 && !c.isNone(n, 2))
        c.unsupported(n, "division with a rounding mode is not supported");
    size_t ia = 0, ib = 1;  // result = a op (alpha * b)
    if (op == "rsub") {
        std::swap(ia, ib);
        op = "sub";
    }
    auto scaled = [&](int t) {  // alpha * t as its own node
        if (alpha == 1.0) return t;
        Attrs attrs;
        attrs.set("scalar", alpha);
        return c.emit(n, "mul", {t}, std::move(attrs))[0];
    };
    const bool aTensor = !c.isStatic(n->input(ia)), bTensor = !c.isStatic(n->input(ib));
    Attrs attrs;
    if (aTensor && bTensor) {
        if (op == "div") c.unsupported(n, "division by a tensor is not supported");
        const int a = c.tensorInput(n, ia), b = scaled(c.tensorInput(n, ib));
        return single(c, n, op, {a, b});
    }
    if (aTensor) {
        const int a = c.tensorInput(n, ia);
        double s = scalarOperand(c, n, ib, c.shape(a).size());
        if (op == "div") {  // x / s as x * (1 / s): equal up to float rounding
            op = "mul";
            s = 1.0 / s;
        }
        attrs.set("scalar", op == "mul" ? s : alpha * s);
        return single(c, n, op, {a}, std::move(attrs));
    }
    if (op == "div") c.unsupported(n, "dividing a constant by a tensor is not supported");
    const int b = scaled(c.tensorInput(n, ib));
    attrs.set("scalar", scalarOperand(c, n, ia, c.shape(b).size()));
    if (op == "sub") attrs.set("reverse", int64_t{1});
    single(c, n, op, {b}, std::move(attrs));
}

// --- lists: cat, chunk, split ----------------------------------------------------------------

const std::vector<int>& tensorList(Converter& c, const JitNode* n, size_t i) {
    const Binding& b = c.binding(n->input(i));
    if (b.kind != Binding::Kind::TensorList)
        c.unsupported(n, "this list mixes network tensors with constants");
    return b.tensors;
}

void cat(Converter& c, const JitNode* n) {
    const std::vector<int>& xs = tensorList(c, n, 0);
    const int64_t dim = dimOf(c, n, c.intArg(n, 1), c.shape(xs.front()).size());
    notBatch(c, n, dim);
    Attrs attrs;
    attrs.set("dim", dim);
    single(c, n, "cat", xs, std::move(attrs));
}

void listConstruct(Converter& c, const JitNode* n) {
    std::vector<int> tensors;
    for (size_t i = 0; i < n->inputs().size(); ++i) {
        const Binding& b = c.binding(n->input(i));
        if (b.kind == Binding::Kind::Static)
            c.unsupported(n, "this list mixes network tensors with constants");
        tensors.push_back(c.tensorInput(n, i));
    }
    c.bindList(n->output(), std::move(tensors));
}

void listUnpack(Converter& c, const JitNode* n) {
    const std::vector<int>& xs = tensorList(c, n, 0);
    if (xs.size() != n->outputs().size())
        c.fail(n, "unpacks " + std::to_string(n->outputs().size()) + " values from a list of " +
                      std::to_string(xs.size()));
    for (size_t i = 0; i < xs.size(); ++i) c.bindTensor(n->output(i), xs[i]);
}

void getItem(Converter& c, const JitNode* n) {
    const std::vector<int>& xs = tensorList(c, n, 0);
    const int64_t i = dimOf(c, n, c.intArg(n, 1), xs.size());
    c.bindTensor(n->output(), xs[static_cast<size_t>(i)]);
}

void split(Converter& c, const JitNode* n) {
    const std::string k = opName(n);
    const int x = c.tensorInput(n, 0);
    const int64_t dim = dimOf(c, n, c.intArg(n, 2), c.shape(x).size());
    const int64_t size = c.shape(x)[static_cast<size_t>(dim)];
    std::vector<int64_t> sizes;
    const c10::IValue& arg = c.constant(n, 1);
    if (arg.isIntList()) {
        sizes = arg.toIntVector();
    } else {
        const int64_t chunks = c.intArg(n, 1);
        const int64_t each = k.find("chunk") != std::string::npos ? (size + chunks - 1) / chunks : chunks;
        for (int64_t left = size; left > 0; left -= each) sizes.push_back(std::min(each, left));
    }
    notBatch(c, n, dim);
    Attrs attrs;
    attrs.set("dim", dim);
    attrs.set("sizes", sizes);
    c.bindList(n->output(), c.emit(n, "split", {x}, std::move(attrs)));
}

const std::map<std::string, Handler>& handlers() {
    static const std::map<std::string, Handler> table = [] {
        std::map<std::string, Handler> t;
        auto add = [&t](std::initializer_list<const char*> kinds, Handler h) {
            for (const char* k : kinds) t[k] = h;
        };
        add({"aten::_convolution", "aten::convolution", "aten::_convolution_mode", "aten::conv1d",
             "aten::conv2d", "aten::conv_transpose1d", "aten::conv_transpose2d"}, conv);
        add({"aten::pad", "aten::constant_pad_nd"}, pad);
        add({"aten::linear"}, linear);
        add({"aten::addmm", "aten::matmul", "aten::mm"}, matmul);
        add({"aten::batch_norm"}, batchNorm);
        add({"aten::relu", "aten::relu6", "aten::sigmoid", "aten::tanh", "aten::silu",
             "aten::hardswish", "aten::hardsigmoid", "aten::gelu", "aten::leaky_relu"}, activation);
        add({"aten::hardtanh", "aten::clamp"}, clampLike);
        add({"aten::prelu"}, prelu);
        add({"aten::softmax"}, softmax);
        add({"aten::max_pool1d", "aten::max_pool2d", "aten::avg_pool1d", "aten::avg_pool2d",
             "aten::adaptive_avg_pool1d", "aten::adaptive_avg_pool2d",
             "aten::adaptive_max_pool1d", "aten::adaptive_max_pool2d"}, pool);
        add({"aten::flatten"}, flatten);
        add({"aten::view", "aten::reshape"}, reshape);
        add({"aten::permute"}, permute);
        add({"aten::transpose"}, transpose);
        add({"aten::squeeze"}, squeeze);
        add({"aten::unsqueeze"}, unsqueeze);
        add({"aten::mean", "aten::sum"}, reduce);
        add({"aten::slice"}, slice);
        add({"aten::size", "aten::dim"}, size);
        add({"aten::contiguous", "aten::detach", "aten::clone", "aten::dropout",
             "aten::feature_dropout", "aten::alpha_dropout", "aten::feature_alpha_dropout"}, aliasOp);
        add({"aten::add", "aten::sub", "aten::mul", "aten::div", "aten::rsub"}, arithmetic);
        add({"aten::cat", "aten::concat"}, cat);
        add({"prim::ListConstruct", "prim::TupleConstruct"}, listConstruct);
        add({"prim::ListUnpack", "prim::TupleUnpack"}, listUnpack);
        add({"aten::__getitem__", "prim::TupleIndex"}, getItem);
        add({"aten::chunk", "aten::unsafe_chunk", "aten::split", "aten::unsafe_split",
             "aten::split_with_sizes", "aten::unsafe_split_with_sizes"}, split);
        return t;
    }();
    return table;
}

}  // namespace

bool convertOp(Converter& c, const JitNode* n) {
    std::string kind = n->kind().toQualString();
    // In-place variants (relu_, add_) map like the plain op; dunder names (__getitem__) stay.
    if (kind.size() > 2 && kind.back() == '_' && kind[kind.size() - 2] != '_') kind.pop_back();
    const auto it = handlers().find(kind);
    if (it == handlers().end()) return false;
    it->second(c, n);
    return true;
}

}  // namespace tsimport
}  // namespace secateur
