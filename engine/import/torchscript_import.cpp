// TorchScript import: load, freeze, inline and clean up `forward`, then walk its nodes. Values
// that depend only on constants and on the (known) input shapes are folded by running the JIT
// operator itself; everything else maps to IR nodes (torchscript_converter.cpp and the *_ops.cpp
// files).
#include "engine/import/torchscript_import.h"

#include <torch/csrc/jit/ir/constants.h>
#include <torch/csrc/jit/passes/constant_propagation.h>
#include <torch/csrc/jit/passes/dead_code_elimination.h>
#include <torch/csrc/jit/passes/inliner.h>
#include <torch/csrc/jit/passes/lower_tuples.h>
#include <torch/csrc/jit/passes/remove_dropout.h>
#include <torch/csrc/jit/passes/remove_mutation.h>
#include <torch/script.h>

#include <filesystem>
#include <set>

#include "engine/import/torchscript_convert.h"

namespace secateur {
namespace tsimport {
namespace {

std::string firstLine(const std::string& text) {
    const size_t end = text.find('\n');
    return end == std::string::npos ? text : text.substr(0, end);
}

struct LoadedForward {
    torch::jit::Module module;                       // what prim::GetAttr on `self` reads
    std::map<std::string, int64_t> submoduleParams;  // path -> parameters, of the user's module
    ModuleTensors tensors;
    int64_t foldedParams = 0;  // recorded by an export: parameters folded into its constants
    std::shared_ptr<torch::jit::Graph> graph;
};

LoadedForward loadForward(const std::string& path) {
    if (!std::filesystem::exists(path)) throw Error("cannot open '" + path + "': no such file");
    torch::jit::Module module;
    try {
        module = torch::jit::load(path);  // reads only; the user's file is never written
    } catch (const std::exception& e) {
        const auto* c10Error = dynamic_cast<const c10::Error*>(&e);
        throw Error("cannot load '" + path + "' as TorchScript (" +
                    firstLine(c10Error ? c10Error->what_without_backtrace() : e.what()) +
                    "); it must be a TorchScript file saved with torch.jit.save of a traced or "
                    "scripted module (torch.save of a model or state_dict does not work)");
    }
    try {
        module.eval();
        std::map<std::string, int64_t> submodules;
        for (const auto& item : module.named_modules()) {
            if (item.name.empty()) continue;
            int64_t count = 0;
            for (const torch::Tensor& p : item.value.parameters()) count += p.numel();
            if (item.value.hasattr("secateur_params"))  // a module an export kept whole
                count = item.value.attr("secateur_params").toInt();
            submodules[item.name] = count;
        }
        const int64_t folded = module.hasattr("secateur_folded_params")
                                   ? module.attr("secateur_folded_params").toInt()
                                   : 0;
        ModuleTensors tensors = moduleTensors(module);
        // Not torch::jit::freeze_module: it pools equal constants, which would make two freshly
        // initialised batch norms one tensor (torchscript_identity.cpp).
        std::shared_ptr<torch::jit::Graph> graph = inlineForward(module);
        torch::jit::removeDropout(graph);
        torch::jit::RemoveListMutation(graph);
        torch::jit::RemoveTensorMutation(graph);
        torch::jit::LowerSimpleTuples(graph);
        // Tensor ops on constants are folded by the walk, which knows which parameters they read.
        torch::jit::ConstantPropagationImmutableTypes(graph);
        torch::jit::EliminateDeadCode(graph);
        return {module, submodules, std::move(tensors), folded, graph};
    } catch (const std::exception& e) {
        const auto* c10Error = dynamic_cast<const c10::Error*>(&e);
        throw Error("'" + path + "': cannot inline its forward method: " +
                    firstLine(c10Error ? c10Error->what_without_backtrace() : e.what()));
    }
}

// The interpreter builds lists and tuples itself; these have no registered operator.
bool foldContainer(const JitNode* n, torch::jit::Stack& stack) {
    const c10::Symbol kind = n->kind();
    if (kind == c10::prim::ListConstruct) {
        c10::impl::GenericList list(
            n->output()->type()->expectRef<c10::ListType>().getElementType());
        for (const c10::IValue& v : stack) list.push_back(v);
        stack = {c10::IValue(list)};
    } else if (kind == c10::prim::TupleConstruct) {
        stack = {c10::ivalue::Tuple::create(std::vector<c10::IValue>(stack.begin(), stack.end()))};
    } else if (kind == c10::prim::ListUnpack) {
        const auto list = stack.at(0).toListRef();
        stack.assign(list.begin(), list.end());
    } else if (kind == c10::prim::TupleUnpack) {
        const auto& items = stack.at(0).toTupleRef().elements();
        stack.assign(items.begin(), items.end());
    } else if (kind == c10::prim::GetAttr) {
        stack = {stack.at(0).toObject()->getAttr(n->s(c10::attr::name))};
    } else if (kind == c10::prim::TupleIndex) {
        const auto& items = stack.at(0).toTupleRef().elements();
        int64_t i = stack.at(1).toInt();
        if (i < 0) i += static_cast<int64_t>(items.size());
        stack = {items.at(static_cast<size_t>(i))};
    } else {
        return false;
    }
    return true;
}

}  // namespace

Converter::Converter(std::string file, const ImportOptions& options,
                     std::map<std::string, int64_t> submoduleParams, ModuleTensors tensors,
                     int64_t foldedParams)
    : file_(std::move(file)),
      options_(options),
      submoduleParams_(std::move(submoduleParams)),
      tensors_(std::move(tensors)),
      foldedParams_(foldedParams) {}

Graph Converter::convert(const torch::jit::Graph& graph, const c10::IValue& self) {
    checkKeepWhole();
    addInputs(graph, self);
    walk(graph.block());
    for (const std::string& prefix : options_.keepWhole)
        if (std::find(modulePaths_.begin(), modulePaths_.end(), prefix) == modulePaths_.end())
            throw Error(file_ + ": --keep-whole '" + prefix +
                        "': forward never runs this module, so there is nothing to keep whole");
    for (const JitValue* v : graph.outputs()) addOutput(v);
    return finish();
}

void Converter::addInputs(const torch::jit::Graph& graph, const c10::IValue& self) {
    std::vector<const JitValue*> inputs;
    for (const JitValue* v : graph.inputs()) {
        if (v->type()->cast<c10::ClassType>())
            bindStatic(v, self);  // attributes the freeze left are read from the module
        else
            inputs.push_back(v);
    }
    for (const JitValue* v : inputs) inputNames_.push_back(v->debugNameBase());
    const std::vector<Shape>& shapes = options_.inputShapes;
    if (shapes.size() != inputs.size()) {
        std::string names;
        for (const std::string& n : inputNames_) names += (names.empty() ? "" : ", ") + n;
        throw Error(file_ + ": forward takes " + std::to_string(inputs.size()) + " input(s) (" +
                    names + ") but " + std::to_string(shapes.size()) +
                    " input shape(s) were given; give one shape per input, batch first");
    }
    for (size_t i = 0; i < inputs.size(); ++i) {
        if (!inputs[i]->type()->cast<c10::TensorType>())
            throw Error(file_ + ": input '" + inputNames_[i] + "' is a " +
                        inputs[i]->type()->repr_str() + "; only tensor inputs are supported");
        bool valid = shapes[i].size() >= 2;
        for (const int64_t d : shapes[i]) valid = valid && d > 0;
        if (!valid)
            throw Error(file_ + ": input shape " + toString(shapes[i]) + " given for '" +
                        inputNames_[i] + "' needs a batch and at least one more positive size");
        bindTensor(inputs[i], graph_.addInput(inputNames_[i], shapes[i]));
    }
}

void Converter::walk(const torch::jit::Block* block) {
    for (const JitNode* n : block->nodes()) {
        if (absorbed_.count(n)) continue;
        try {
            if (const std::string prefix = keptWholePrefix(n); !prefix.empty())
                keepWhole(block, n, prefix);
            else
                convertNode(n);
        } catch (const ImportError&) {
            throw;
        } catch (const Error& e) {
            fail(n, std::string(e.what()) + "; check the input shapes given: " + givenShapes());
        } catch (const c10::Error& e) {
            fail(n, firstLine(e.what_without_backtrace()) +
                        "; check the input shapes given: " + givenShapes());
        } catch (const std::exception& e) {
            fail(n, firstLine(e.what()));
        }
    }
}

void Converter::convertNode(const JitNode* n) {
    const c10::Symbol kind = n->kind();
    if (kind == c10::prim::Constant) {
        bindStatic(n->output(), torch::jit::toIValue(n->output()).value());
        return;
    }
    if (kind == c10::prim::If) return takeBranch(n);
    if (kind == c10::prim::Loop) return unrollLoop(n);
    if (kind == c10::prim::RaiseException) {
        const std::string message = isStatic(n->input(0)) && constant(n, 0).isString()
                                        ? constant(n, 0).toStringRef()
                                        : std::string("(no message)");
        fail(n, "the network raises an exception for the given input shapes " + givenShapes() +
                    ": " + message);
    }
    bool allStatic = n->blocks().empty();
    for (const JitValue* v : n->inputs()) allStatic = allStatic && isStatic(v);
    if (allStatic) return evaluate(n);
    if (!convertOp(*this, n)) unsupported(n);
}

void Converter::evaluate(const JitNode* n) {
    torch::jit::Stack stack;
    for (const JitValue* v : n->inputs()) stack.push_back(binding(v).constant);
    try {
        if (!foldContainer(n, stack)) n->getOperation()(stack);
    } catch (const c10::Error& e) {
        fail(n, "cannot fold this constant expression: " + firstLine(e.what_without_backtrace()));
    } catch (const std::exception& e) {
        unsupported(n, "cannot fold this constant expression (" + firstLine(e.what()) + ")");
    }
    if (stack.size() != n->outputs().size()) fail(n, "folding gave an unexpected number of values");
    TensorSources sources;  // a folded value derives from what its inputs derive from
    for (const JitValue* v : n->inputs())
        sources.insert(binding(v).sources.begin(), binding(v).sources.end());
    for (size_t i = 0; i < stack.size(); ++i) {
        bindStatic(n->output(i), stack[i]);
        bindings_[n->output(i)].sources.insert(sources.begin(), sources.end());
    }
}

// An `if` whose condition folds (e.g. a shape check in scripted code): walk the branch taken.
void Converter::takeBranch(const JitNode* n) {
    if (!isStatic(n->input(0)))
        unsupported(n, "control flow that depends on tensor values is not supported");
    const torch::jit::Block* block = n->blocks().at(constant(n, 0).toBool() ? 0 : 1);
    walk(block);
    for (size_t i = 0; i < n->outputs().size(); ++i)
        bindings_[n->output(i)] = binding(block->outputs()[i]);
}

// A loop whose trip count and condition fold (the shape checks and list building of scripted
// code) runs at import time: its body is walked once per iteration.
void Converter::unrollLoop(const JitNode* n) {
    constexpr int64_t kMaxIterations = 4096;
    const std::string way = "; unroll the loop by hand, or trace the module instead";
    if (!isStatic(n->input(0)) || !isStatic(n->input(1)))
        unsupported(n, "a loop whose trip count depends on tensor values is not supported" + way);
    const int64_t trips = constant(n, 0).toInt();
    bool running = constant(n, 1).toBool();
    const torch::jit::Block* body = n->blocks().at(0);
    std::vector<Binding> carried;
    for (size_t i = 2; i < n->inputs().size(); ++i) carried.push_back(binding(n->input(i)));
    for (int64_t i = 0; i < trips && running; ++i) {
        if (i == kMaxIterations)
            unsupported(n, "a loop of more than " + std::to_string(kMaxIterations) +
                               " iterations is not supported" + way);
        bindStatic(body->inputs()[0], i);
        for (size_t k = 0; k < carried.size(); ++k) bindings_[body->inputs()[k + 1]] = carried[k];
        walk(body);
        if (!isStatic(body->outputs()[0]))
            unsupported(n,
                        "a loop whose condition depends on tensor values is not supported" + way);
        running = binding(body->outputs()[0]).constant.toBool();
        for (size_t k = 0; k < carried.size(); ++k) carried[k] = binding(body->outputs()[k + 1]);
    }
    for (size_t k = 0; k < carried.size(); ++k) bindings_[n->output(k)] = carried[k];
}

void Converter::addOutput(const JitValue* v) {
    const Binding& b = binding(v);
    if (b.kind == Binding::Kind::Tensor || b.kind == Binding::Kind::TensorList) {
        for (const int t : b.tensors) graph_.markOutput(t);
        return;
    }
    if (b.kind == Binding::Kind::Padded || b.kind == Binding::Kind::Stacked)
        fail(b.origin,
             "this value is returned before the op that must consume it (a sum over "
             "the stacked dim 0); stack along dim 1 instead");
    throw ImportError(file_ + ": output %" + v->debugName() +
                      " does not depend on the network input; only tensor outputs are supported");
}

std::vector<SubmoduleInfo> Converter::unusedModules() const {
    const auto within = [](const std::string& path, const std::string& prefix) {
        return path == prefix || path.rfind(prefix + ".", 0) == 0;
    };
    std::vector<SubmoduleInfo> unused;
    for (const auto& entry : submoduleParams_) {
        const std::string& path = entry.first;
        if (entry.second == 0) continue;
        const bool used = std::any_of(modulePaths_.begin(), modulePaths_.end(), [&](const auto& p) {
            const bool kept = std::find(options_.keepWhole.begin(), options_.keepWhole.end(), p) !=
                              options_.keepWhole.end();
            return within(p, path) || (kept && within(path, p));
        });
        const bool parentListed = std::any_of(unused.begin(), unused.end(),
                                              [&](const auto& u) { return within(path, u.path); });
        if (!used && !parentListed) unused.push_back({path, entry.second});
    }
    return unused;
}

// Final names from module paths: a leaf module's only op takes the path ("features.0"); ops of a
// module with submodules or with several op kinds add the op ("layer1.add"); duplicates get _N.
Graph Converter::finish() {
    std::vector<Node> nodes = graph_.nodes();
    std::set<std::string> parents;
    std::map<std::string, std::set<std::string>> opsOfPath;
    for (size_t i = 0; i < nodes.size(); ++i) {
        const std::string& path = modulePaths_[i];
        opsOfPath[path].insert(nodes[i].op);
        for (size_t dot = path.find('.'); dot != std::string::npos; dot = path.find('.', dot + 1))
            parents.insert(path.substr(0, dot));
    }
    std::set<std::string> used;
    std::vector<bool> matched(options_.frozenModules.size(), false);
    for (size_t i = 0; i < nodes.size(); ++i) {
        const std::string& path = modulePaths_[i];
        std::string base = nodes[i].op;
        if (!path.empty())
            base =
                parents.count(path) || opsOfPath[path].size() > 1 ? path + "." + nodes[i].op : path;
        std::string name = base;
        for (int k = 1; used.count(name); ++k) name = base + "_" + std::to_string(k);
        used.insert(name);
        nodes[i].name = name;
        for (size_t f = 0; f < options_.frozenModules.size(); ++f) {
            const std::string& prefix = options_.frozenModules[f];
            if (path == prefix || path.rfind(prefix + ".", 0) == 0) {
                nodes[i].frozen = true;
                matched[f] = true;
            }
        }
    }
    for (size_t f = 0; f < matched.size(); ++f) {
        if (matched[f]) continue;
        std::string known;
        for (const auto& entry : opsOfPath)
            if (!entry.first.empty() && known.size() < 200)
                known += (known.empty() ? "" : ", ") + entry.first;
        throw Error(file_ + ": frozen module '" + options_.frozenModules[f] +
                    "' matches no submodule; module paths in this network: " + known);
    }
    markSharedParameters(nodes, nodeSources_);
    markFoldedParameters(nodes, nodeSources_, tensors_);
    if (foldedParams_ > 0 && !nodes.empty())
        nodes[0].attrs.set("folded_params",
                           nodes[0].attrs.getInt("folded_params", 0) + foldedParams_);
    std::vector<TensorInfo> tensors = graph_.tensors();
    for (const Node& node : nodes)
        for (size_t k = 0; k < node.outputs.size(); ++k)
            tensors[static_cast<size_t>(node.outputs[k])].name =
                node.outputs.size() == 1 ? node.name : node.name + ":" + std::to_string(k);
    return Graph::fromParts(std::move(tensors), std::move(nodes), graph_.inputs(),
                            graph_.outputs());
}

namespace {

// A depthwise conv an export pruned to one channel is a plain 1-to-1 conv in the file; the export
// lists such convs (their positions among the convs of forward) so that they keep their kind
// and their cost.
void markDepthwiseConvs(Graph& graph, const torch::jit::Module& module) {
    if (!module.hasattr("secateur_depthwise_convs")) return;
    std::vector<Node*> convs;
    for (Node& node : graph.nodes())
        if (node.op == "conv") convs.push_back(&node);
    for (const int64_t position : module.attr("secateur_depthwise_convs").toIntVector())
        if (position >= 0 && position < static_cast<int64_t>(convs.size()))
            convs[static_cast<size_t>(position)]->attrs.set("depthwise", int64_t{1});
}

// The bits per output channel of quantised conv and linear layers, as the export lists them.
void markWeightBits(Graph& graph, const torch::jit::Module& module) {
    if (!module.hasattr("secateur_weight_bits")) return;
    std::vector<Node*> layers;
    for (Node& node : graph.nodes())
        if (node.op == "conv" || node.op == "linear") layers.push_back(&node);
    const c10::List<c10::IValue> lists = module.attr("secateur_weight_bits").toList();
    for (size_t i = 0; i < lists.size() && i < layers.size(); ++i) {
        const std::vector<int64_t> bits = lists.get(i).toIntVector();
        if (!bits.empty()) layers[i]->attrs.set("weight_bits", bits);
    }
}

}  // namespace
}  // namespace tsimport

std::vector<SubmoduleInfo> listSubmodules(const std::string& path) {
    std::vector<SubmoduleInfo> modules;
    for (const auto& [name, params] : tsimport::loadForward(path).submoduleParams)
        modules.push_back({name, params});
    return modules;
}

Graph importTorchScript(const std::string& path, const ImportOptions& options,
                        ImportReport* report) {
    const tsimport::LoadedForward loaded = tsimport::loadForward(path);
    tsimport::Converter converter(path, options, loaded.submoduleParams, loaded.tensors,
                                  loaded.foldedParams);
    Graph graph = converter.convert(*loaded.graph, loaded.module._ivalue());
    if (report) report->unused = converter.unusedModules();
    tsimport::markDepthwiseConvs(graph, loaded.module);
    tsimport::markWeightBits(graph, loaded.module);
    return graph;
}

}  // namespace secateur
