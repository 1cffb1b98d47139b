#include "engine/graph/serialize.h"

#include <unistd.h>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "engine/util/atomic_file.h"
#include "engine/util/error.h"

namespace secateur {
namespace {

using nlohmann::json;
constexpr const char* kFormat = "secateur-ir";
constexpr int kVersion = 1;

json attrToJson(const AttrValue& value) {
    return std::visit([](const auto& v) { return json(v); }, value);
}

AttrValue attrFromJson(const json& j, const std::string& where) {
    if (j.is_number_integer()) return j.get<int64_t>();
    if (j.is_number_float()) return j.get<double>();
    if (j.is_string()) return j.get<std::string>();
    if (j.is_array()) return j.get<std::vector<int64_t>>();
    throw Error(where + " has an unsupported value");
}

json weightsToJson(const std::map<std::string, Weight>& weights, std::string& blob) {
    json out = json::object();
    for (const auto& [name, w] : weights) {
        out[name] = {{"shape", w.shape}, {"offset", blob.size() / sizeof(float)}};
        blob.append(reinterpret_cast<const char*>(w.values.data()),
                    w.values.size() * sizeof(float));
    }
    return out;
}

std::map<std::string, Weight> weightsFromJson(const json& j, const std::vector<float>& blob,
                                              const std::string& where) {
    std::map<std::string, Weight> out;
    for (const auto& [name, entry] : j.items()) {
        Weight w;
        w.shape = entry.at("shape").get<Shape>();
        const auto offset = entry.at("offset").get<size_t>();
        const auto count = static_cast<size_t>(w.numel());
        if (offset + count > blob.size())
            throw Error(where + "." + name + " lies beyond the end of the weights file");
        w.values.assign(blob.begin() + static_cast<long>(offset),
                        blob.begin() + static_cast<long>(offset + count));
        out[name] = std::move(w);
    }
    return out;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("cannot open '" + path + "'");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

void saveGraph(const Graph& graph, const std::string& path) {
    std::string blob;
    json j{{"format", kFormat},
           {"version", kVersion},
           {"inputs", graph.inputs()},
           {"outputs", graph.outputs()}};
    j["tensors"] = json::array();
    for (const TensorInfo& t : graph.tensors())
        j["tensors"].push_back({{"name", t.name}, {"shape", t.shape}, {"producer", t.producer}});
    j["nodes"] = json::array();
    for (const Node& node : graph.nodes()) {
        json attrs = json::object();
        for (const auto& [key, value] : node.attrs.all()) attrs[key] = attrToJson(value);
        j["nodes"].push_back({{"name", node.name},
                              {"op", node.op},
                              {"inputs", node.inputs},
                              {"outputs", node.outputs},
                              {"attrs", attrs},
                              {"params", weightsToJson(node.params, blob)},
                              {"buffers", weightsToJson(node.buffers, blob)},
                              {"source", node.source},
                              {"frozen", node.frozen}});
    }
    writeFileAtomically(path + ".bin", blob);
    writeFileAtomically(path, j.dump(1));
}

Graph loadGraph(const std::string& path) {
    json j;
    try {
        j = json::parse(readFile(path));
    } catch (const json::exception& e) {
        throw Error("'" + path + "' is not a Secateur model (JSON error: " + e.what() + ")");
    }
    if (j.value("format", "") != kFormat)
        throw Error("'" + path + "' is not a Secateur model: field 'format' must be \"" + kFormat +
                    "\"");
    if (j.value("version", 0) != kVersion)
        throw Error("'" + path + "' has model version " + j.value("version", json(0)).dump() +
                    "; this build reads version " + std::to_string(kVersion));
    const std::string raw = readFile(path + ".bin");
    std::vector<float> blob(raw.size() / sizeof(float));
    std::memcpy(blob.data(), raw.data(), blob.size() * sizeof(float));
    std::string where = path;
    try {
        std::vector<TensorInfo> tensors;
        for (const json& t : j.at("tensors"))
            tensors.push_back({t.at("name"), t.at("shape").get<Shape>(), t.at("producer")});
        std::vector<Node> nodes;
        for (const json& n : j.at("nodes")) {
            Node node;
            node.name = n.at("name");
            where = path + ": node '" + node.name + "'";
            node.op = n.at("op");
            node.inputs = n.at("inputs").get<std::vector<int>>();
            node.outputs = n.at("outputs").get<std::vector<int>>();
            for (const auto& [key, value] : n.at("attrs").items())
                node.attrs.set(key, attrFromJson(value, where + " attribute '" + key + "'"));
            node.params = weightsFromJson(n.at("params"), blob, where + " params");
            node.buffers = weightsFromJson(n.at("buffers"), blob, where + " buffers");
            node.source = n.value("source", "");
            node.frozen = n.value("frozen", false);
            nodes.push_back(std::move(node));
        }
        return Graph::fromParts(std::move(tensors), std::move(nodes),
                                j.at("inputs").get<std::vector<int>>(),
                                j.at("outputs").get<std::vector<int>>());
    } catch (const json::exception& e) {
        throw Error(where + ": missing or malformed field (" + std::string(e.what()) + ")");
    }
}

}  // namespace secateur
