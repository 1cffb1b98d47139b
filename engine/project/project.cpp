#include "engine/project/project.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/graph/serialize.h"
#include "engine/import/torchscript_import.h"
#include "engine/project/budget_json.h"
#include "engine/project/json_fields.h"
#include "engine/util/atomic_file.h"
#include "engine/util/error.h"
#include "engine/util/suggest.h"
#include "engine/zoo/zoo.h"

namespace secateur {
namespace {

using nlohmann::json;

// "kernels" or {"name": "kernels", "layers": [...], "exclude": [...]}.
Dimension dimensionFromJson(const json& j, const std::string& where) {
    if (j.is_string()) return parseDimension(j.get<std::string>());
    if (!j.is_object() || !j.contains("name"))
        throw Error(where + ": each entry of 'dimensions' is a name or an object with a 'name'");
    Dimension d = parseDimension(field<std::string>(j, "name", "", where));
    d.layers = field<std::vector<std::string>>(j, "layers", {}, where);
    d.exclude = field<std::vector<std::string>>(j, "exclude", {}, where);
    return d;
}

json dimensionToJson(const Dimension& d) {
    if (d.layers.empty() && d.exclude.empty()) return d.name;
    return {{"name", d.name}, {"layers", d.layers}, {"exclude", d.exclude}};
}

// A measured target's CSV path relative to the project file's folder in the file, resolved from
// `folder` when loaded (written relative to `base` when saved); other targets as they are.
std::string projectTarget(const std::string& name, const std::filesystem::path& folder,
                          const std::filesystem::path& base = {}) {
    if (!isMeasuredTargetName(name)) return name;
    auto [baseTarget, file] = measuredTargetParts(name);
    std::filesystem::path p(file);
    if (!base.empty())
        p = std::filesystem::absolute(p).lexically_proximate(base);
    else if (p.is_relative())
        p = folder / p;
    return (baseTarget.empty() ? "" : baseTarget + ":") + p.generic_string();
}

std::vector<std::string> taskNames() {
    std::vector<std::string> names{"synthetic", "folder"};
    for (const DatasetInfo& d : datasetList()) names.push_back(d.name);
    return names;
}

}  // namespace

std::vector<double> logSpaced(double low, double high, int count) {
    std::vector<double> out;
    for (int i = 0; i < count; ++i)
        out.push_back(
            count == 1 ? low : low * std::pow(high / low, static_cast<double>(i) / (count - 1)));
    return out;
}

const Budget& Project::budget(const std::string& name) const {
    const auto it = budgets.find(name);
    if (it != budgets.end()) return it->second;
    std::vector<std::string> names;
    for (const auto& [n, b] : budgets) names.push_back(n);
    throw Error("project '" + this->name + "' has no budget '" + name + "'" +
                didYouMean(name, names) +
                (names.empty() ? "; it defines none (add \"budgets\": {\"demo\": {...}})"
                               : "; it has: " + joinNames(names)));
}

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
    checkKeys(j, {"name", "seed", "task", "data", "search", "targets", "runs", "budgets"}, path);
    p.name = field<std::string>(j, "name", p.name, path);
    const json seed = j.value("seed", json::object());
    const std::string seedWhere = path + ": seed";
    checkKeys(seed, {"zoo", "torchscript", "input_shape", "frozen", "keep_whole", "width"},
              seedWhere);
    p.seed.width = field<double>(seed, "width", 1.0, seedWhere);
    if (p.seed.width <= 0) throw Error(seedWhere + ": field 'width' must be positive");
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
    const std::vector<std::string> tasks = taskNames();
    if (std::find(tasks.begin(), tasks.end(), p.task) == tasks.end())
        throw Error(path + ": field 'task': unknown task '" + p.task + "'" +
                    didYouMean(p.task, tasks) + "; known: " + joinNames(tasks));
    const json data = j.value("data", json::object());
    checkKeys(data, {"folder", "settings"}, path + ": data");
    p.data.folder = field<std::string>(data, "folder", "", path + ": data");
    if (!p.data.folder.empty() && std::filesystem::path(p.data.folder).is_relative())
        p.data.folder = (std::filesystem::path(path).parent_path() / p.data.folder).string();
    if (data.contains("settings")) p.data.settings = data.at("settings").dump();
    if (p.task == "folder" && p.data.folder.empty())
        throw Error(path + ": task 'folder' needs \"data\": {\"folder\": \"DIR\"}");
    if (p.task != "synthetic" && p.task != "folder") p.data.dataset = p.task;
    const json s = j.value("search", json::object());
    const std::string where = path + ": search";
    checkKeys(s,
              {"dimensions", "cost", "target", "limits", "strength", "warmup_epochs",
               "search_epochs", "finetune_epochs", "batch_size", "seed", "learning_rate",
               "max_train_samples", "cosine_decay"},
              where);
    p.search.learningRate = field<double>(s, "learning_rate", p.search.learningRate, where);
    p.search.maxTrainSamples =
        field<int64_t>(s, "max_train_samples", p.search.maxTrainSamples, where);
    p.search.cosineDecay = field<bool>(s, "cosine_decay", p.search.cosineDecay, where);
    SearchOptions& o = p.search;
    if (s.contains("dimensions")) {
        if (!s.at("dimensions").is_array())
            throw Error(where + ": field 'dimensions' must be a list");
        o.dimensions.clear();
        for (const json& d : s.at("dimensions"))
            o.dimensions.push_back(dimensionFromJson(d, where));
    }
    try {
        o.cost = canonicalCostName(field<std::string>(s, "cost", o.cost, where));
        o.target = target(projectTarget(field<std::string>(s, "target", o.target, where),
                                        std::filesystem::path(path).parent_path()))
                       .name;
    } catch (const Error& e) {
        throw Error(where + ": " + e.what());
    }
    o.strength = field<double>(s, "strength", o.strength, where);
    o.warmupEpochs = field<int>(s, "warmup_epochs", o.warmupEpochs, where);
    o.searchEpochs = field<int>(s, "search_epochs", o.searchEpochs, where);
    o.finetuneEpochs = field<int>(s, "finetune_epochs", o.finetuneEpochs, where);
    o.batchSize = field<int64_t>(s, "batch_size", o.batchSize, where);
    o.seed = field<uint64_t>(s, "seed", o.seed, where);
    if (o.strength < 0) throw Error(where + ": field 'strength' must not be negative");
    if (o.batchSize < 1) throw Error(where + ": field 'batch_size' must be at least 1");
    const json limits = s.value("limits", json::object());
    if (!limits.is_object())
        throw Error(where + ": field 'limits' must be an object of cost: maximum");
    try {
        for (const auto& [cost, value] : limits.items()) {
            if (!value.is_number())
                throw Error("limit on " + cost + " must be a number (bytes, ms or µJ)");
            o.limits.push_back({cost, value.get<double>()});
        }
        o.limits = checkedLimits(o.limits);
    } catch (const Error& e) {
        throw Error(where + ".limits: " + e.what());
    }
    // Files before limits kept memory budgets in kB under "targets" (0: none).
    const json t = j.value("targets", json::object());
    const std::string targetsWhere = path + ": targets";
    checkKeys(t, {"flash_kb", "ram_kb"}, targetsWhere);
    for (const auto& [key, cost] :
         {std::pair{"flash_kb", "flash"}, std::pair{"ram_kb", "peak_ram"}}) {
        const double kb = field<double>(t, key, 0.0, targetsWhere);
        if (kb < 0) throw Error(targetsWhere + ": limits must not be negative (0 means no limit)");
        if (kb > 0 && limitOn(o.limits, cost) == 0.0) setLimit(o.limits, cost, kb * 1024.0);
    }
    const json budgets = j.value("budgets", json::object());
    if (!budgets.is_object()) throw Error(path + ": field 'budgets' must be an object");
    for (const auto& [name, b] : budgets.items())
        p.budgets[name] = budgetFromJson(b, path + ": budgets." + name);
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
    if (seed.width != 1.0) seedJson["width"] = seed.width;
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
    json limitsJson = json::object();
    for (const Limit& l : search.limits) limitsJson[l.cost] = l.value;
    std::vector<std::string> runFolders;
    for (const std::string& run : runs)
        runFolders.push_back(
            std::filesystem::absolute(run).lexically_proximate(base).generic_string());
    json j{{"name", name},
           {"seed", seedJson},
           {"task", task},
           {"search",
            {{"dimensions", dims},
             {"cost", search.cost},
             {"target", projectTarget(search.target, std::filesystem::path(), base)},
             {"limits", limitsJson},
             {"strength", search.strength},
             {"warmup_epochs", search.warmupEpochs},
             {"search_epochs", search.searchEpochs},
             {"finetune_epochs", search.finetuneEpochs},
             {"batch_size", search.batchSize},
             {"learning_rate", search.learningRate},
             {"max_train_samples", search.maxTrainSamples},
             {"cosine_decay", search.cosineDecay},
             {"seed", search.seed}}},
           {"runs", runFolders}};
    json dataJson = json::object();
    if (!data.folder.empty())
        dataJson["folder"] =
            std::filesystem::absolute(data.folder).lexically_proximate(base).generic_string();
    if (data.settings != "{}" && !data.settings.empty())
        dataJson["settings"] = json::parse(data.settings);
    if (!dataJson.empty()) j["data"] = dataJson;
    if (!budgets.empty()) {
        json b = json::object();
        for (const auto& [n, budget] : budgets) b[n] = budgetToJson(budget);
        j["budgets"] = b;
    }
    return j.dump(2) + "\n";
}

void Project::save(const std::string& path) const {
    writeFileAtomically(path, toJson(path));
}

Task Project::makeTask(const Graph& seedGraph, const Log& log) const {
    if (!usesData()) return makeSyntheticTask(seedGraph, {512, 256, search.seed});
    Task t = makeDataTask(dataSpec(), log).task;
    const Shape& input = seedGraph.tensor(seedGraph.inputs().at(0)).shape;
    const Shape wanted = [&] {
        Shape s{input.at(0)};
        s.insert(s.end(), t.info().sampleShape.begin(), t.info().sampleShape.end());
        return s;
    }();
    if (input != wanted) {
        std::string have, want;
        for (const int64_t d : input) have += (have.empty() ? "" : "x") + std::to_string(d);
        for (const int64_t d : wanted) want += (want.empty() ? "" : "x") + std::to_string(d);
        throw Error("the seed's input is " + have + " but the " + dataSpec().label() +
                    " samples are " + want +
                    " (a zoo seed adapts by itself; import a TorchScript seed with --input-shape " +
                    want + ")");
    }
    return t;
}

DataSpec Project::dataSpec() const {
    DataSpec spec = data;
    spec.dataset = task == "folder" || task == "synthetic" ? "" : task;
    if (task != "folder") spec.folder.clear();
    return spec;
}

std::pair<Graph, Task> Project::loadSeedAndTask(const Log& log) const {
    if (!usesData()) {
        Graph g = loadSeed();
        Task t = makeTask(g);
        return {std::move(g), std::move(t)};
    }
    const Task data = makeDataTask(dataSpec(), log).task;
    Graph g = loadSeed(&data);
    return {std::move(g), makeTask(g, log)};
}

Graph Project::loadSeed(const Task* task) const {
    if (!seed.zoo.empty()) {
        ZooOptions options;
        options.width = seed.width;
        if (task && !task->info().sampleShape.empty()) {
            options.input = {1};
            const Shape& s = task->info().sampleShape;
            options.input.insert(options.input.end(), s.begin(), s.end());
            options.classes = static_cast<int64_t>(task->info().classes.size());
        }
        Graph g = zooModel(seed.zoo, options);
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
