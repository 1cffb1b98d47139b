// TorchScript shape ops, arithmetic and tensor lists mapped to IR nodes. Shape arguments are
// already folded to constants for the given input shapes.
#include <algorithm>

#include "engine/import/torchscript_convert.h"

namespace secateur {
namespace tsimport {
namespace {

// Inference no-ops (contiguous, detach, clone, dropout): the output is the input.
void aliasOp(Converter& c, const JitNode* n) {
    c.tensorInput(n, 0);
    c.alias(n->output(), n->input(0));
}

// --- shapes --------------------------------------------------------------------------------

void flatten(Converter& c, const JitNode* n) {
    const int x = c.tensorInput(n, 0);
    const size_t rank = c.shape(x).size();
    const int64_t start = dimOf(c, n, c.intArg(n, 1), rank),
                  end = dimOf(c, n, c.intArg(n, 2), rank);
    if (start >= end) return c.alias(n->output(), n->input(0));
    notBatch(c, n, start);
    Attrs attrs;
    attrs.set("start_dim", start);
    attrs.set("end_dim", end);
    emitOne(c, n, "flatten", {x}, std::move(attrs));
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
        if (s < 0)
            restHasWildcard = true;
        else
            known *= s;
    }
    const bool keepsBatch =
        !sizes.empty() &&
        (sizes[0] == in[0] || (sizes[0] == -1 && !restHasWildcard && known * in[0] == numel(in)));
    if (!keepsBatch)
        c.unsupported(
            n, "reshape of " + toString(in) + " to " + toString(sizes) +
                   " moves data across the batch dimension; the IR keeps the batch first (if the "
                   "trace fixed the batch size, write x.size(0) or -1 in the model)");
    Attrs attrs;
    attrs.set("shape", rest);
    emitOne(c, n, "reshape", {x}, std::move(attrs));
}

void permute(Converter& c, const JitNode* n) {
    const int x = c.tensorInput(n, 0);
    std::vector<int64_t> dims = c.intsArg(n, 1);
    for (int64_t& d : dims) d = dimOf(c, n, d, c.shape(x).size());
    if (dims.empty() || dims[0] != 0) notBatch(c, n, 0);
    Attrs attrs;
    attrs.set("dims", dims);
    emitOne(c, n, "permute", {x}, std::move(attrs));
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
    emitOne(c, n, "transpose", {x}, std::move(attrs));
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
    emitOne(c, n, "unsqueeze", {x}, std::move(attrs));
}

// A slice of a pending zero pad (the export writes a convolution whose kept taps read beyond the
// input as pad-then-crop) changes the pad's amounts, negative ones cropping; it still folds into
// the convolution that reads it. False when the slice is not of that kind.
bool slicePadded(Converter& c, const JitNode* n) {
    const Binding& b = c.binding(n->input(0));
    if (b.kind != Binding::Kind::Padded || c.intArg(n, 4) != 1) return false;
    const int x = b.tensors.front();
    const Shape& in = c.shape(x);  // before padding
    const int64_t rank = static_cast<int64_t>(in.size());
    const int64_t dim = dimOf(c, n, c.intArg(n, 1), in.size());
    std::vector<int64_t> pads = b.pads;  // torch order: last dimension first
    const auto fromLast = static_cast<size_t>(rank - 1 - dim);
    if (pads.size() < 2 * (fromLast + 1)) pads.resize(2 * (fromLast + 1), 0);
    int64_t& begin = pads[2 * fromLast];
    int64_t& end = pads[2 * fromLast + 1];
    const int64_t size = in[static_cast<size_t>(dim)] + begin + end;
    auto bound = [&](size_t i, int64_t fallback) {
        int64_t v = c.isNone(n, i) ? fallback : c.intArg(n, i);
        if (v < 0) v += size;
        return std::min(std::max<int64_t>(v, 0), size);
    };
    const int64_t start = bound(2, 0), stop = bound(3, size);
    if (dim < 2 && (start != 0 || stop != size)) return false;
    begin -= start;
    end -= size - stop;
    c.bindPadded(n->output(), x, std::move(pads), b.origin);
    return true;
}

void slice(Converter& c, const JitNode* n) {
    if (slicePadded(c, n)) return;
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
    emitOne(c, n, "slice", {x}, std::move(attrs));
}

// x[:, i] (aten::select): the slice [i, i + 1) with that dimension squeezed away.
void select(Converter& c, const JitNode* n) {
    const int x = c.tensorInput(n, 0);
    const Shape& in = c.shape(x);
    const int64_t dim = dimOf(c, n, c.intArg(n, 1), in.size());
    notBatch(c, n, dim);
    const int64_t size = in[static_cast<size_t>(dim)];
    int64_t index = c.intArg(n, 2);
    if (index < -size || index >= size)
        c.fail(n, "index " + std::to_string(index) + " is out of range for size " +
                      std::to_string(size));
    if (index < 0) index += size;
    int t = x;
    if (size > 1) {
        Attrs range;
        range.set("dim", dim);
        range.set("start", index);
        range.set("end", index + 1);
        range.set("step", int64_t{1});
        t = c.emit(n, "slice", {x}, std::move(range))[0];
    }
    Attrs squeeze;
    squeeze.set("dim", dim);
    emitOne(c, n, "squeeze", {t}, std::move(squeeze));
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
                                 toString(t.sizes().vec()) +
                                 "; only scalar constants are supported");
        return t.item<double>();
    }
    return c.doubleArg(n, i);
}

// --- lists: cat, chunk, split ----------------------------------------------------------------

void cat(Converter& c, const JitNode* n) {
    const std::vector<int>& xs = tensorList(c, n, 0);
    const int64_t dim = dimOf(c, n, c.intArg(n, 1), c.shape(xs.front()).size());
    notBatch(c, n, dim);
    Attrs attrs;
    attrs.set("dim", dim);
    emitOne(c, n, "cat", xs, std::move(attrs));
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
        const int64_t each =
            k.find("chunk") != std::string::npos ? (size + chunks - 1) / chunks : chunks;
        for (int64_t left = size; left > 0; left -= each) sizes.push_back(std::min(each, left));
    }
    notBatch(c, n, dim);
    Attrs attrs;
    attrs.set("dim", dim);
    attrs.set("sizes", sizes);
    c.bindList(n->output(), c.emit(n, "split", {x}, std::move(attrs)));
}

}  // namespace

const std::vector<int>& tensorList(Converter& c, const JitNode* n, size_t i) {
    const Binding& b = c.binding(n->input(i));
    if (b.kind != Binding::Kind::TensorList)
        c.unsupported(n, "this list mixes network tensors with constants");
    return b.tensors;
}

// add/sub/mul/div/rsub: tensor-tensor, or tensor with a scalar (IR attribute `scalar`).
void arithmetic(Converter& c, const JitNode* n) {
    if (stackedArithmetic(c, n)) return;
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
        const int a = c.tensorInput(n, ia), b = scaled(c.tensorInput(n, ib));
        return emitOne(c, n, op, {a, b});
    }
    if (aTensor) {
        const int a = c.tensorInput(n, ia);
        double s = scalarOperand(c, n, ib, c.shape(a).size());
        if (op == "div") {  // x / s as x * (1 / s): equal up to float rounding
            op = "mul";
            s = 1.0 / s;
        }
        attrs.set("scalar", op == "mul" ? s : alpha * s);
        return emitOne(c, n, op, {a}, std::move(attrs));
    }
    if (op == "div") c.unsupported(n, "dividing a constant by a tensor is not supported");
    const int b = scaled(c.tensorInput(n, ib));
    attrs.set("scalar", scalarOperand(c, n, ia, c.shape(b).size()));
    if (op == "sub") attrs.set("reverse", int64_t{1});
    emitOne(c, n, op, {b}, std::move(attrs));
}

void addTensorOps(OpTable& table) {
    auto add = [&table](std::initializer_list<const char*> kinds, OpHandler h) {
        for (const char* k : kinds) table[k] = h;
    };
    add({"aten::flatten"}, flatten);
    add({"aten::view", "aten::reshape"}, reshape);
    add({"aten::permute"}, permute);
    add({"aten::transpose"}, transpose);
    add({"aten::squeeze"}, squeeze);
    add({"aten::unsqueeze"}, unsqueeze);
    add({"aten::slice"}, slice);
    add({"aten::select"}, select);
    add({"aten::size", "aten::dim"}, size);
    add({"aten::contiguous", "aten::detach", "aten::clone", "aten::dropout",
         "aten::feature_dropout", "aten::alpha_dropout", "aten::feature_alpha_dropout"},
        aliasOp);
    add({"aten::add", "aten::sub", "aten::mul", "aten::div", "aten::rsub"}, arithmetic);
    add({"aten::cat", "aten::concat"}, cat);
    add({"prim::ListConstruct", "prim::TupleConstruct"}, listConstruct);
    add({"prim::ListUnpack", "prim::TupleUnpack"}, listUnpack);
    add({"aten::__getitem__", "prim::TupleIndex"}, getItem);
    add({"aten::chunk", "aten::unsafe_chunk", "aten::split", "aten::unsafe_split",
         "aten::split_with_sizes", "aten::unsafe_split_with_sizes"},
        split);
}

}  // namespace tsimport
}  // namespace secateur
