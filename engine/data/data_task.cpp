#include "engine/data/data_task.h"

#include "engine/data/augment.h"
#include "engine/data/feature_cache.h"
#include "engine/data/folder_dataset.h"
#include "engine/search/task_data.h"
#include "engine/util/error.h"
#include "engine/util/suggest.h"

namespace secateur {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json merged(const json& defaults, const std::string& overrides, const std::string& where) {
    json j;
    try {
        j = json::parse(overrides);
    } catch (const json::exception& e) {
        throw Error(where + ": data settings are not valid JSON: " + e.what());
    }
    if (!j.is_object()) throw Error(where + ": data settings must be a JSON object");
    json out = defaults;
    std::vector<std::string> known;
    for (const auto& [key, value] : defaults.items()) known.push_back(key);
    for (const auto& [key, value] : j.items()) {
        if (!defaults.contains(key))
            throw Error(where + ": unknown data setting '" + key + "'" + didYouMean(key, known) +
                        "; known: " + joinNames(known));
        if (defaults[key].type() != value.type() &&
            !(defaults[key].is_number() && value.is_number()))
            throw Error(where + ": data setting '" + key + "' should look like " +
                        defaults[key].dump() + ", not " + value.dump());
        out[key] = value;
    }
    return out;
}

std::string manifestText(const std::string& folder) {
    std::string text;
    for (const auto& [sum, path] : datasetManifest(folder)) text += sum + " " + path + "\n";
    return text;
}

// Inverse class frequency of the training split, scaled to a mean of one.
std::vector<double> balancedWeights(const DataSummary& summary) {
    const std::vector<int64_t>& counts = summary.splits.at(0).classCounts;
    std::vector<double> w;
    double sum = 0.0;
    for (const int64_t c : counts) {
        w.push_back(c > 0 ? 1.0 / static_cast<double>(c) : 0.0);
        sum += w.back();
    }
    for (double& v : w) v *= static_cast<double>(w.size()) / sum;
    return w;
}

DataTask taskFrom(CachedData cached, const DatasetInfo& info, const json& settings) {
    TaskInfo t;
    t.name = info.name + ": " + info.title;
    t.losses = {cached.summary.classes.empty() ? LossKind::MeanSquaredError
                                               : LossKind::CrossEntropy};
    t.trainSize = cached.train ? cached.train->size() : 0;
    t.validationSize = cached.validation ? cached.validation->size() : 0;
    t.testSize = cached.test ? cached.test->size() : 0;
    t.classes = cached.summary.classes;
    t.sampleShape = cached.summary.sampleShape;
    t.dataKey = cached.summary.featureKey;
    t.metric = info.metric;
    t.lowerIsBetter = info.metric == "mae";
    if (settings.value("class_weights", "") == "balanced")
        t.classWeights = balancedWeights(cached.summary);
    auto data = std::make_shared<TaskData>();
    data->train = cached.train;
    const int64_t shift = settings.value("augment_shift", 0);
    if (shift > 0 && data->train)
        data->train = std::make_shared<TimeShiftSource>(data->train, shift);
    data->validation = cached.validation;
    data->test = cached.test;
    if (!data->train || !data->validation)
        throw Error(info.name + ": the training and validation splits must not be empty");
    auto features = std::make_shared<TaskData>(*data);
    features->train = cached.train;
    cached.summary.sampleKind = info.sampleKind;
    return {Task(t, data), cached.summary, features};
}

}  // namespace

std::string dataSettings(const DataSpec& spec) {
    if (!spec.folder.empty())
        return merged(folderDatasetSettings(), spec.settings, spec.folder).dump();
    return merged(datasetDef(spec.dataset).settings, spec.settings, spec.dataset).dump();
}

DataTask makeDataTask(const DataSpec& spec, const Log& log) {
    if (spec.empty()) throw Error("no data given: name a dataset or a folder");
    if (!spec.folder.empty()) {
        const json settings = merged(folderDatasetSettings(), spec.settings, spec.folder);
        const FolderDataset folder = scanFolder(spec.folder);
        DataSummary base;
        base.dataset = folder.info.name;
        base.title = folder.info.title;
        base.featureKey = featureKey(folder.info.name, folder.fingerprint, settings);
        base.featureNotes = settings.dump();
        const fs::path cache =
            featureCacheRoot() /
            ("folder-" + fs::path(spec.folder).filename().string() + "-" + base.featureKey);
        CachedData cached = loadOrPrepare(
            cache, base, [&] { return prepareFolder(folder, settings); }, log);
        return taskFrom(std::move(cached), folder.info, settings);
    }
    const DatasetDef& def = datasetDef(spec.dataset);
    const json settings = merged(def.settings, spec.settings, spec.dataset);
    DataSummary base;
    base.dataset = def.info.name;
    base.title = def.info.title;
    base.featureKey = featureKey(def.info.name, manifestText(def.info.folder), settings);
    base.featureNotes = settings.dump();
    const fs::path cache = featureCacheRoot() / (def.info.name + "-" + base.featureKey);
    CachedData cached = loadOrPrepare(
        cache, base,
        [&] {
            const fs::path folder = requireDataset(def.info, true);
            return def.prepare(folder, settings);
        },
        log);
    return taskFrom(std::move(cached), def.info, settings);
}

}  // namespace secateur
