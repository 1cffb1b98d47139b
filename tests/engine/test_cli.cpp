// End-to-end: the command-line contract (info, search, export) on seeds written by Python.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "engine/exec/run_graph.h"
#include "engine/graph/serialize.h"
#include "tests/engine/cli_runner.h"

namespace secateur {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class Cli : public testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = fs::temp_directory_path() / "secateur_cli";
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        const std::string command = std::string(SECATEUR_PYTHON) + " " + SECATEUR_SOURCE_DIR +
                                    "/tests/python/seeds.py " + (dir_ / "seeds").string() +
                                    " > /dev/null";
        ASSERT_EQ(std::system(command.c_str()), 0);
    }
    static void TearDownTestSuite() { fs::remove_all(dir_); }

    static CliRun cli(const std::string& args) { return runCli(args, dir_); }
    static std::string seed(const std::string& name) {
        return (dir_ / "seeds" / (name + ".pt")).string();
    }
    static std::string python(const std::string& code) {
        const fs::path out = dir_ / "python.txt";
        const std::string command =
            std::string(SECATEUR_PYTHON) + " -c \"" + code + "\" > " + out.string();
        EXPECT_EQ(std::system(command.c_str()), 0) << code;
        std::ifstream in(out);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }

    static fs::path dir_;
};

fs::path Cli::dir_;

TEST_F(Cli, InfoCountsWhatPyTorchCounts) {
    const CliRun run = cli("info " + seed("resnet") + " --input-shape 1,3,32,32 --json");
    ASSERT_EQ(run.status, 0) << run.err;
    const json info = json::parse(run.out);
    const std::string count = python("import torch; m = torch.jit.load('" + seed("resnet") +
                                     "'); print(sum(p.numel() for p in m.parameters()))");
    EXPECT_EQ(info["total"]["params"].get<int64_t>(), std::stoll(count));
    EXPECT_GT(info["total"]["macs"].get<int64_t>(), 0);
    EXPECT_FALSE(info["layers"].empty());
    EXPECT_EQ(info["layers"][0]["kind"], "conv");
    // The first convolution reads the 3x32x32 input and writes its output shape.
    const json& first = info["layers"][0];
    int64_t output = 1;
    for (const json& d : first["output_shape"]) output *= d.get<int64_t>();
    EXPECT_EQ(first["elements"].get<int64_t>(), 3 * 32 * 32 + output);
}

TEST_F(Cli, SearchWritesAnExportThatMatchesItsSummary) {
    const fs::path out = dir_ / "run_tcn";
    const CliRun run =
        cli("search --seed " + seed("tcn") +
            " --input-shape 1,4,64 --task synthetic --dims channels,kernels,dilations --strength 1"
            " --epochs 2 --warmup 1 --finetune 1 --out " +
            out.string());
    ASSERT_EQ(run.status, 0) << run.err;
    ASSERT_TRUE(fs::exists(out / "final.pt"));
    const json summary = json::parse(std::ifstream(out / "summary.json"));
    EXPECT_TRUE(summary.contains("metrics"));
    EXPECT_FALSE(summary["layers"].empty());
    EXPECT_TRUE(summary["layers"][0].contains("kept_channels"));
    // Our own TorchScript export, imported again, costs what the summary says.
    const CliRun info = cli("info " + (out / "final.pt").string() + " --input-shape 1,4,64 --json");
    ASSERT_EQ(info.status, 0) << info.err;
    const json measured = json::parse(info.out);
    EXPECT_EQ(measured["total"]["params"], summary["params"]);
    EXPECT_EQ(measured["total"]["macs"], summary["macs"]);
    // Python runs the export and gets what the engine's own model gives.
    const Graph model = loadGraph((out / "final.json").string());
    torch::manual_seed(0);
    const torch::Tensor x = torch::randn({2, 4, 64});
    const torch::Tensor expected = runGraph(model, {x})[0];
    {
        std::ofstream in(out / "x.bin", std::ios::binary);
        in.write(reinterpret_cast<const char*>(x.data_ptr<float>()),
                 static_cast<std::streamsize>(x.numel() * 4));
    }
    const std::string command = std::string(SECATEUR_PYTHON) + " " + SECATEUR_SOURCE_DIR +
                                "/tests/python/run_model.py " + (out / "final.pt").string() + " " +
                                (out / "y.bin").string() + " " + (out / "x.bin").string() +
                                ":2,4,64";
    ASSERT_EQ(std::system(command.c_str()), 0);
    torch::Tensor actual = torch::empty_like(expected);
    std::ifstream(out / "y.bin", std::ios::binary)
        .read(reinterpret_cast<char*>(actual.data_ptr<float>()),
              static_cast<std::streamsize>(actual.numel() * 4));
    EXPECT_TRUE(torch::allclose(actual, expected, 1e-4, 1e-5));
}

TEST_F(Cli, SearchRunsTheDefaultProject) {
    const CliRun run = cli(std::string("search ") + SECATEUR_SOURCE_DIR +
                           "/projects/default.json --out " + (dir_ / "default").string());
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_NE(run.err.find("synthetic"), std::string::npos);
    EXPECT_TRUE(fs::exists(dir_ / "default" / "final.pt"));
    const CliRun again =
        cli("export " + (dir_ / "default").string() + " --out " + (dir_ / "again.pt").string());
    EXPECT_EQ(again.status, 0) << again.err;
    EXPECT_TRUE(fs::exists(dir_ / "again.pt"));
}

TEST_F(Cli, SearchMeetsItsLimitsAndReportsThemWithTheTargetsCosts) {
    const fs::path out = dir_ / "run_limits";
    const CliRun info = cli("info --zoo ds_cnn --target cortex-m4 --json");
    ASSERT_EQ(info.status, 0) << info.err;
    const json seedCosts = json::parse(info.out);
    EXPECT_EQ(seedCosts["target"], "cortex-m4");
    for (const char* key : {"flash", "peak_ram", "latency_ms", "energy_uj"}) {
        EXPECT_TRUE(seedCosts["total"].contains(key)) << key;
        EXPECT_TRUE(seedCosts["layers"][0].contains(key)) << key;
    }
    const int64_t flash = seedCosts["total"]["flash"].get<int64_t>() / 3;
    const CliRun run =
        cli("search --zoo ds_cnn --task synthetic --target cortex-m4 --minimize "
            "latency --limit flash=" +
            std::to_string(flash) + " --limit ram=12k --epochs 1 --warmup 0 --finetune 1 --out " +
            out.string());
    ASSERT_EQ(run.status, 0) << run.err;
    const json summary = json::parse(std::ifstream(out / "summary.json"));
    EXPECT_EQ(summary["target"], "cortex-m4");
    EXPECT_EQ(summary["cost"], "latency_ms");
    EXPECT_TRUE(summary["limits_met"].get<bool>());
    ASSERT_EQ(summary["limits"].size(), 2u);
    EXPECT_EQ(summary["limits"][0]["cost"], "flash");
    EXPECT_EQ(summary["limits"][0]["limit"], flash);
    EXPECT_LE(summary["flash"].get<int64_t>(), flash);
    EXPECT_LE(summary["peak_ram"].get<int64_t>(), 12 * 1024);
    EXPECT_TRUE(summary["repair"].contains("ran"));
    const CliRun infeasible =
        cli("search --zoo ds_cnn --task synthetic --limit flash=64 --out " + (dir_ / "x").string());
    EXPECT_EQ(infeasible.status, 1);
    EXPECT_NE(infeasible.err.find("cannot be met"), std::string::npos) << infeasible.err;
    const CliRun badTarget = cli("info --zoo ds_cnn --target cortex-m8");
    EXPECT_NE(badTarget.err.find("did you mean 'cortex-m"), std::string::npos) << badTarget.err;
    const CliRun badLimit =
        cli("search --zoo ds_cnn --limit flash=0 --out " + (dir_ / "x").string());
    EXPECT_NE(badLimit.err.find("must be positive"), std::string::npos) << badLimit.err;
}

TEST_F(Cli, ErrorsNameTheCulpritAndTheWayOut) {
    fs::create_directories(dir_ / "empty");
    const CliRun exportFirst = cli("export " + (dir_ / "empty").string());
    EXPECT_EQ(exportFirst.status, 1);
    EXPECT_NE(exportFirst.err.find("holds no searched network"), std::string::npos)
        << exportFirst.err;
    EXPECT_NE(exportFirst.err.find("secateur search"), std::string::npos) << exportFirst.err;
    const CliRun noShape = cli("info " + seed("resnet"));
    EXPECT_EQ(noShape.status, 1);
    EXPECT_NE(noShape.err.find("--input-shape"), std::string::npos) << noShape.err;
    const CliRun badCost = cli("search --zoo ds_cnn --cost joules --out " + (dir_ / "x").string());
    EXPECT_NE(badCost.err.find("unknown cost 'joules'"), std::string::npos) << badCost.err;
    const CliRun badOption = cli("search --zoo ds_cnn --frobnicate --out " + (dir_ / "x").string());
    EXPECT_NE(badOption.err.find("--frobnicate"), std::string::npos) << badOption.err;
    std::ofstream(dir_ / "notes.pt") << "these are not weights";
    const CliRun notTorchScript =
        cli("info " + (dir_ / "notes.pt").string() + " --input-shape 1,3");
    EXPECT_EQ(notTorchScript.status, 1);
    EXPECT_NE(notTorchScript.err.find("notes.pt"), std::string::npos) << notTorchScript.err;
}

}  // namespace
}  // namespace secateur
