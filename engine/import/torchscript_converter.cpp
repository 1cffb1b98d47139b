// The importer's bookkeeping: what each TorchScript value became, folded arguments, emitting IR
// nodes and wording errors. Op handlers live in torchscript_layer_ops.cpp and
// torchscript_tensor_ops.cpp.
#include "engine/graph/ops/op.h"
#include "engine/import/torchscript_convert.h"

namespace secateur {
namespace tsimport {
namespace {

std::string shapeList(const std::vector<std::string>& names, const std::vector<Shape>& shapes) {
    std::string out;
    for (size_t i = 0; i < shapes.size(); ++i)
        out += (i ? ", " : "") + (i < names.size() ? names[i] + " " : "") + toString(shapes[i]);
    return out;
}

}  // namespace

// --- bindings and arguments ----------------------------------------------------------------

const Binding& Converter::binding(const JitValue* v) const {
    const auto it = bindings_.find(v);
    if (it == bindings_.end())
        fail(v->node(), "its value %" + v->debugName() +
                            " is used later but has no IR equivalent (e.g. pooling indices)");
    return it->second;
}

bool Converter::isStatic(const JitValue* v) const {
    return binding(v).kind == Binding::Kind::Static;
}

const c10::IValue& Converter::constant(const JitNode* n, size_t i) const {
    const Binding& b = binding(n->input(i));
    if (b.kind != Binding::Kind::Static)
        fail(n, "argument " + std::to_string(i) + " must be a constant, not computed from tensors");
    return b.constant;
}

bool Converter::isNone(const JitNode* n, size_t i) const {
    return i >= n->inputs().size() || constant(n, i).isNone();
}

int64_t Converter::intArg(const JitNode* n, size_t i) const {
    const c10::IValue& v = constant(n, i);
    if (v.isInt()) return v.toInt();
    if (v.isBool()) return v.toBool() ? 1 : 0;
    fail(n, "argument " + std::to_string(i) + " must be an integer");
}

double Converter::doubleArg(const JitNode* n, size_t i) const {
    const c10::IValue& v = constant(n, i);
    if (v.isDouble()) return v.toDouble();
    if (v.isInt()) return static_cast<double>(v.toInt());
    if (v.isBool()) return v.toBool() ? 1.0 : 0.0;
    if (v.isTensor() && v.toTensor().numel() == 1) return v.toTensor().item<double>();
    fail(n, "argument " + std::to_string(i) + " must be a number");
}

bool Converter::boolArg(const JitNode* n, size_t i) const {
    return intArg(n, i) != 0;
}

std::vector<int64_t> Converter::intsArg(const JitNode* n, size_t i) const {
    const c10::IValue& v = constant(n, i);
    if (v.isIntList()) return v.toIntVector();
    if (v.isInt()) return {v.toInt()};
    fail(n, "argument " + std::to_string(i) + " must be a list of integers");
}

torch::Tensor Converter::staticTensor(const JitNode* n, size_t i, const std::string& what) const {
    const Binding& b = binding(n->input(i));
    if (b.kind != Binding::Kind::Static || !b.constant.isTensor())
        fail(n,
             "the " + what + " must be a module parameter or buffer, not computed from the input");
    return b.constant.toTensor();
}

int Converter::tensorInput(const JitNode* n, size_t i) const {
    const Binding& b = binding(n->input(i));
    if (b.kind == Binding::Kind::Tensor) return b.tensors.front();
    if (b.kind == Binding::Kind::Padded)
        fail(b.origin, "F.pad folded into a convolution is also read by " +
                           std::string(n->kind().toQualString()) + " (a bug, please report it)");
    if (b.kind == Binding::Kind::Stacked)
        fail(b.origin,
             "torch.stack along dim 0 (the batch) is supported only when a sum or mean over dim "
             "0 follows (optionally after multiplying by constant weights), but here it feeds " +
                 std::string(n->kind().toQualString()) +
                 "; stack along dim 1 instead, or keep the module whole with --keep-whole");
    fail(n, "input " + std::to_string(i) + " must be a tensor computed from the network input");
}

int Converter::paddedInput(const JitNode* n, size_t i, std::vector<int64_t>& pads) const {
    const Binding& b = binding(n->input(i));
    pads.clear();
    if (b.kind != Binding::Kind::Padded) return tensorInput(n, i);
    pads = b.pads;
    return b.tensors.front();
}

void Converter::bindTensor(const JitValue* v, int tensor) {
    Binding b;
    b.kind = Binding::Kind::Tensor;
    b.tensors = {tensor};
    bindings_[v] = std::move(b);
}

void Converter::bindList(const JitValue* v, std::vector<int> tensors) {
    Binding b;
    b.kind = Binding::Kind::TensorList;
    b.tensors = std::move(tensors);
    bindings_[v] = std::move(b);
}

void Converter::bindStatic(const JitValue* v, c10::IValue value) {
    Binding b;
    if (const void* identity = tensors_.identity(value)) b.sources.insert(identity);
    b.constant = std::move(value);
    bindings_[v] = std::move(b);
}

void Converter::bindPadded(const JitValue* v, int tensor, std::vector<int64_t> pads,
                           const JitNode* n) {
    Binding b;
    b.kind = Binding::Kind::Padded;
    b.tensors = {tensor};
    b.pads = std::move(pads);
    b.origin = n;
    bindings_[v] = std::move(b);
}

void Converter::bindStacked(const JitValue* v, std::vector<int> tensors,
                            std::vector<double> weights, const JitNode* n, TensorSources sources) {
    Binding b;
    b.kind = Binding::Kind::Stacked;
    b.sources = std::move(sources);
    b.tensors = std::move(tensors);
    b.weights = std::move(weights);
    b.origin = n;
    bindings_[v] = std::move(b);
}

void Converter::alias(const JitValue* out, const JitValue* in) {
    bindings_[out] = binding(in);
}

// --- nodes ---------------------------------------------------------------------------------

std::vector<int> Converter::emit(const JitNode* n, const std::string& op, std::vector<int> inputs,
                                 Attrs attrs, std::map<std::string, Weight> params,
                                 std::map<std::string, Weight> buffers) {
    Node node;
    const std::string path = modulePath(n);
    // A provisional unique name; finish() picks the final one.
    node.name = (path.empty() ? op : path) + "#" + std::to_string(tempNames_++);
    node.op = op;
    node.inputs = std::move(inputs);
    node.attrs = std::move(attrs);
    node.params = std::move(params);
    node.buffers = std::move(buffers);
    bool inUserCode = false;
    node.source = sourceLine(n, nullptr, &inUserCode);
    // Scripted functional calls (F.relu) record only torch's line: take the producer's instead.
    const int producer = node.inputs.empty() ? -1 : graph_.tensor(node.inputs.front()).producer;
    if (!inUserCode && producer >= 0)
        node.source = graph_.nodes()[static_cast<size_t>(producer)].source;
    // Infer shapes here first, so that a mismatch reads without the provisional name.
    std::vector<Shape> in;
    for (const int t : node.inputs) in.push_back(shape(t));
    try {
        opDef(op).inferShapes(node, in);
    } catch (const Error& e) {
        std::string shapes;
        for (const Shape& s : in) shapes += (shapes.empty() ? "" : ", ") + toString(s);
        throw Error(op + " with input " + shapes + ": " + e.what());
    }
    modulePaths_.push_back(path);
    TensorSources sources;
    for (const JitValue* v : n->inputs())
        if (const auto it = bindings_.find(v); it != bindings_.end())
            sources.insert(it->second.sources.begin(), it->second.sources.end());
    nodeSources_.push_back(std::move(sources));
    return graph_.addNode(std::move(node));
}

std::string Converter::givenShapes() const {
    return shapeList(inputNames_, options_.inputShapes);
}

std::string Converter::describe(const JitNode* n) const {
    std::string where;
    const std::string path = modulePath(n);
    if (!path.empty()) where = "module '" + path + "', ";
    if (!n->outputs().empty()) where += "output %" + n->output(0)->debugName() + ", ";
    std::string code;
    const std::string line = sourceLine(n, &code);
    where += line.empty() ? "no source line recorded" : line;
    if (!code.empty()) where += " `" + (code.size() > 70 ? code.substr(0, 67) + "..." : code) + "`";
    return std::string(n->kind().toQualString()) + " (" + where + ")";
}

void Converter::fail(const JitNode* n, const std::string& what) const {
    throw ImportError(file_ + ": " + describe(n) + ": " + what);
}

void Converter::unsupported(const JitNode* n, const std::string& detail) const {
    const std::string path = modulePath(n);
    const std::string keep =
        path.empty() ? "move it into a submodule and keep that whole with --keep-whole MODULE"
                     : "keep its module whole with --keep-whole " + path.substr(0, path.find('.'));
    fail(n, (detail.empty() ? "this op is not supported" : detail) +
                "; replace it with a supported op (see docs/import.md), " + keep +
                " (the search then leaves it as it is), or open an issue asking for it");
}

// --- helpers shared by the op files ----------------------------------------------------------

std::string opName(const JitNode* n) {
    return n->kind().toUnqualString();
}

int64_t dimOf(const Converter& c, const JitNode* n, int64_t dim, size_t rank) {
    const int64_t r = static_cast<int64_t>(rank);
    const int64_t d = dim < 0 ? dim + r : dim;
    if (d < 0 || d >= r)
        c.fail(n, "dimension " + std::to_string(dim) + " is out of range for a " +
                      std::to_string(rank) + "-D tensor");
    return d;
}

void notBatch(const Converter& c, const JitNode* n, int64_t dim) {
    if (dim == 0)
        c.unsupported(n, "this touches the batch dimension (dim 0); the IR keeps the batch first");
}

void emitOne(Converter& c, const JitNode* n, const std::string& op, std::vector<int> inputs,
             Attrs attrs, std::map<std::string, Weight> params) {
    c.bindTensor(n->output(0),
                 c.emit(n, op, std::move(inputs), std::move(attrs), std::move(params))[0]);
}

bool convertOp(Converter& c, const JitNode* n) {
    std::string kind = n->kind().toQualString();
    // In-place variants (relu_, add_) map like the plain op; dunder names (__getitem__) stay.
    if (kind.size() > 2 && kind.back() == '_' && kind[kind.size() - 2] != '_') kind.pop_back();
    static const OpTable table = [] {
        OpTable t;
        addLayerOps(t);
        addTensorOps(t);
        addNormOps(t);
        addResampleOps(t);
        addReduceOps(t);
        return t;
    }();
    const auto it = table.find(kind);
    if (it == table.end()) return false;
    it->second(c, n);
    // Later readers of a tensor changed in place (kept when RemoveTensorMutation could not
    // rewrite it) see the new value.
    if (kind != n->kind().toQualString() && !n->inputs().empty() && !n->outputs().empty())
        c.alias(n->input(0), n->output(0));
    return true;
}

}  // namespace tsimport
}  // namespace secateur
