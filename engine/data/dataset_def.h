// Private header: a dataset's definition. A dataset is one file defining a DatasetDef and one line
// in registry.cpp.
#pragma once

#include <torch/torch.h>

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/data/dataset.h"

namespace secateur {

struct PreparedSplit {
    torch::Tensor inputs;             // float32 [N, sample...]
    torch::Tensor targets;            // int64 [N] (classes) or float32 [N, k] (regression)
    std::vector<std::string> groups;  // per sample: speaker, patient or period (may be empty)
};

struct PreparedData {
    std::vector<std::string> classes;  // empty for regression
    PreparedSplit train, validation, test;
};

struct DatasetDef {
    DatasetInfo info;
    nlohmann::json settings;  // the feature settings and their defaults (docs/data.md)
    // Reads the files in `folder` and computes features; normalisation statistics come from the
    // training split only.
    std::function<PreparedData(const std::filesystem::path& folder, const nlohmann::json& settings)>
        prepare;
    // The URL of a file of the dataset (path relative to its folder) at its public source.
    std::function<std::string(const std::string& path)> url;
};

// Throws an Error with the closest known name.
const DatasetDef& datasetDef(const std::string& name);
// The checksum list (sha256, relative path) of a dataset folder, built into the engine.
std::vector<std::pair<std::string, std::string>> datasetManifest(const std::string& folder);

// Normalises every split per index along `axis` of the sample tensor (1: per channel) with the
// training split's mean and deviation.
void normalizeAlong(PreparedData& data, int64_t axis = 1);

// One file per dataset (engine/data/*_dataset.cpp).
DatasetDef kwsDataset();
DatasetDef kwsCustomaryDataset();
DatasetDef ecgDataset();
DatasetDef presenceDataset();
DatasetDef occupancyDataset();
DatasetDef imageDataset();

}  // namespace secateur
