#include "engine/data/folder_dataset.h"

#include "engine/data/audio_file.h"
#include "engine/data/csv_table.h"
#include "engine/data/features.h"
#include "engine/data/sha256.h"
#include "engine/util/error.h"

namespace secateur {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A stable number in [0, 1) from a file's name.
double position(const std::string& path) {
    return static_cast<double>(std::stoull(sha256Bytes(path).substr(0, 12), nullptr, 16)) /
           static_cast<double>(1ULL << 48);
}

torch::Tensor seriesSample(const fs::path& file, int64_t length) {
    int64_t rows = 0, columns = 0;
    const std::vector<float> values = readNumericCsv(file.string(), rows, columns);
    const torch::Tensor t =
        torch::tensor(values, torch::kFloat32).view({rows, columns}).transpose(0, 1);
    if (rows >= length) return t.slice(1, 0, length).contiguous();
    return torch::constant_pad_nd(t, {0, length - rows}, 0.0);
}

}  // namespace

json folderDatasetSettings() {
    return {{"sample_rate", 16000}, {"clip_seconds", 1.0},
            {"frame_length", 640},  {"hop", 320},
            {"mel_bands", 40},      {"mfcc", 10},
            {"f_min", 20.0},        {"f_max", 8000.0},
            {"length", 0},          {"validation_fraction", 0.15},
            {"test_fraction", 0.15}};
}

FolderDataset scanFolder(const std::string& folder) {
    FolderDataset d;
    d.scan = scanDataFolder(folder);
    if (!d.scan.usable()) {
        std::string problems;
        for (const FolderProblem& p : d.scan.problems)
            if (p.fatal) problems += "\n  " + p.file + ": " + p.what;
        throw Error("data folder '" + folder + "' cannot be used:" + problems +
                    "\n(run `secateur data inspect " + folder + "` for the whole list)");
    }
    d.fingerprint = d.scan.fingerprint;
    const std::string name = fs::path(folder).lexically_normal().filename().string();
    d.info = {name.empty() ? "folder" : name,
              "your data in " + folder + " (" + std::to_string(d.scan.classes.size()) +
                  " classes, " + folderFormatName(d.scan.format) + ")",
              folder,
              "your own folder",
              "yours",
              "accuracy",
              d.scan.format == FolderFormat::Audio ? SampleKind::Audio : SampleKind::Series};
    return d;
}

PreparedData prepareFolder(const FolderDataset& folder, const json& settings) {
    const fs::path root(folder.scan.folder);
    const double validation = settings.at("validation_fraction").get<double>();
    const double test = settings.at("test_fraction").get<double>();
    const bool audio = folder.scan.format == FolderFormat::Audio;
    const MelSettings mel = audio ? MelSettings::fromJson(settings) : MelSettings{};
    int64_t length = settings.at("length").get<int64_t>();
    if (length <= 0) length = folder.scan.longest;
    std::vector<torch::Tensor> x[3];
    std::vector<int64_t> y[3];
    PreparedData data;
    data.classes = folder.scan.classes;
    PreparedSplit* splits[] = {&data.train, &data.validation, &data.test};
    for (const FolderFile& f : folder.scan.files) {
        const double p = position(f.path);
        const size_t s = p < test ? 2 : p < test + validation ? 1 : 0;
        torch::Tensor sample;
        if (audio) {
            const Audio a = readAudio((root / f.path).string());
            const torch::Tensor wave =
                torch::tensor(resample(a.samples, a.sampleRate, mel.sampleRate), torch::kFloat32);
            const auto clip =
                static_cast<int64_t>(settings.at("clip_seconds").get<double>() * mel.sampleRate);
            sample = mfcc(fitLength(wave, clip), mel).unsqueeze(0);
        } else {
            sample = seriesSample(root / f.path, length);
        }
        x[s].push_back(sample);
        y[s].push_back(f.label);
        splits[s]->groups.push_back(f.path);
    }
    const char* names[] = {"train", "validation", "test"};
    for (size_t s = 0; s < 3; ++s) {
        if (x[s].empty())
            throw Error("data folder '" + folder.scan.folder + "': no file fell into the " +
                        names[s] +
                        " split; add files or change validation_fraction and "
                        "test_fraction");
        splits[s]->inputs = torch::stack(x[s]);
        splits[s]->targets = torch::tensor(y[s], torch::kLong);
    }
    normalizeAlong(data, audio ? 3 : 1);
    return data;
}

}  // namespace secateur
