// Bad input gets a clear error that names the culprit and the way out; the seed stays unchanged.
#include <gtest/gtest.h>

#include <filesystem>

#include "engine/export/prune.h"
#include "engine/graph/builder.h"
#include "engine/graph/serialize.h"
#include "engine/util/error.h"
#include "engine/zoo/zoo.h"
#include "tests/engine/test_support.h"

namespace secateur {
namespace {

Graph convNet() {
    GraphBuilder b;
    const int x = b.input("x", {1, 3, 16, 16});
    const int y = b.conv(x, 8, {1, 1}, {}, "pointwise");
    ConvOptions padded;
    padded.padding = {1};
    b.output(b.conv(y, 4, {3, 3}, padded, "spatial"));
    return b.build();
}

TEST(Errors, KernelsOnAOneByOneConvNamesTheLayer) {
    const std::string message = errorOf([] {
        Space(convNet(), {Dimension{"kernels", {"pointwise"}, {}}});
    });
    EXPECT_NE(message.find("pointwise"), std::string::npos) << message;
    EXPECT_NE(message.find("nothing to shrink"), std::string::npos) << message;
}

TEST(Errors, DilationsOnAConv2dAndUnknownLayers) {
    EXPECT_NE(errorOf([] {
                  Space(convNet(), {Dimension{"dilations", {"spatial"}, {}}});
              }).find("Conv1d only"),
              std::string::npos);
    EXPECT_NE(errorOf([] {
                  Space(convNet(), {Dimension{"channels", {"nope"}, {}}});
              }).find("no layer named 'nope'"),
              std::string::npos);
}

TEST(Errors, UnknownDimensionAndModel) {
    EXPECT_NE(errorOf([] { parseDimension("bits"); }).find("known: channels, kernels, dilations"),
              std::string::npos);
    EXPECT_NE(errorOf([] { zooModel("nope"); }).find("ds_cnn"), std::string::npos);
}

TEST(Errors, WrongInputShapeNamesTheInputAndTheExpectedShape) {
    const Space space(convNet(), {Dimension{"channels"}});
    const std::string message = errorOf([&] {
        runSearchableEval(space, {torch::randn({2, 5, 16, 16})});
    });
    EXPECT_NE(message.find("'x'"), std::string::npos) << message;
    EXPECT_NE(message.find("[1, 3, 16, 16]"), std::string::npos) << message;
    const std::string shapes = errorOf([] {
        Graph g = convNet();
        g.setInputShapes({{1, 5, 16, 16}});
    });
    EXPECT_NE(shapes.find("pointwise"), std::string::npos) << shapes;
    EXPECT_NE(shapes.find("expects 3 input channels"), std::string::npos) << shapes;
}

TEST(Errors, TheSeedIsNeverModified) {
    const Graph seed = zooModel("resnet8");
    const std::string before = std::filesystem::temp_directory_path() / "secateur_seed_before.json";
    saveGraph(seed, before);
    Space space(seed, {Dimension{"channels"}, Dimension{"kernels"}});
    space.randomizeDecisions(1);
    exportPruned(space);
    const std::string after = std::filesystem::temp_directory_path() / "secateur_seed_after.json";
    saveGraph(seed, after);
    const auto read = [](const std::string& p) {
        std::ifstream in(p, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    };
    EXPECT_EQ(read(before + ".bin"), read(after + ".bin"));
    EXPECT_EQ(read(before), read(after));
}

TEST(Errors, ModelFilesRoundTripAndBadOnesAreNamed) {
    const Graph seed = zooModel("two_head_net");
    const std::string path = std::filesystem::temp_directory_path() / "secateur_roundtrip.json";
    saveGraph(seed, path);
    const Graph loaded = loadGraph(path);
    const auto inputs = randomInputs(seed, 2, 1);
    expectAllClose(runSearchableEval(Space(seed, {}), inputs),
                   runSearchableEval(Space(loaded, {}), inputs), "reloaded", 0.0);
    std::ofstream(path) << "{\"format\": \"something-else\"}";
    EXPECT_NE(errorOf([&] { loadGraph(path); }).find("field 'format'"), std::string::npos);
    EXPECT_NE(errorOf([] { loadGraph("/nonexistent/model.json"); }).find("/nonexistent/model.json"),
              std::string::npos);
}

}  // namespace
}  // namespace secateur
