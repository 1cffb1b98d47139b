#include "engine/project/project.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/graph/error.h"
#include "engine/graph/serialize.h"
#include "engine/graph/torchscript_import.h"
#include "engine/zoo/zoo.h"

namespace secateur {
namespace {

using nlohmann::json;

template <typename T>
T field(const json& j, const std::string& key, const T& fallback, const std::string& where) {
    if (!j.contains(key)) return fallback;
    try {
        return j.at(key).get<T>();
    } catch (const json::exception&) {
        throw Error(where + ": field '" + key + "' has the wrong type (" + j.at(key).dump() + ")");
    }
}

// "kernels" or {"name": "kernels", "layers": [...], "exclude": [...]}.
Dimension dimensionFromJson(const json& j, const std::string& where) {
    if (j.is_string()) return parseDimension(j.get<std::string>());
    if (!j.is_object() || !j.contains("name"))
        throw Error(where + ": each entry of 'dimensions' is a name or an object with a 'name'");
    Dimension d = parseDimension(field<std::string>(j, "name", "", where));
    const auto layers = field<std::vector<std::string>>(j, "layers", {}, where);
    const auto exclude = field<std::vector<std::string>>(j, "exclude", {}, where);
    std::visit(
        [&](auto& dim) {
            dim.layers = layers;
            dim.exclude = exclude;
        },
        d);
    return d;
}

json dimensionToJson(const Dimension& d) {
    const auto& [layers, exclude] =
        std::visit([](const auto& dim) { return std::make_pair(dim.layers, dim.exclude); }, d);
    if (layers.empty() && exclude.empty()) return dimensionName(d);
    return {{"name", dimensionName(d)}, {"layers", layers}, {"exclude", exclude}};
}

}  // namespace

std::vector<Shape> parseShapes(const std::string& text) {
    std::vector<Shape> shapes;
    std::stringstream inputs(text);
    std::string one;
    while (std::getline(inputs, one, ';')) {
        Shape shape;
        std::stringstream dims(one);
        std::string d;
        while (std::getline(dims, d, ',')) {
            try {
                size_t used = 0;
                const long long v = std::stoll(d, &used);
                if (used != d.size() || v < 1) throw std::invalid_argument(d);
                shape.push_back(v);
            } catch (const std::exception&) {
                throw Error("input shape '" + text + "': '" + d +
                            "' is not a positive integer (write e.g. 1,3,32,32)");
            }
        }
        if (shape.size() < 2)
            throw Error("input shape '" + one + "' needs a batch and at least one more dimension");
        shapes.push_back(shape);
    }
    if (shapes.empty()) throw Error("empty input shape (write e.g. 1,3,32,32)");
    return shapes;
}

Project Project::load(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw Error("cannot open project '" + path + "'");
    json j;
    try {
        j = json::parse(in);
    } catch (const json::exception& e) {
        throw Error("project '" + path + "' is not valid JSON: " + e.what());
    }
    Project p;
    p.name = field<std::string>(j, "name", p.name, path);
    const json seed = j.value("seed", json::object());
    const std::string seedWhere = path + ": seed";
    p.seed.zoo = field<std::string>(seed, "zoo", "", seedWhere);
    p.seed.torchscript = field<std::string>(seed, "torchscript", "", seedWhere);
    if (!p.seed.torchscript.empty() && std::filesystem::path(p.seed.torchscript).is_relative())
        p.seed.torchscript =
            (std::filesystem::path(path).parent_path() / p.seed.torchscript).string();
    if (seed.contains("input_shape"))
        p.seed.inputShapes = parseShapes(field<std::string>(seed, "input_shape", "", seedWhere));
    p.seed.frozenModules = field<std::vector<std::string>>(seed, "frozen", {}, seedWhere);
    p.seed.keepWhole = field<std::vector<std::string>>(seed, "keep_whole", {}, seedWhere);
    if (p.seed.zoo.empty() == p.seed.torchscript.empty())
        throw Error(seedWhere +
                    ": give exactly one of 'zoo' (a model name) or 'torchscript' (a file)");
    p.task = field<std::string>(j, "task", p.task, path);
    if (p.task != "synthetic")
        throw Error(path + ": field 'task': unknown task '" + p.task + "'; known: synthetic");
    const json s = j.value("search", json::object());
    const std::string where = path + ": search";
    SearchOptions& o = p.search;
    if (s.contains("dimensions")) {
        if (!s.at("dimensions").is_array())
            throw Error(where + ": field 'dimensions' must be a list");
        o.dimensions.clear();
        for (const json& d : s.at("dimensions"))
            o.dimensions.push_back(dimensionFromJson(d, where));
    }
    o.cost = field<std::string>(s, "cost", o.cost, where);
    checkCostName(o.cost);
    o.strength = field<double>(s, "strength", o.strength, where);
    o.warmupEpochs = field<int>(s, "warmup_epochs", o.warmupEpochs, where);
    o.searchEpochs = field<int>(s, "search_epochs", o.searchEpochs, where);
    o.finetuneEpochs = field<int>(s, "finetune_epochs", o.finetuneEpochs, where);
    o.batchSize = field<int64_t>(s, "batch_size", o.batchSize, where);
    o.seed = field<uint64_t>(s, "seed", o.seed, where);
    if (o.strength < 0) throw Error(where + ": field 'strength' must not be negative");
    if (o.batchSize < 1) throw Error(where + ": field 'batch_size' must be at least 1");
    const json t = j.value("targets", json::object());
    const std::string targetsWhere = path + ": targets";
    p.targets.flashKb = field<double>(t, "flash_kb", 0.0, targetsWhere);
    p.targets.ramKb = field<double>(t, "ram_kb", 0.0, targetsWhere);
    if (p.targets.flashKb < 0 || p.targets.ramKb < 0)
        throw Error(targetsWhere + ": limits must not be negative (0 means no limit)");
    for (const std::string& run : field<std::vector<std::string>>(j, "runs", {}, path)) {
        const std::filesystem::path folder(run);
        p.runs.push_back(folder.is_relative()
                             ? (std::filesystem::path(path).parent_path() / folder).string()
                             : run);
    }
    return p;
}

std::string Project::toJson(const std::string& path) const {
    json seedJson = json::object();
    if (!seed.zoo.empty()) seedJson["zoo"] = seed.zoo;
    const std::filesystem::path base = std::filesystem::absolute(path).parent_path();
    if (!seed.torchscript.empty())
        seedJson["torchscript"] =
            std::filesystem::absolute(seed.torchscript).lexically_proximate(base).generic_string();
    if (!seed.frozenModules.empty()) seedJson["frozen"] = seed.frozenModules;
    if (!seed.keepWhole.empty()) seedJson["keep_whole"] = seed.keepWhole;
    if (!seed.inputShapes.empty()) {
        std::string text;
        for (const Shape& s : seed.inputShapes) {
            std::string one;
            for (const int64_t d : s) one += (one.empty() ? "" : ",") + std::to_string(d);
            text += (text.empty() ? "" : ";") + one;
        }
        seedJson["input_shape"] = text;
    }
    json dims = json::array();
    for (const Dimension& d : search.dimensions) dims.push_back(dimensionToJson(d));
    std::vector<std::string> runFolders;
    for (const std::string& run : runs)
        runFolders.push_back(
            std::filesystem::absolute(run).lexically_proximate(base).generic_string());
    const json j{{"name", name},
                 {"seed", seedJson},
                 {"task", task},
                 {"search",
                  {{"dimensions", dims},
                   {"cost", search.cost},
                   {"strength", search.strength},
                   {"warmup_epochs", search.warmupEpochs},
                   {"search_epochs", search.searchEpochs},
                   {"finetune_epochs", search.finetuneEpochs},
                   {"batch_size", search.batchSize},
                   {"seed", search.seed}}},
                 {"targets", {{"flash_kb", targets.flashKb}, {"ram_kb", targets.ramKb}}},
                 {"runs", runFolders}};
    return j.dump(2) + "\n";
}

void Project::save(const std::string& path) const {
    writeFileAtomically(path, toJson(path));
}

Task Project::makeTask(const Graph& seed) const {
    return makeSyntheticTask(seed, {512, 256, search.seed});
}

Graph Project::loadSeed() const {
    if (!seed.zoo.empty()) {
        Graph g = zooModel(seed.zoo);
        for (Node& node : g.nodes())
            for (const std::string& prefix : seed.frozenModules)
                if (node.name == prefix || node.name.rfind(prefix + ".", 0) == 0)
                    node.frozen = true;
        return g;
    }
    if (seed.inputShapes.empty())
        throw Error("seed '" + seed.torchscript + "': give its input shape (e.g. 1,3,32,32)");
    return importTorchScript(seed.torchscript,
                             {seed.inputShapes, seed.frozenModules, seed.keepWhole});
}

}  // namespace secateur
