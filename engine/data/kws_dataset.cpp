// kws: Free Spoken Digit Dataset (6 speakers x 10 digits x 50 recordings, 8 kHz), MFCC features.
// The main split holds out whole speakers; the customary split (recordings 0-4 of every speaker
// as test) shares speakers between train and test.
#include <algorithm>
#include <regex>

#include "engine/data/audio_file.h"
#include "engine/data/dataset_def.h"
#include "engine/data/features.h"
#include "engine/util/error.h"

namespace secateur {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const char* kSource =
    "https://raw.githubusercontent.com/Jakobovski/free-spoken-digit-dataset/"
    "26eb9aaf76e81b692f806f9140c2d2777410d7a1/";

struct Recording {
    std::string path, speaker;
    int digit = 0, index = 0;
};

std::vector<Recording> recordings(const fs::path& folder) {
    std::vector<Recording> out;
    const std::regex name(R"((\d)_([a-z]+)_(\d+)\.wav)");
    for (const auto& entry : fs::directory_iterator(folder / "recordings")) {
        std::smatch m;
        const std::string file = entry.path().filename().string();
        if (!std::regex_match(file, m, name)) continue;
        out.push_back({entry.path().string(), m[2], std::stoi(m[1]), std::stoi(m[3])});
    }
    std::sort(out.begin(), out.end(),
              [](const Recording& a, const Recording& b) { return a.path < b.path; });
    return out;
}

bool contains(const json& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

PreparedData prepareFsdd(const fs::path& folder, const json& settings) {
    const MelSettings mel = MelSettings::fromJson(settings);
    const auto clip =
        static_cast<int64_t>(settings.at("clip_seconds").get<double>() * mel.sampleRate);
    const bool bySpeaker = settings.at("split") == "speaker";
    const auto dither = settings.at("dither").get<double>();
    const bool meanNormalize = settings.at("cepstral_mean_normalization").get<bool>();
    // The same noise floor every time the features are computed; the global generator is untouched.
    const torch::Tensor noise = torch::randn({clip}, at::detail::createCPUGenerator(0));
    std::vector<torch::Tensor> x[3];
    std::vector<int64_t> y[3];
    PreparedData data;
    for (int d = 0; d < 10; ++d) data.classes.push_back(std::to_string(d));
    PreparedSplit* splits[] = {&data.train, &data.validation, &data.test};
    for (const Recording& r : recordings(folder)) {
        size_t split = 0;
        if (bySpeaker) {
            split = contains(settings.at("test_speakers"), r.speaker)         ? 2
                    : contains(settings.at("validation_speakers"), r.speaker) ? 1
                                                                              : 0;
        } else {
            split = r.index < 5 ? 2 : r.index < 10 ? 1 : 0;
        }
        const Audio audio = readAudio(r.path);
        const std::vector<float> samples =
            resample(audio.samples, audio.sampleRate, mel.sampleRate);
        torch::Tensor wave = fitLength(torch::tensor(samples, torch::kFloat32), clip);
        wave = wave + dither * noise.slice(0, 0, clip);  // silence padding gets a noise floor
        torch::Tensor features = mfcc(wave, mel);
        if (meanNormalize) features = features - features.mean(0, true);
        x[split].push_back(features.unsqueeze(0));
        y[split].push_back(r.digit);
        splits[split]->groups.push_back(r.speaker);
    }
    for (size_t s = 0; s < 3; ++s) {
        if (x[s].empty())
            throw Error("kws: the " +
                        std::string(s == 0   ? "train"
                                    : s == 1 ? "validation"
                                             : "test") +
                        " split is empty; check the speakers named in the settings " +
                        settings.dump());
        splits[s]->inputs = torch::stack(x[s]);
        splits[s]->targets = torch::tensor(y[s], torch::kLong);
    }
    normalizeAlong(data, 3);  // per MFCC coefficient
    return data;
}

json melDefaults() {
    return {{"sample_rate", 8000}, {"clip_seconds", 1.0},
            {"frame_length", 256}, {"hop", 160},
            {"mel_bands", 40},     {"mfcc", 10},
            {"f_min", 20.0},       {"f_max", 4000.0},
            {"dither", 1e-3},      {"cepstral_mean_normalization", true},
            {"augment_shift", 6}};
}

DatasetDef fsdd(const std::string& name, const std::string& title, json settings) {
    DatasetDef d;
    d.info = {name,
              title,
              "fsdd",
              "github.com/Jakobovski/free-spoken-digit-dataset (commit 26eb9aa)",
              "CC BY-SA 4.0",
              "accuracy",
              SampleKind::Audio};
    d.settings = std::move(settings);
    d.prepare = prepareFsdd;
    d.url = [](const std::string& path) { return std::string(kSource) + path; };
    return d;
}

}  // namespace

DatasetDef kwsDataset() {
    json s = melDefaults();
    s["split"] = "speaker";
    s["test_speakers"] = {"nicolas", "theo"};
    s["validation_speakers"] = {"george"};
    return fsdd("kws", "spoken digits (FSDD), speaker-independent: 2 speakers held out for test",
                s);
}

DatasetDef kwsCustomaryDataset() {
    json s = melDefaults();
    s["split"] = "index";
    return fsdd("kws_customary",
                "spoken digits (FSDD), customary split: recordings 0-4 test, 5-9 validation", s);
}

}  // namespace secateur
