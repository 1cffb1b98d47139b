// Which module of the user's network each op comes from, and which of its tensors it reads:
// - full module paths through ModuleList iteration (`for blk in self.blocks: blk[1](x)`), where
//   TorchScript's inliner records only the last attribute name of the call ("1");
// - the module's attributes become constants holding the very same tensors (torch's
//   freeze_module pools equal constants, so two freshly initialised batch norms would become one),
//   so that parameter sharing follows the identity of the tensors, never their values;
// - parameters that fold into constants (softmax weights of a supernet block) stay counted.
#include <torch/csrc/jit/ir/constants.h>
#include <torch/csrc/jit/passes/inliner.h>

#include <functional>

#include "engine/import/torchscript_convert.h"

namespace secateur {
namespace tsimport {
namespace {

using torch::jit::Block;

void forEachNode(Block* block, const std::function<void(JitNode*)>& visit) {
    for (JitNode* n : block->nodes()) {
        visit(n);
        for (Block* b : n->blocks()) forEachNode(b, visit);
    }
}

// A method call on a submodule reached through several attributes (self.b.0.1) names its
// instance by the last one only: give that attribute read the whole chain while inlining.
std::vector<std::pair<JitNode*, std::string>> qualifyCallChains(const torch::jit::Module& module) {
    std::vector<std::pair<JitNode*, std::string>> renamed;
    std::set<const torch::jit::Graph*> seen;
    for (const auto& item : module.named_modules()) {
        for (const torch::jit::Method& method : item.value.get_methods()) {
            const std::shared_ptr<torch::jit::Graph> graph = method.graph();
            if (!seen.insert(graph.get()).second) continue;
            forEachNode(graph->block(), [&](JitNode* n) {
                if (n->kind() != c10::prim::CallMethod) return;
                JitNode* attr = n->input(0)->node();
                if (attr->kind() != c10::prim::GetAttr) return;
                std::string path = attr->s(c10::attr::name);
                bool chained = false;
                for (JitNode* up = attr->input(0)->node(); up->kind() == c10::prim::GetAttr;
                     up = up->input(0)->node()) {
                    path = up->s(c10::attr::name) + "." + path;
                    chained = true;
                }
                if (chained) renamed.emplace_back(attr, path);
            });
        }
    }
    for (auto& [node, path] : renamed) {
        const std::string last = node->s(c10::attr::name);
        node->s_(c10::attr::name, path);
        path = last;  // what to restore
    }
    return renamed;
}

// Attribute names never contain dots: a dotted one is a qualified name copied while inlining.
void restoreAttributeNames(torch::jit::Graph& graph) {
    forEachNode(graph.block(), [](JitNode* n) {
        if (n->kind() != c10::prim::GetAttr) return;
        const std::string name = n->s(c10::attr::name);
        if (const size_t dot = name.rfind('.'); dot != std::string::npos)
            n->s_(c10::attr::name, name.substr(dot + 1));
    });
}

// Every attribute read from `self` that is not a submodule becomes a constant holding that value
// (a parameter detached: the same storage).
void constantAttributes(torch::jit::Graph& graph, const torch::jit::Module& module) {
    std::unordered_map<const torch::jit::Value*, c10::IValue> objects;
    objects[graph.inputs().at(0)] = module._ivalue();
    forEachNode(graph.block(), [&](JitNode* n) {
        if (n->kind() != c10::prim::GetAttr) return;
        const auto it = objects.find(n->input(0));
        if (it == objects.end() || !it->second.isObject()) return;
        c10::IValue value = it->second.toObject()->getAttr(n->s(c10::attr::name));
        if (value.isObject() && value.toObjectRef().type()->is_module()) {
            objects[n->output()] = value;
            return;
        }
        if (value.isTensor()) {
            value = value.toTensor().detach();
        } else if (value.isList()) {  // e.g. an LSTM's _flat_weights
            c10::impl::GenericList detached(value.toList().elementType());
            for (const c10::IValue& item : value.toListRef())
                detached.push_back(item.isTensor() ? c10::IValue(item.toTensor().detach()) : item);
            value = detached;
        }
        torch::jit::WithInsertPoint guard(n);
        if (const auto constant = torch::jit::tryInsertConstant(*n->owningGraph(), value))
            n->output()->replaceAllUsesWith(*constant);
    });
}

bool sameShapes(const std::map<std::string, Weight>& a, const std::map<std::string, Weight>& b) {
    if (a.size() != b.size()) return false;
    for (const auto& [name, w] : a) {
        const auto it = b.find(name);
        if (it == b.end() || it->second.shape != w.shape) return false;
    }
    return true;
}

}  // namespace

std::shared_ptr<torch::jit::Graph> inlineForward(torch::jit::Module& module) {
    const auto renamed = qualifyCallChains(module);
    std::shared_ptr<torch::jit::Graph> graph = module.get_method("forward").graph();
    torch::jit::Inline(*graph);
    for (const auto& [node, name] : renamed) node->s_(c10::attr::name, name);
    restoreAttributeNames(*graph);
    constantAttributes(*graph, module);
    return graph;
}

ModuleTensors moduleTensors(const torch::jit::Module& module) {
    ModuleTensors tensors;
    for (const torch::Tensor& p : module.parameters())
        if (p.numel() > 0) tensors.params[p.data_ptr()] = p.numel();
    for (const torch::Tensor& b : module.buffers())
        if (b.numel() > 0) tensors.buffers.insert(b.data_ptr());
    return tensors;
}

const void* ModuleTensors::identity(const c10::IValue& value) const {
    if (!value.isTensor() || !value.toTensor().defined() || value.toTensor().numel() == 0)
        return nullptr;
    const void* data = value.toTensor().data_ptr();
    return params.count(data) || buffers.count(data) ? data : nullptr;
}

// Nodes of one op kind with parameters that read the very same module tensors (a module called at
// several places): the later ones share the first one's, which owns them.
void markSharedParameters(std::vector<Node>& nodes, const std::vector<TensorSources>& sources) {
    std::map<std::pair<std::string, TensorSources>, size_t> owners;
    for (size_t i = 0; i < nodes.size(); ++i) {
        Node& node = nodes[i];
        if (node.params.empty() || sources[i].empty()) continue;
        const auto [it, first] = owners.emplace(std::make_pair(node.op, sources[i]), i);
        if (!first && sameShapes(nodes[it->second].params, node.params) &&
            sameShapes(nodes[it->second].buffers, node.buffers))
            node.attrs.set("shared_with", nodes[it->second].name);
    }
}

// Parameters of the user's module that no node holds but some node reads through a folded
// constant: counted on the first node that reads them (attribute "folded_params").
void markFoldedParameters(std::vector<Node>& nodes, const std::vector<TensorSources>& sources,
                          const ModuleTensors& tensors) {
    std::set<const void*> held;
    for (size_t i = 0; i < nodes.size(); ++i)
        if (!nodes[i].params.empty() || nodes[i].op == "opaque")
            held.insert(sources[i].begin(), sources[i].end());
    for (size_t i = 0; i < nodes.size(); ++i) {
        int64_t folded = 0;
        for (const void* s : sources[i]) {
            const auto p = tensors.params.find(s);
            if (p == tensors.params.end() || !held.insert(s).second) continue;
            folded += p->second;
        }
        if (folded > 0)
            nodes[i].attrs.set("folded_params", nodes[i].attrs.getInt("folded_params", 0) + folded);
    }
}

}  // namespace tsimport
}  // namespace secateur
