#include "engine/export/torchscript_export.h"

#include <cctype>
#include <filesystem>
#include <set>
#include <sstream>

#include "engine/graph/error.h"
#include "engine/graph/ops/op.h"

namespace secateur {
namespace {

std::string identifier(const std::string& name) {
    std::string id;
    for (const char c : name) id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    if (id.empty() || !std::isalpha(static_cast<unsigned char>(id[0]))) id = "n" + id;
    return id;
}

// Attribute names per node and parameter, unique within the module.
std::vector<std::map<std::string, std::string>> attributeNames(const Graph& graph) {
    std::set<std::string> used;
    std::vector<std::map<std::string, std::string>> names(graph.nodes().size());
    for (size_t n = 0; n < graph.nodes().size(); ++n) {
        const Node& node = graph.nodes()[n];
        std::vector<std::string> keys;
        for (const auto* group : {&node.params, &node.buffers})
            for (const auto& entry : *group) keys.push_back(entry.first);
        if (!opDef(node.op).embeddedModule(node).empty()) keys.emplace_back("module");
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
    std::string src = "def forward(self";
    for (size_t i = 0; i < graph.inputs().size(); ++i)
        src += ", x" + std::to_string(i) + ": Tensor";
    src += "):\n";
    for (size_t n = 0; n < graph.nodes().size(); ++n) {
        const Node& node = graph.nodes()[n];
        EmitContext names;
        for (const int t : node.inputs) {
            names.in.push_back(tensorName(graph, t));
            names.inShapes.push_back(graph.tensor(t).shape);
        }
        for (const int t : node.outputs) names.out.push_back(tensorName(graph, t));
        for (const auto& [param, attribute] : attributes[n])
            names.param[param] = "self." + attribute;
        const std::string lines = opDef(node.op).emit(node, names);
        size_t start = 0;
        while (start < lines.size()) {
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
    for (size_t n = 0; n < graph.nodes().size(); ++n) {
        const Node& node = graph.nodes()[n];
        for (const auto& [name, w] : node.params)
            module.register_parameter(attributes[n].at(name), toTensor(w), false);
        for (const auto& [name, w] : node.buffers)
            module.register_buffer(attributes[n].at(name), toTensor(w));
        // An opaque node's frozen code becomes a submodule of the export.
        if (const std::string archive = opDef(node.op).embeddedModule(node); !archive.empty()) {
            std::istringstream in(archive);
            torch::jit::Module embedded = torch::jit::load(in);
            embedded.eval();
            module.register_module(attributes[n].at("module"), embedded);
        }
    }
    try {
        module.define(torchScriptSource(graph));
    } catch (const std::exception& e) {
        throw Error(std::string("generating TorchScript failed (a bug, please report it): ") +
                    e.what());
    }
    module.eval();
    const std::filesystem::path target(path);
    const std::filesystem::path temporary = target.string() + ".part";
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
