// `secateur dims` and `--dims`: the command line reads the dimension registry.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/space/dimensions.h"
#include "tests/engine/cli_runner.h"

namespace secateur {
namespace {

struct Output {
    int status = 0;
    std::string text;  // stdout and stderr together
};

Output run(const std::string& args) {
    const CliRun r = runCli(args, std::filesystem::temp_directory_path() / "secateur_cli_dims");
    return {r.status, r.out + r.err};
}

TEST(CliDims, ListsEveryRegisteredDimension) {
    const Output table = run("dims");
    ASSERT_EQ(table.status, 0) << table.text;
    for (const DimensionInfo& info : dimensionCatalog()) {
        EXPECT_NE(table.text.find(info.name), std::string::npos) << info.name;
        EXPECT_NE(table.text.find(info.description), std::string::npos) << info.name;
    }
    const Output json = run("dims --json");
    ASSERT_EQ(json.status, 0) << json.text;
    const nlohmann::json list = nlohmann::json::parse(json.text);
    ASSERT_EQ(list.size(), dimensionCatalog().size());
    for (size_t i = 0; i < list.size(); ++i) {
        EXPECT_EQ(list[i].at("name"), dimensionCatalog()[i].name);
        EXPECT_EQ(list[i].at("eligible"), dimensionCatalog()[i].eligible);
        EXPECT_EQ(list[i].at("default"), dimensionCatalog()[i].byDefault);
    }
}

TEST(CliDims, AMistypedDimensionNamesTheNearestOne) {
    const Output out = run("search --zoo ds_cnn --task synthetic --dims channels,kernals --out " +
                           testing::TempDir() + "/secateur_dims_typo");
    EXPECT_EQ(out.status, 1) << out.text;
    EXPECT_NE(out.text.find("unknown search dimension 'kernals' (did you mean 'kernels'?)"),
              std::string::npos)
        << out.text;
    EXPECT_EQ(run("dims extra").status, 2);  // a command-line mistake
}

TEST(CliDims, APrecisionSearchReportsItsWeightBitsInTheSummaryAndTheFile) {
    const std::string out = testing::TempDir() + "/secateur_dims_precision";
    std::filesystem::remove_all(out);
    const Output search =
        run("search --zoo ds_cnn --task synthetic --dims channels,precision "
            "--warmup 1 --epochs 1 --finetune 1 -q --out " +
            out);
    ASSERT_EQ(search.status, 0) << search.text;
    std::ifstream summaryFile(out + "/summary.json");
    const nlohmann::json summary = nlohmann::json::parse(summaryFile);
    for (const nlohmann::json& layer : summary.at("layers")) {
        const auto bits = layer.at("weight_bits").get<std::vector<int>>();
        const auto kept = layer.at("kept").get<std::vector<int>>();
        ASSERT_EQ(bits.size(), kept.size()) << layer.at("name");
        for (size_t c = 0; c < bits.size(); ++c) EXPECT_EQ(bits[c], kept[c] ? 8 : 0);
    }
    // The exported file says the same: a bits column, and weight_bits per layer in --json.
    const Output table = run("info " + out + "/final.pt --input-shape 1,1,49,10");
    ASSERT_EQ(table.status, 0) << table.text;
    EXPECT_NE(table.text.find(" bits "), std::string::npos) << table.text;
    const Output json = run("info " + out + "/final.pt --input-shape 1,1,49,10 --json");
    ASSERT_EQ(json.status, 0) << json.text;
    int quantised = 0;
    const nlohmann::json measured = nlohmann::json::parse(json.text);
    for (const nlohmann::json& layer : measured.at("layers"))
        if (layer.contains("weight_bits")) {
            ++quantised;
            for (const int b : layer.at("weight_bits").get<std::vector<int>>()) EXPECT_EQ(b, 8);
            EXPECT_EQ(layer.at("weight_bits").size(), layer.at("channels").get<size_t>());
        }
    EXPECT_EQ(quantised, 10);  // conv1, 4 x (depthwise, pointwise), fc
}

}  // namespace
}  // namespace secateur
