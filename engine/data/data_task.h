// Turning a dataset (registered by name, or a folder of class subfolders) into a Task: features
// from the cache or computed once, the loss and metrics that fit it.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "engine/data/dataset.h"
#include "engine/search/task.h"

namespace secateur {

struct DataSpec {
    std::string dataset;          // a registered name (see `secateur data list`), or
    std::string folder;           // a folder of class subfolders of .wav or .csv files
    std::string settings = "{}";  // JSON object overriding feature settings (docs/data.md)
    bool empty() const { return dataset.empty() && folder.empty(); }
    std::string label() const { return dataset.empty() ? folder : dataset; }
    bool operator==(const DataSpec& o) const {
        return dataset == o.dataset && folder == o.folder && settings == o.settings;
    }
    bool operator!=(const DataSpec& o) const { return !(*this == o); }
};

struct DataTask {
    Task task;
    DataSummary summary;
    std::shared_ptr<const TaskData> features;  // the splits as cached, before augmentation
};

using Log = std::function<void(const std::string&)>;

// Throws an Error naming the missing or corrupt files and how to get them, an unknown dataset
// ("did you mean"), or a bad setting.
DataTask makeDataTask(const DataSpec& spec, const Log& log = {});

// The dataset's features settings after `spec.settings` is applied (for docs and `data list`).
std::string dataSettings(const DataSpec& spec);

// Sample `index` of `split` (train, validation or test) as stored, for drawing; throws an Error
// for an unknown split or an index out of range.
DataSample drawSample(const DataTask& data, const std::string& split, int64_t index);

}  // namespace secateur
