// TorchScript reductions mapped to IR nodes (mean, sum, amax, amin, max/min over a dim, std, var)
// and torch.stack, including the supernet pattern that stacks branches along dim 0 and sums them
// with (softmax) weights: (torch.stack(outs, 0) * w.view(-1, 1, 1, 1)).sum(0).
#include "engine/import/torchscript_convert.h"

namespace secateur {
namespace tsimport {
namespace {

std::string overload(const JitNode* n) {
    const c10::FunctionSchema* schema = n->maybeSchema();
    return schema ? schema->overload_name() : std::string();
}

std::vector<int64_t> reducedDims(Converter& c, const JitNode* n, size_t i, int x) {
    if (c.isNone(n, i))
        c.unsupported(n, "reducing over all dimensions includes the batch; give the dims");
    std::vector<int64_t> dims = c.intsArg(n, i);
    if (dims.empty())
        c.unsupported(n, "reducing over all dimensions includes the batch; give the dims");
    for (int64_t& d : dims) {
        d = dimOf(c, n, d, c.shape(x).size());
        notBatch(c, n, d);
    }
    return dims;
}

void emitReduction(Converter& c, const JitNode* n, const std::string& op, int x,
                   std::vector<int64_t> dims, bool keepdim, int64_t correction = 1) {
    Attrs attrs;
    attrs.set("dims", std::move(dims));
    attrs.set("keepdim", static_cast<int64_t>(keepdim));
    if (op == "std" || op == "var") attrs.set("correction", correction);
    emitOne(c, n, op, {x}, std::move(attrs));
}

// sum or mean over dim 0 of stacked tensors: w0 * a + w1 * b + ...
void stackedSum(Converter& c, const JitNode* n, const Binding& stacked) {
    const std::vector<int64_t> dims = c.intsArg(n, 1);
    if (dims.size() != 1 || dims[0] != 0 || c.boolArg(n, 2))
        c.unsupported(n,
                      "after torch.stack along dim 0 only a sum or mean over dim 0 (without "
                      "keepdim) is supported");
    const double share =
        opName(n) == "mean" ? 1.0 / static_cast<double>(stacked.tensors.size()) : 1.0;
    int total = -1;
    for (size_t i = 0; i < stacked.tensors.size(); ++i) {
        int term = stacked.tensors[i];
        const double w = stacked.weights[i] * share;
        if (w != 1.0) {
            Attrs attrs;
            attrs.set("scalar", w);
            term = c.emit(n, "mul", {term}, std::move(attrs))[0];
        }
        total = total < 0 ? term : c.emit(n, "add", {total, term})[0];
    }
    c.bindTensor(n->output(), total);
}

void meanOrSum(Converter& c, const JitNode* n) {
    if (const Binding& b = c.binding(n->input(0)); b.kind == Binding::Kind::Stacked)
        return stackedSum(c, n, b);
    const int x = c.tensorInput(n, 0);
    if (n->inputs().size() < 3) c.unsupported(n, "reducing over all dimensions includes the batch");
    if (n->inputs().size() > 3 && !c.isNone(n, 3))
        c.unsupported(n, "a dtype is not supported here");
    emitReduction(c, n, opName(n), x, reducedDims(c, n, 1, x), c.boolArg(n, 2));
}

void extremum(Converter& c, const JitNode* n) {
    const std::string k = opName(n);
    const int x = c.tensorInput(n, 0);
    const bool isMax = k == "amax" || k == "max";
    if (k == "amax" || k == "amin")
        return emitReduction(c, n, k, x, reducedDims(c, n, 1, x), c.boolArg(n, 2));
    // max(x, dim) gives (values, indices); the indices stay unbound, so a use of them fails.
    if (overload(n) != "dim")
        c.unsupported(n, std::string(isMax ? "max" : "min") +
                             " is supported over one dimension (x.max(dim)) only; the "
                             "elementwise and whole-tensor forms are not");
    const int64_t dim = dimOf(c, n, c.intArg(n, 1), c.shape(x).size());
    notBatch(c, n, dim);
    Attrs attrs;
    attrs.set("dims", std::vector<int64_t>{dim});
    attrs.set("keepdim", static_cast<int64_t>(c.boolArg(n, 2)));
    c.bindTensor(n->output(0), c.emit(n, isMax ? "amax" : "amin", {x}, std::move(attrs))[0]);
}

// std.dim(x, dims, unbiased, keepdim) and std.correction(x, dims, correction, keepdim).
void spread(Converter& c, const JitNode* n) {
    const int x = c.tensorInput(n, 0);
    const std::string form = overload(n);
    if (form != "dim" && form != "correction")
        c.unsupported(n, "std/var over all dimensions includes the batch; give the dims");
    int64_t correction = 1;
    if (form == "dim")
        correction = c.boolArg(n, 2) ? 1 : 0;
    else if (!c.isNone(n, 2))
        correction = c.intArg(n, 2);
    emitReduction(c, n, opName(n), x, reducedDims(c, n, 1, x), c.boolArg(n, 3), correction);
}

void stack(Converter& c, const JitNode* n) {
    const std::vector<int>& xs = tensorList(c, n, 0);
    const int64_t dim = dimOf(c, n, c.intArg(n, 1), c.shape(xs.front()).size() + 1);
    if (dim == 0) return c.bindStacked(n->output(), xs, std::vector<double>(xs.size(), 1.0), n);
    Attrs attrs;
    attrs.set("dim", dim);
    emitOne(c, n, "stack", xs, std::move(attrs));
}

}  // namespace

// Stacked tensors times constant weights of shape [K, 1, ...] (or a scalar), or divided by a
// scalar: the weights are folded into the stack.
bool stackedArithmetic(Converter& c, const JitNode* n) {
    const std::string op = opName(n);
    size_t stackedIndex = 2;
    for (size_t i = 0; i < std::min<size_t>(2, n->inputs().size()); ++i)
        if (c.binding(n->input(i)).kind == Binding::Kind::Stacked) stackedIndex = i;
    if (stackedIndex == 2) return false;
    const Binding stacked = c.binding(n->input(stackedIndex));
    const size_t other = 1 - stackedIndex;
    const bool scaling = op == "mul" || op == "mul_" || (op == "div" && stackedIndex == 0);
    if (!scaling || !c.isStatic(n->input(other)))
        c.unsupported(n,
                      "after torch.stack along dim 0 only multiplying by constant weights and "
                      "a sum or mean over dim 0 are supported");
    const c10::IValue& value = c.constant(n, other);
    std::vector<double> factors(stacked.tensors.size(), 1.0);
    if (value.isTensor() && value.toTensor().numel() > 1) {
        const torch::Tensor w = value.toTensor().to(torch::kDouble).contiguous();
        const auto rank = static_cast<int64_t>(c.shape(stacked.tensors.front()).size()) + 1;
        if (w.dim() != rank || w.size(0) != static_cast<int64_t>(factors.size()) ||
            w.numel() != static_cast<int64_t>(factors.size()))
            c.unsupported(n, "the weights of the stacked tensors must have shape [" +
                                 std::to_string(factors.size()) + ", 1, ...]");
        for (size_t i = 0; i < factors.size(); ++i)
            factors[i] = w.flatten()[static_cast<int64_t>(i)].item<double>();
    } else {
        factors.assign(factors.size(), c.doubleArg(n, other));
    }
    std::vector<double> weights = stacked.weights;
    for (size_t i = 0; i < weights.size(); ++i)
        weights[i] = op == "div" ? weights[i] / factors[i] : weights[i] * factors[i];
    TensorSources sources = stacked.sources;
    const TensorSources& factorSources = c.binding(n->input(other)).sources;
    sources.insert(factorSources.begin(), factorSources.end());
    c.bindStacked(n->output(), stacked.tensors, std::move(weights), stacked.origin,
                  std::move(sources));
    return true;
}

void addReduceOps(OpTable& table) {
    auto add = [&table](std::initializer_list<const char*> kinds, OpHandler h) {
        for (const char* k : kinds) table[k] = h;
    };
    add({"aten::mean", "aten::sum"}, meanOrSum);
    add({"aten::amax", "aten::amin", "aten::max", "aten::min"}, extremum);
    add({"aten::std", "aten::var"}, spread);
    add({"aten::stack"}, stack);
}

}  // namespace tsimport
}  // namespace secateur
