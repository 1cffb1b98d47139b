// Private header: a scanned data folder turned into prepared splits.
#pragma once

#include "engine/data/dataset_def.h"
#include "engine/data/folder_scan.h"

namespace secateur {

struct FolderDataset {
    DatasetInfo info;
    FolderScan scan;
    std::string fingerprint;
};

// The settings of a data folder and their defaults (docs/data.md).
nlohmann::json folderDatasetSettings();
// Scans the folder; throws an Error listing the problems when it cannot be used.
FolderDataset scanFolder(const std::string& folder);
// Features: MFCC for audio (resampled to the settings' rate), the raw series (cropped or
// zero-padded to `length` rows) for CSV; files go to validation and test by a hash of their name.
PreparedData prepareFolder(const FolderDataset& folder, const nlohmann::json& settings);

}  // namespace secateur
