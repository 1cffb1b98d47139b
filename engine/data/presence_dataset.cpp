// presence: UCI Room Occupancy Estimation, people count 0-3 from 16 sensor channels (about one
// reading every 30 s), windows of the last readings. Time-ordered split: each day is cut into
// consecutive blocks, and blocks go to train, train, train, validation, test in turn, so every
// window lies inside one block and the three splits never share a moment.
#include "engine/data/dataset_def.h"
#include "engine/data/sensor_windows.h"
#include "engine/util/error.h"

namespace secateur {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

PreparedData preparePresence(const fs::path& folder, const json& settings) {
    const auto length = settings.at("window").get<int64_t>();
    const auto stride = settings.at("stride").get<int64_t>();
    const auto block = settings.at("block_rows").get<size_t>();
    const auto cycle = settings.at("block_cycle").get<std::vector<std::string>>();
    const auto channels = settings.at("channels").get<std::vector<std::string>>();
    if (block < static_cast<size_t>(length) || cycle.empty())
        throw Error(
            "presence: 'block_rows' must be at least 'window', and 'block_cycle' must "
            "name splits (train, validation, test)");
    const CsvTable table = readCsv((folder / "Occupancy_Estimation.csv").string());
    const int date = table.column("Date");
    std::map<std::string, std::vector<torch::Tensor>> inputs;
    std::map<std::string, std::vector<int64_t>> labels;
    std::map<std::string, std::vector<std::string>> groups;
    size_t blockIndex = 0;
    for (size_t day = 0; day < table.rows.size();) {
        size_t dayEnd = day;
        while (dayEnd < table.rows.size() && table.rows[dayEnd][date] == table.rows[day][date])
            ++dayEnd;
        for (size_t b = day; b < dayEnd; b += block, ++blockIndex) {
            const std::string& split = cycle[blockIndex % cycle.size()];
            const Stretch stretch{b, std::min(dayEnd, b + block),
                                  table.rows[day][date] + " #" + std::to_string(blockIndex)};
            addWindows(table, channels, "Room_Occupancy_Count", stretch, length, stride,
                       inputs[split], labels[split], groups[split]);
        }
        day = dayEnd;
    }
    PreparedData data;
    data.classes = {"0 people", "1 person", "2 people", "3 people"};
    data.train = stackSplit("presence", "train", inputs["train"], labels["train"], groups["train"]);
    data.validation = stackSplit("presence", "validation", inputs["validation"],
                                 labels["validation"], groups["validation"]);
    data.test = stackSplit("presence", "test", inputs["test"], labels["test"], groups["test"]);
    normalizeAlong(data, 1);
    return data;
}

}  // namespace

DatasetDef presenceDataset() {
    DatasetDef d;
    d.info = {"presence",
              "people count 0-3 (UCI Room Occupancy Estimation), time-ordered blocks",
              "room-occupancy-estimation",
              "github.com/deba033/3-ML-Industry-Project (commit 3f71fde, UCI dataset 864)",
              "CC BY 4.0",
              "macro_f1",
              SampleKind::Series};
    d.settings = {{"window", 32},
                  {"stride", 1},
                  {"block_rows", 60},
                  {"block_cycle", {"train", "train", "train", "validation", "test"}},
                  {"class_weights", "balanced"},
                  {"channels",
                   {"S1_Temp", "S2_Temp", "S3_Temp", "S4_Temp", "S1_Light", "S2_Light", "S3_Light",
                    "S4_Light", "S1_Sound", "S2_Sound", "S3_Sound", "S4_Sound", "S5_CO2",
                    "S5_CO2_Slope", "S6_PIR", "S7_PIR"}}};
    d.prepare = preparePresence;
    d.url = [](const std::string& path) {
        return "https://raw.githubusercontent.com/deba033/3-ML-Industry-Project/"
               "3f71fde2c0f89ef41b80f840d5814239dc606ec4/" +
               path;
    };
    return d;
}

}  // namespace secateur
