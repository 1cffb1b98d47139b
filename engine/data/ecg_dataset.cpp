// ecg: MIT-BIH Arrhythmia heartbeat classes N, S, V, F (AAMI) with the inter-patient split: the
// DS1 records train (a few of them validate), the DS2 records test, so no patient is in two
// splits. Each beat is a window of the MLII lead around its R peak, downsampled to 180 Hz, with
// the RR intervals before and after it (relative to the record's mean) as two constant channels.
#include "engine/data/dataset_def.h"
#include "engine/data/wfdb.h"
#include "engine/util/error.h"

namespace secateur {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

int leadIndex(const wfdb::Header& h) {
    for (size_t i = 0; i < h.signals.size(); ++i)
        if (h.signals[i].description == "MLII") return static_cast<int>(i);
    return 0;  // records 102 and 104 have no MLII lead: their first lead (V5)
}

struct Beat {
    int64_t sample;
    int64_t label;
};

void addRecord(const fs::path& folder, const std::string& record, const json& settings,
               PreparedSplit& split, std::vector<torch::Tensor>& inputs,
               std::vector<int64_t>& labels) {
    const wfdb::Header header = wfdb::readHeader((folder / (record + ".hea")).string());
    const auto signals = wfdb::readSignals(folder.string(), header);
    const int lead = leadIndex(header);
    const std::vector<int16_t>& x = signals.at(static_cast<size_t>(lead));
    const wfdb::SignalSpec& spec = header.signals.at(static_cast<size_t>(lead));
    const std::string classes = "NSVF";
    std::vector<Beat> beats;
    for (const wfdb::Annotation& a : wfdb::readAnnotations((folder / (record + ".atr")).string())) {
        if (!wfdb::isBeat(a.code)) continue;
        const size_t c = classes.find(wfdb::aamiClass(a.code));
        beats.push_back({a.sample, c == std::string::npos ? -1 : static_cast<int64_t>(c)});
    }
    const auto before = settings.at("before").get<int64_t>();
    const auto after = settings.at("after").get<int64_t>();
    const auto factor = settings.at("downsample").get<int64_t>();
    const bool rr = settings.at("rr_features").get<bool>();
    double meanRr = 1.0;
    if (beats.size() > 1)
        meanRr = static_cast<double>(beats.back().sample - beats.front().sample) /
                 static_cast<double>(beats.size() - 1);
    const int64_t length = (before + after) / factor;
    for (size_t i = 1; i + 1 < beats.size(); ++i) {
        const Beat& b = beats[i];
        if (b.label < 0 || b.sample - before < 0 ||
            b.sample + after > static_cast<int64_t>(x.size()))
            continue;
        torch::Tensor w = torch::empty({rr ? 3 : 1, length});
        auto a = w.accessor<float, 2>();
        double mean = 0.0;
        for (int64_t t = 0; t < length; ++t) {
            double v = 0.0;
            for (int64_t k = 0; k < factor; ++k)
                v += x[static_cast<size_t>(b.sample - before + t * factor + k)];
            a[0][t] =
                static_cast<float>((v / static_cast<double>(factor) - spec.baseline) / spec.gain);
            mean += a[0][t];
        }
        mean /= static_cast<double>(length);
        for (int64_t t = 0; t < length; ++t) a[0][t] -= static_cast<float>(mean);
        if (rr)
            for (int64_t t = 0; t < length; ++t) {
                a[1][t] = static_cast<float>(static_cast<double>(b.sample - beats[i - 1].sample) /
                                             meanRr);
                a[2][t] = static_cast<float>(static_cast<double>(beats[i + 1].sample - b.sample) /
                                             meanRr);
            }
        inputs.push_back(w);
        labels.push_back(b.label);
        split.groups.push_back(record);
    }
}

PreparedData prepareEcg(const fs::path& folder, const json& settings) {
    PreparedData data;
    data.classes = {"N (normal)", "S (supraventricular)", "V (ventricular)", "F (fusion)"};
    const auto validation = settings.at("validation_records").get<std::vector<std::string>>();
    const std::pair<const char*, std::vector<PreparedSplit*>> sets[] = {
        {"train_records", {&data.train, &data.validation}}, {"test_records", {&data.test}}};
    std::vector<torch::Tensor> inputs[3];
    std::vector<int64_t> labels[3];
    for (const auto& [key, splits] : sets)
        for (const std::string& record : settings.at(key).get<std::vector<std::string>>()) {
            const bool validating =
                splits.size() > 1 &&
                std::find(validation.begin(), validation.end(), record) != validation.end();
            PreparedSplit& split = *splits[validating ? 1 : 0];
            const size_t s = &split == &data.train ? 0 : &split == &data.validation ? 1 : 2;
            addRecord(folder, record, settings, split, inputs[s], labels[s]);
        }
    PreparedSplit* splits[] = {&data.train, &data.validation, &data.test};
    for (size_t s = 0; s < 3; ++s) {
        if (inputs[s].empty())
            throw Error("ecg: a split has no beats; check the record lists in the data settings");
        splits[s]->inputs = torch::stack(inputs[s]);
        splits[s]->targets = torch::tensor(labels[s], torch::kLong);
    }
    normalizeAlong(data, 1);
    return data;
}

}  // namespace

DatasetDef ecgDataset() {
    DatasetDef d;
    d.info = {"ecg",
              "heartbeat classes N/S/V/F (MIT-BIH Arrhythmia), inter-patient DS1/DS2 split",
              "mitdb",
              "physionet.org/files/mitdb/1.0.0",
              "ODC-By 1.0",
              "macro_f1",
              SampleKind::Series};
    // de Chazal et al. (2004): DS1 trains, DS2 tests; the paced records 102, 104, 107 and 217
    // are in neither.
    d.settings = {{"train_records",
                   {"101", "106", "108", "109", "112", "114", "115", "116", "118", "119", "122",
                    "124", "201", "203", "205", "207", "208", "209", "215", "220", "223", "230"}},
                  {"validation_records", {"209", "215", "223"}},
                  {"test_records",
                   {"100", "103", "105", "111", "113", "117", "121", "123", "200", "202", "210",
                    "212", "213", "214", "219", "221", "222", "228", "231", "232", "233", "234"}},
                  {"before", 90},
                  {"after", 166},
                  {"downsample", 2},
                  {"rr_features", true},
                  {"class_weights", "balanced"}};
    d.prepare = prepareEcg;
    d.url = [](const std::string& path) {
        return "https://physionet.org/files/mitdb/1.0.0/" +
               (path == "PHYSIONET_SHA256SUMS.txt" ? std::string("SHA256SUMS.txt") : path);
    };
    return d;
}

}  // namespace secateur
