// Run files written before the dimension registry still read: a layer's `searches` as a list of
// three booleans (channels, kernels, dilations), the repair's two counters.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "engine/runs/run_summary.h"
#include "engine/runs/run_summary_json.h"

namespace secateur {
namespace {

namespace fs = std::filesystem;

const char* const kOldSummary = R"({
  "name": "old", "task": "synthetic", "dimensions": ["channels", "dilations"], "cost": "macs",
  "strength": 0.2, "cancelled": false, "costs": {"params": 10, "macs": 20},
  "seed": {"costs": {"params": 30, "macs": 40}}, "metrics": {"val_accuracy": 0.5},
  "repair": {"ran": true, "channels_removed": 3, "tap_gates_closed": 1},
  "layers": [{"name": "conv", "kind": "conv", "kept_channels": 2, "total_channels": 4,
              "kernel": [3], "seed_kernel": [5], "dilation": [2], "seed_dilation": [1],
              "searches": [true, false, true]}]
})";

TEST(RunSummaryFormats, ReadsSummariesWrittenBeforeTheDimensionRegistry) {
    const fs::path folder = fs::temp_directory_path() / "secateur_old_summary";
    fs::create_directories(folder);
    std::ofstream(folder / "summary.json") << kOldSummary;
    const RunSummary s = loadRunSummary((folder / "summary.json").string());
    fs::remove_all(folder);
    ASSERT_EQ(s.decisions.layers.size(), 1U);
    const LayerDecision& d = s.decisions.layers[0];
    EXPECT_TRUE(d.searches("channels"));
    EXPECT_FALSE(d.searches("kernels"));
    EXPECT_TRUE(d.searches("dilations"));
    EXPECT_TRUE(s.repair.ran);
    EXPECT_EQ(s.repair.count("channels"), 3);
    EXPECT_EQ(s.repair.count("taps"), 1);
}

TEST(RunSummaryFormats, WritesSearchesKeyedByDimension) {
    LayerDecision d;
    d.node = "conv";
    d.op = "conv";
    d.dimensions["kernels"] = {"kernel 3 (seed 5)"};
    const nlohmann::json j = layerDecisionJson(d);
    const nlohmann::json expected = {{"kernels", {{"summary", "kernel 3 (seed 5)"}}}};
    EXPECT_EQ(j.at("searches"), expected);
    const LayerDecision back = layerDecisionFromJson(j);
    EXPECT_EQ(back.dimensions.at("kernels").summary, "kernel 3 (seed 5)");
    EXPECT_EQ(back.dimensions.size(), 1U);
}

}  // namespace
}  // namespace secateur
