// A folder of the user's own data: one subfolder per class holding .wav files (any sample rate)
// or .csv files (one time series per file: rows are time steps, columns are channels). Scanning
// finds classes, counts, lengths and problems, each with the file's name.
#pragma once

#include <string>
#include <vector>

#include "engine/data/dataset.h"

namespace secateur {

struct FolderFile {
    std::string path;  // relative to the folder
    int label = 0;
    int64_t length = 0;    // samples (audio) or rows (series)
    int64_t channels = 0;  // columns of a series; 1 for audio
    int sampleRate = 0;    // audio only
};

struct FolderProblem {
    std::string file;  // relative path, or the class folder
    std::string what;
    bool fatal = false;  // the folder cannot be used while it stands
};

struct FolderScan {
    std::string folder;
    std::string format;  // "wav" or "csv"
    std::vector<std::string> classes;
    std::vector<int64_t> counts;  // files per class
    std::vector<FolderFile> files;
    std::vector<FolderProblem> problems;
    int64_t shortest = 0, longest = 0;
    std::string fingerprint;  // names, sizes and modification times of the files
    bool usable() const;
};

// Never throws for problems in the files; throws an Error only when `folder` is not a folder.
FolderScan scanDataFolder(const std::string& folder);

}  // namespace secateur
