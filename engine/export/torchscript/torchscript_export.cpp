#include "engine/export/torchscript/torchscript_export.h"

#include <cctype>
#include <filesystem>
#include <set>
#include <sstream>

#include "engine/export/torchscript/emitter.h"
#include "engine/graph/ops/op.h"
#include "engine/graph/serialize.h"
#include "engine/util/atomic_file.h"
#include "engine/util/error.h"

namespace secateur {
namespace {

std::string identifier(const std::string& name) {
    std::string id;
    for (const char c : name) id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    if (id.empty() || !std::isalpha(static_cast<unsigned char>(id[0]))) id = "n" + id;
    return id;
}

// Nodes whose parameters several nodes share (a module used at several places): each such group
// becomes a submodule whose forward every use calls, so the export holds the parameters once and
// an import of it sees one module used twice. Per node: the owner's index, or -1.
std::vector<int> sharedOwners(const Graph& graph) {
    std::vector<int> owner(graph.nodes().size(), -1);
    for (size_t n = 0; n < graph.nodes().size(); ++n) {
        const Node& node = graph.nodes()[n];
        if (!node.attrs.has("shared_with")) continue;
        const int first = graph.nodeIndex(node.attrs.getString("shared_with"));
        owner[n] = first;
        owner[static_cast<size_t>(first)] = first;
    }
    return owner;
}

std::string sharedModuleName(const Node& owner) {
    return identifier(owner.name) + "_shared";
}

EmitContext emitNames(const Graph& graph, size_t n) {
    const Node& node = graph.nodes()[n];
    EmitContext names;
    for (const int t : node.inputs) names.inShapes.push_back(graph.tensor(t).shape);
    return names;
}

// def forward(self, x0, ...) of the submodule holding a shared node's parameters.
std::string sharedForward(const Graph& graph, size_t owner) {
    const Node& node = graph.nodes()[owner];
    EmitContext names = emitNames(graph, owner);
    std::string src = "def forward(self";
    for (size_t i = 0; i < node.inputs.size(); ++i) {
        names.in.push_back("x" + std::to_string(i));
        src += ", x" + std::to_string(i) + ": Tensor";
    }
    src += "):\n";
    for (size_t i = 0; i < node.outputs.size(); ++i) names.out.push_back("y" + std::to_string(i));
    for (const auto* group : {&node.params, &node.buffers})
        for (const auto& entry : *group) names.param[entry.first] = "self." + entry.first;
    const std::string lines = emitterFor(node).lines(node, names);
    for (size_t start = 0; start < lines.size();) {
        const size_t end = lines.find('\n', start);
        src += "    " + lines.substr(start, end - start) + "\n";
        start = end == std::string::npos ? lines.size() : end + 1;
    }
    std::string result;
    for (const auto& y : names.out) result += (result.empty() ? "" : ", ") + y;
    return src + "    return " + (names.out.size() == 1 ? result : "(" + result + ")") + "\n";
}

// Attribute names per node and parameter, unique within the module.
std::vector<std::map<std::string, std::string>> attributeNames(const Graph& graph) {
    std::set<std::string> used;
    const std::vector<int> owners = sharedOwners(graph);
    std::vector<std::map<std::string, std::string>> names(graph.nodes().size());
    for (size_t n = 0; n < graph.nodes().size(); ++n) {
        const Node& node = graph.nodes()[n];
        if (owners[n] >= 0) continue;  // its parameters live in the shared submodule
        std::vector<std::string> keys;
        for (const auto* group : {&node.params, &node.buffers})
            for (const auto& entry : *group) keys.push_back(entry.first);
        if (emitterFor(node).embeddedModule) keys.emplace_back("module");
        for (const std::string& key : keys) {
            std::string name = identifier(node.name) + "_" + key;
            while (used.count(name)) name += "_";
            used.insert(name);
            names[n][key] = name;
        }
    }
    return names;
}

std::string tensorName(const Graph& graph, int t) {
    for (size_t i = 0; i < graph.inputs().size(); ++i)
        if (graph.inputs()[i] == t) return "x" + std::to_string(i);
    return "t" + std::to_string(t);
}

}  // namespace

std::string torchScriptSource(const Graph& graph) {
    const auto attributes = attributeNames(graph);
    const std::vector<int> owners = sharedOwners(graph);
    std::string src = "def forward(self";
    for (size_t i = 0; i < graph.inputs().size(); ++i)
        src += ", x" + std::to_string(i) + ": Tensor";
    src += "):\n";
    for (size_t n = 0; n < graph.nodes().size(); ++n) {
        const Node& node = graph.nodes()[n];
        EmitContext names = emitNames(graph, n);
        for (const int t : node.inputs) names.in.push_back(tensorName(graph, t));
        for (const int t : node.outputs) names.out.push_back(tensorName(graph, t));
        for (const auto& [param, attribute] : attributes[n])
            names.param[param] = "self." + attribute;
        std::string lines;
        if (owners[n] >= 0) {
            lines = names.outputs() + " = self." +
                    sharedModuleName(graph.nodes()[static_cast<size_t>(owners[n])]) + ".forward(" +
                    names.inputs() + ")\n";
        } else {
            lines = emitterFor(node).lines(node, names);
        }
        for (size_t start = 0; start < lines.size();) {
            const size_t end = lines.find('\n', start);
            src += "    " + lines.substr(start, end - start) + "\n";
            start = end == std::string::npos ? lines.size() : end + 1;
        }
    }
    std::string result;
    for (const int y : graph.outputs())
        result += (result.empty() ? "" : ", ") + tensorName(graph, y);
    src += "    return " + (graph.outputs().size() == 1 ? result : "(" + result + ")") + "\n";
    return src;
}

void saveTorchScript(const Graph& graph, const std::string& path) {
    torch::jit::Module module("SecateurNetwork");
    const auto attributes = attributeNames(graph);
    const std::vector<int> owners = sharedOwners(graph);
    for (size_t n = 0; n < graph.nodes().size(); ++n) {
        const Node& node = graph.nodes()[n];
        if (owners[n] == static_cast<int>(n)) {
            torch::jit::Module shared("__torch__.secateur.Shared_" + identifier(node.name));
            for (const auto& [name, w] : node.params)
                shared.register_parameter(name, toTensor(w), false);
            for (const auto& [name, w] : node.buffers) shared.register_buffer(name, toTensor(w));
            shared.define(sharedForward(graph, n));
            shared.eval();
            module.register_module(sharedModuleName(node), shared);
        }
        if (owners[n] >= 0) continue;
        for (const auto& [name, w] : node.params)
            module.register_parameter(attributes[n].at(name), toTensor(w), false);
        for (const auto& [name, w] : node.buffers)
            module.register_buffer(attributes[n].at(name), toTensor(w));
        // An opaque node's frozen code becomes a submodule of the export.
        if (const Emitter& emitter = emitterFor(node); emitter.embeddedModule) {
            std::istringstream in(emitter.embeddedModule(node));
            torch::jit::Module embedded = torch::jit::load(in);
            embedded.eval();
            module.register_module(attributes[n].at("module"), embedded);
        }
    }
    // Parameters the import folded into constants: recorded, so that an import of this file
    // counts them as the search did.
    int64_t folded = 0;
    for (const Node& node : graph.nodes()) folded += node.attrs.getInt("folded_params", 0);
    if (folded > 0)
        module.register_attribute("secateur_folded_params", c10::IntType::get(), folded);
    // Depthwise convs pruned to one channel are 1-to-1 convs in the file: their positions among
    // the convs of forward, so that an import prices them as depthwise, as the search did.
    std::vector<int64_t> depthwise;
    int64_t convs = 0;
    for (const Node& node : graph.nodes()) {
        if (node.op != "conv") continue;
        if (node.attrs.getInt("depthwise", 0) == 1) depthwise.push_back(convs);
        ++convs;
    }
    if (!depthwise.empty())
        module.register_attribute("secateur_depthwise_convs",
                                  c10::ListType::create(c10::IntType::get()),
                                  c10::IValue(depthwise));
    // Bits per output channel of quantised layers, one list per conv and linear node in the order
    // of forward (empty for a float layer), so that an import knows what the export stored.
    std::vector<c10::IValue> weightBits;
    bool quantised = false;
    for (const Node& node : graph.nodes()) {
        if (node.op != "conv" && node.op != "linear") continue;
        const std::vector<int64_t> bits = node.attrs.has("weight_bits")
                                              ? node.attrs.getInts("weight_bits")
                                              : std::vector<int64_t>{};
        quantised = quantised || !bits.empty();
        weightBits.emplace_back(bits);
    }
    if (quantised) {
        const c10::TypePtr intList = c10::ListType::create(c10::IntType::get());
        c10::impl::GenericList lists(intList);
        for (const c10::IValue& bits : weightBits) lists.push_back(bits);
        module.register_attribute("secateur_weight_bits", c10::ListType::create(intList),
                                  c10::IValue(lists));
    }
    try {
        module.define(torchScriptSource(graph));
    } catch (const std::exception& e) {
        throw Error(std::string("generating TorchScript failed (a bug, please report it): ") +
                    e.what());
    }
    module.eval();
    const std::filesystem::path target(path);
    const std::filesystem::path temporary = target.string() + ".part-" + uniqueSuffix();
    try {
        module.save(temporary.string());
        std::filesystem::rename(temporary, target);
    } catch (const std::exception& e) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw Error("cannot write '" + path + "': " + e.what());
    }
}

}  // namespace secateur
