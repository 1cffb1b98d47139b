// `secateur dims` and `--dims`: the command line reads the dimension registry.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

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

}  // namespace
}  // namespace secateur
