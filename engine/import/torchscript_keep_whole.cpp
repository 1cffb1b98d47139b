// --keep-whole: the ops of a submodule become one opaque node. They are copied out of the inlined
// forward graph into a graph of their own (values from outside become its inputs or constants),
// which is saved as a small TorchScript module that the node runs and the export embeds.
#include <sstream>

#include "engine/graph/ops/opaque.h"
#include "engine/import/torchscript_convert.h"
#include "engine/util/suggest.h"

namespace secateur {
namespace tsimport {
namespace {

std::string identifier(const std::string& path) {
    std::string id;
    for (const char c : path) id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return id;
}

// The top-level node of `block` that holds `n` (n itself, or the node whose sub-block holds it).
const JitNode* inBlock(const JitNode* n, const torch::jit::Block* block) {
    while (n->owningBlock() != block && n->owningBlock()->owningNode() != nullptr)
        n = n->owningBlock()->owningNode();
    return n;
}

std::vector<Shape> outputShapes(torch::jit::Module& module, const std::vector<Shape>& inputs) {
    std::vector<torch::jit::IValue> args;
    for (const Shape& s : inputs) args.emplace_back(torch::zeros(s));
    torch::NoGradGuard noGrad;
    const torch::jit::IValue result = module.forward(args);
    std::vector<Shape> shapes;
    if (!result.isTuple()) return {result.toTensor().sizes().vec()};
    for (const auto& v : result.toTupleRef().elements())
        shapes.push_back(v.toTensor().sizes().vec());
    return shapes;
}

// Why the search could not train through the module ("" when it can): a backward pass from its
// outputs to its inputs.
std::string gradientProblem(torch::jit::Module& module, const std::vector<Shape>& inputs) {
    std::vector<torch::jit::IValue> args;
    std::vector<torch::Tensor> leaves;
    for (const Shape& s : inputs) {
        leaves.push_back(torch::randn(s).requires_grad_(true));
        args.emplace_back(leaves.back());
    }
    try {
        const torch::jit::IValue result = module.forward(args);
        torch::Tensor total = torch::zeros({});
        if (result.isTuple()) {
            for (const auto& v : result.toTupleRef().elements()) total = total + v.toTensor().sum();
        } else {
            total = result.toTensor().sum();
        }
        total.backward();
    } catch (const std::exception& e) {
        const auto* c10Error = dynamic_cast<const c10::Error*>(&e);
        const std::string what = c10Error ? c10Error->what_without_backtrace() : e.what();
        return what.substr(0, what.find('\n'));
    }
    return "";
}

}  // namespace

std::string Converter::keptWholePrefix(const JitNode* n) const {
    if (n->kind() == c10::prim::Constant) return "";
    const std::string path = modulePath(n);
    for (const std::string& prefix : options_.keepWhole)
        if (path == prefix || path.rfind(prefix + ".", 0) == 0) return prefix;
    return "";
}

void Converter::checkKeepWhole() const {
    for (const std::string& wanted : options_.keepWhole) {
        if (submoduleParams_.count(wanted)) continue;
        std::vector<std::pair<int, std::string>> ranked;
        for (const auto& entry : submoduleParams_)
            ranked.emplace_back(editDistance(wanted, entry.first), entry.first);
        std::sort(ranked.begin(), ranked.end());
        std::string closest;
        for (size_t i = 0; i < std::min<size_t>(3, ranked.size()); ++i)
            closest += (i ? ", " : "") + ranked[i].second;
        throw Error(file_ + ": --keep-whole '" + wanted + "' matches no submodule" +
                    (closest.empty() ? " (the network has none)" : "; closest: " + closest) +
                    " (module paths as model.named_modules() gives them)");
    }
}

void Converter::keepWhole(const torch::jit::Block* block, const JitNode* first,
                          const std::string& prefix) {
    const std::string culprit = "--keep-whole " + prefix + ": ";
    // The module's nodes, and the nodes without a module (created by the import's passes) between
    // its first and last one.
    std::vector<const JitNode*> candidates;
    size_t last = 0;
    for (const JitNode* n : block->nodes()) {
        if (candidates.empty() && n != first) continue;
        const bool ours = keptWholePrefix(n) == prefix;
        if (ours || (n->kind() != c10::prim::Constant && modulePath(n).empty()))
            candidates.push_back(n);
        if (ours) last = candidates.size();
    }
    const std::vector<const JitNode*> region(
        candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(last));
    const std::set<const JitNode*> inRegion(region.begin(), region.end());
    auto sub = std::make_shared<torch::jit::Graph>();
    JitValue* self = sub->addInput("self");
    std::unordered_map<const JitValue*, JitValue*> env;
    std::vector<int> inputs;
    // A value the region reads from outside: a constant, a folded value or a network tensor.
    TensorSources read;  // the module tensors it reads: its own, held by the opaque node
    const auto outside = [&](JitValue* v) -> JitValue* {
        if (const auto it = env.find(v); it != env.end()) return it->second;
        JitValue* mapped = nullptr;
        const auto bound = bindings_.find(v);
        if (bound != bindings_.end())
            read.insert(bound->second.sources.begin(), bound->second.sources.end());
        if (v->node()->kind() == c10::prim::Constant) {
            mapped = sub->insertNode(sub->createClone(v->node(), [](JitValue* x) { return x; }))
                         ->output();
        } else if (bound == bindings_.end()) {
            fail(first, culprit + "the module reads %" + v->debugName() +
                            ", which is computed after it starts (its ops interleave with others)");
        } else if (bound->second.kind == Binding::Kind::Static) {
            mapped = sub->insertConstant(bound->second.constant);
        } else if (bound->second.kind == Binding::Kind::Tensor) {
            mapped = sub->addInput();
            mapped->setType(c10::TensorType::get());
            inputs.push_back(bound->second.tensors.front());
        } else {
            fail(first, culprit + "the module reads %" + v->debugName() +
                            ", a list or pending value; keep the module that builds it whole too");
        }
        env[v] = mapped;
        return mapped;
    };
    for (const JitNode* n : region) {
        JitNode* copy = sub->createClone(const_cast<JitNode*>(n), outside);
        sub->insertNode(copy);
        for (size_t i = 0; i < n->outputs().size(); ++i) env[n->output(i)] = copy->output(i);
        absorbed_.insert(n);
    }
    std::vector<const JitValue*> results;
    for (const JitNode* n : region)
        for (const JitValue* v : n->outputs())
            for (const torch::jit::Use& use : v->uses())
                if (!inRegion.count(inBlock(use.user, block))) {
                    if (!v->type()->cast<c10::TensorType>())
                        fail(first, culprit + "the module gives %" + v->debugName() + ", a " +
                                        v->type()->repr_str() +
                                        ", to the rest of the network; only tensors can leave it");
                    results.push_back(v);
                    break;
                }
    if (results.empty()) fail(first, culprit + "nothing the module computes is used");
    if (inputs.empty()) fail(first, culprit + "the module reads no tensor of the network");
    std::vector<JitValue*> outs;
    for (const JitValue* v : results) outs.push_back(env.at(v));
    sub->registerOutput(outs.size() == 1 ? outs.front()
                                         : sub->insertNode(sub->createTuple(outs))->output());

    torch::jit::Module module(
        c10::QualifiedName("__torch__.secateur.KeptWhole_" + identifier(prefix)));
    self->setType(module.type());
    // The weights are constants of the code; the count travels with it, for a later import.
    module.register_attribute("secateur_params", c10::IntType::get(), submoduleParams_.at(prefix));
    module.type()->addMethod(module._ivalue()->compilation_unit()->create_function(
        c10::QualifiedName(*module.type()->name(), "forward"), sub));
    std::ostringstream archive;
    module.save(archive);
    const std::string bytes = archive.str();
    std::istringstream in(bytes);
    torch::jit::Module loaded = torch::jit::load(in);
    loaded.eval();
    std::vector<Shape> shapes, bigger;
    for (const int t : inputs) shapes.push_back(shape(t));
    const std::vector<Shape> out = outputShapes(loaded, shapes);
    for (Shape& s : shapes) s[0] += 1;
    const std::vector<Shape> outBigger = outputShapes(loaded, shapes);
    if (std::string why = gradientProblem(loaded, shapes); !why.empty())
        fail(first,
             culprit + "its code has no gradient for the layers before it (" + why +
                 "); trace the model so that PyTorch records differentiable ops (e.g. "
                 "attention with need_weights=True), or keep the layers before it whole too");
    Attrs attrs;
    attrs.set("module", encodeBase64(bytes));
    attrs.set("module_id", std::to_string(std::hash<std::string>{}(bytes)));
    attrs.set("path", prefix);
    attrs.set("params", submoduleParams_.at(prefix));
    attrs.set("outputs", static_cast<int64_t>(out.size()));
    for (size_t k = 0; k < out.size(); ++k) {
        Shape after(out[k].begin() + 1, out[k].end());
        if (out[k].empty() || out[k][0] != shapes[0][0] - 1 || outBigger[k][0] != shapes[0][0] ||
            Shape(outBigger[k].begin() + 1, outBigger[k].end()) != after)
            fail(first, culprit + "output " + std::to_string(k) + " has shape " + toString(out[k]) +
                            " for a batch of " + std::to_string(shapes[0][0] - 1) +
                            "; a module kept whole must keep the batch first in what it returns");
        attrs.set("output_" + std::to_string(k), after);
    }
    const std::vector<int> ids = emit(first, "opaque", inputs, std::move(attrs));
    modulePaths_.back() = prefix;
    nodeSources_.back().insert(read.begin(), read.end());
    for (size_t k = 0; k < results.size(); ++k) bindTensor(results[k], ids[k]);
}

}  // namespace tsimport
}  // namespace secateur
