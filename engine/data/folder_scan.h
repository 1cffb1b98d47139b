// A folder of the user's own data: one subfolder per class holding audio files (any format and
// sample rate libsndfile reads: WAV, FLAC, Ogg, Opus, AIFF, ...) or .csv files (one time series
// per file: rows are time steps, columns are channels; comma, semicolon or tab separated).
// Scanning finds classes, counts, lengths and problems, each with the file's name.
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

enum class FolderFormat { Audio, Csv };
inline const char* folderFormatName(FolderFormat f) {
    return f == FolderFormat::Audio ? "audio" : "CSV";
}
// The audio extensions a folder's files may have (lower case, with the dot).
const std::vector<std::string>& audioExtensions();

struct FolderScan {
    std::string folder;
    FolderFormat format = FolderFormat::Audio;
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
