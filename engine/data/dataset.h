// The datasets of the edge tasks: where their files live, whether they are complete, and what a
// prepared dataset holds (splits, classes, counts). Plain types, no tensors.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "engine/graph/ir.h"

namespace secateur {

// How one sample is drawn: a waveform or spectrogram, a trace of channels, a picture.
enum class SampleKind { Audio, Series, Image };

struct DatasetInfo {
    std::string name;    // as projects and the CLI name it, e.g. "kws"
    std::string title;   // one line for people
    std::string folder;  // under the data root, e.g. "fsdd"
    std::string source;  // where `secateur data get` downloads from
    std::string license;
    std::string metric;  // the headline metric: accuracy, macro_f1 or mae
    SampleKind sampleKind = SampleKind::Series;
};

// Every registered dataset, in a stable order.
std::vector<DatasetInfo> datasetList();
// Throws an Error for an unknown name, with the closest known name and the list.
DatasetInfo findDataset(const std::string& name);

// Where datasets are looked for: SECATEUR_DATA (when set), then the user's data folder.
std::vector<std::filesystem::path> dataSearchPath();
// The folder `get` writes to: SECATEUR_DATA when set, else the user's data folder.
std::filesystem::path dataDownloadRoot();
// Prepared features: SECATEUR_CACHE when set, else the user's cache folder (secateur/features).
std::filesystem::path featureCacheRoot();

struct FileCheck {
    enum class State { Ok, Missing, Corrupt };
    std::string path;  // relative to the dataset's folder
    State state = State::Ok;
    std::string expected, actual;  // sha256 (actual empty when missing)
};

struct DatasetCheck {
    std::filesystem::path folder;  // where the files were found (or would be)
    std::vector<FileCheck> files;
    bool complete() const;
    // "fsdd: 3 of 3000 files missing (recordings/0_george_0.wav, ...) in FOLDER; ..." and the way
    // out.
    std::string problem(const DatasetInfo& info) const;
};

// Checks every file of the dataset against its checksum (`hash` false: presence only).
DatasetCheck verifyDataset(const DatasetInfo& info, bool hash = true);
// Throws an Error naming the missing or corrupt files, where they were looked for and the
// command that fetches them, unless the dataset is complete (presence and sizes only when
// `hash` is false).
std::filesystem::path requireDataset(const DatasetInfo& info, bool hash = false);

struct FetchProgress {
    size_t finished = 0, files = 0;    // files fetched so far, of all missing ones
    int64_t received = 0, total = -1;  // bytes of the file `path`, one of those in flight
    std::string path;
};
// Downloads the files that are missing or corrupt from the dataset's source (or from
// SECATEUR_DATA_MIRROR/<folder>/ when set) into dataDownloadRoot(), resuming partial files and
// verifying each checksum, several files at a time; returns the dataset's folder. progress is
// called from the download threads, one call at a time.
std::filesystem::path fetchDataset(const DatasetInfo& info,
                                   const std::function<void(const FetchProgress&)>& progress = {},
                                   const std::function<bool()>& keepGoing = {});

struct SplitSummary {
    std::string name;  // train, validation, test
    int64_t samples = 0;
    std::vector<int64_t> classCounts;  // per class (classification)
    std::vector<std::string> groups;   // speakers, patients or periods in this split
};

// One prepared sample as the studio's data panel draws it: Audio holds features laid out
// [1, frames, coefficients] (or [frames, coefficients]), Series [channels, steps], Image
// [channels, height, width] with channels 1 or 3.
struct DataSample {
    SampleKind kind = SampleKind::Series;
    Shape shape;                // without the batch dimension
    std::vector<float> values;  // row-major, numel(shape) of them
    std::string split;          // train, validation or test
    int64_t index = 0;          // in that split
    std::string label;          // the class name (or the target value as text)
    std::string features;       // what the values are, e.g. "MFCC, 49 frames x 10 coefficients"
};

// What a prepared dataset holds, as `secateur data` prints it and the studio's data panel draws.
struct DataSummary {
    std::string dataset;
    std::string title;
    Shape sampleShape;  // one sample, without the batch
    SampleKind sampleKind = SampleKind::Series;
    std::vector<std::string> classes;
    std::vector<SplitSummary> splits;
    std::string featureKey;    // hash of the feature settings and the data's checksums
    std::string cacheFolder;   // where the features are cached
    std::string featureNotes;  // the feature settings, as JSON text
};

}  // namespace secateur
