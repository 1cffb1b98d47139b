// occupancy: UCI Occupancy Detection, room presence (0/1) from temperature, humidity, light, CO2
// and humidity ratio, one reading a minute; windows of the last minutes, the files' own splits.
#include "engine/data/dataset_def.h"
#include "engine/data/sensor_windows.h"

namespace secateur {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

PreparedData prepareOccupancy(const fs::path& folder, const json& settings) {
    const auto length = settings.at("window").get<int64_t>();
    const auto stride = settings.at("stride").get<int64_t>();
    const auto channels = settings.at("channels").get<std::vector<std::string>>();
    PreparedData data;
    data.classes = {"empty", "occupied"};
    const std::pair<const char*, PreparedSplit*> files[] = {{"datatraining.txt", &data.train},
                                                            {"datatest.txt", &data.validation},
                                                            {"datatest2.txt", &data.test}};
    for (const auto& [file, split] : files) {
        const CsvTable table = readCsv((folder / file).string());
        std::vector<torch::Tensor> inputs;
        std::vector<int64_t> labels;
        std::vector<std::string> groups;
        addWindows(table, channels, "Occupancy", {0, table.rows.size(), file}, length, stride,
                   inputs, labels, groups);
        *split = stackSplit("occupancy", file, inputs, labels, groups);
    }
    normalizeAlong(data, 1);
    return data;
}

}  // namespace

DatasetDef occupancyDataset() {
    DatasetDef d;
    d.info = {"occupancy",
              "room presence (UCI Occupancy Detection), the files' time-disjoint splits",
              "occupancy-detection",
              "github.com/adelchi91/room_presence_detector (commit 765e927, UCI dataset 357)",
              "CC BY 4.0",
              "macro_f1",
              SampleKind::Series};
    d.settings = {{"window", 16},
                  {"stride", 1},
                  {"channels", {"Temperature", "Humidity", "Light", "CO2", "HumidityRatio"}}};
    d.prepare = prepareOccupancy;
    d.url = [](const std::string& path) {
        return "https://raw.githubusercontent.com/adelchi91/room_presence_detector/"
               "765e927c6d82c8d6a1bd4e9b59adc909c268bc36/original_data/" +
               path;
    };
    return d;
}

}  // namespace secateur
