// Private header: prepared features on disk, one folder per dataset and feature settings, read
// back through memory maps so a split is never loaded whole.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "engine/data/batch_source.h"
#include "engine/data/dataset_def.h"

namespace secateur {

struct CachedData {
    DataSummary summary;
    SharedSource train, validation, test;
};

// The cache key of a dataset: sha256 over its name, the checksum list of its files, the feature
// settings and the feature code's version.
std::string featureKey(const std::string& name, const std::string& manifest,
                       const nlohmann::json& settings);

// Opens the cached features under `cacheFolder` when present, else computes them with `prepare`
// and writes them there first (into a temporary folder renamed at the end, so a killed run leaves
// no half-written cache).
CachedData loadOrPrepare(const std::filesystem::path& cacheFolder, const DataSummary& base,
                         const std::function<PreparedData()>& prepare,
                         const std::function<void(const std::string&)>& log = {});

}  // namespace secateur
