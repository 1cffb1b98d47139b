// Device targets and the costs they price: flash at the storage widths, the single-layer latency
// formula, energy, the estimates against MLPerf Tiny's measured latencies (REFERENCES.md), and
// name errors.
#include <gtest/gtest.h>

#include "engine/cost/cost.h"
#include "engine/graph/builder.h"
#include "engine/graph/error.h"
#include "engine/target/target.h"
#include "engine/zoo/zoo.h"

namespace secateur {
namespace {

// One conv 4 -> 8 channels, kernel 3, padding 1, with bias, on [1, 4, 8].
Graph oneConv(bool bias) {
    GraphBuilder b(2);
    const int x = b.input("x", {1, 4, 8});
    ConvOptions o;
    o.padding = {1};
    o.bias = bias;
    b.output(b.conv(x, 8, {3}, o, "conv"));
    return b.build();
}

TEST(Targets, EveryTargetDeclaresItselfAndItsBoards) {
    ASSERT_GE(targetCatalog().size(), 3u);
    EXPECT_EQ(targetNames().front(), kDefaultTarget);
    for (const Target& t : targetCatalog()) {
        EXPECT_FALSE(t.label.empty()) << t.name;
        EXPECT_FALSE(t.latencyError.empty()) << t.name;
        EXPECT_GT(t.clockMhz, 0.0) << t.name;
        EXPECT_GT(t.activePowerMw, 0.0) << t.name;
        for (const BoardPreset& board : t.boards) {
            EXPECT_GT(board.ramBytes, 0) << board.name;
            EXPECT_GT(board.flashBytes, board.ramBytes) << board.name;
        }
        // Tap pruning can turn a standard conv into a pointwise one: the two must cost the same,
        // or the search's estimate and the export's would disagree.
        EXPECT_EQ(t.rate(LayerKind::StandardConv).cyclesPerMac,
                  t.rate(LayerKind::PointwiseConv).cyclesPerMac);
        EXPECT_EQ(t.layerFlash(LayerKind::StandardConv), t.layerFlash(LayerKind::PointwiseConv));
    }
    EXPECT_EQ(target("cortex-m7").boards.front().name, "STM32F746");
}

TEST(Targets, AnUnknownTargetIsNamedWithTheNearestOne) {
    try {
        target("cortex-m8");
        FAIL() << "no error";
    } catch (const Error& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("unknown target 'cortex-m8'"), std::string::npos) << message;
        EXPECT_NE(message.find("did you mean 'cortex-m"), std::string::npos) << message;
        EXPECT_NE(message.find("host"), std::string::npos) << message;
    }
    EXPECT_THROW(measure(oneConv(true), "cortexm7"), Error);
}

TEST(Flash, IsTheStoredBytesAtTheTargetsWidths) {
    // int8: 96 weights, 8 x (int32 bias + 8 bytes of requantisation), one 64-byte descriptor.
    for (const bool bias : {true, false})
        EXPECT_EQ(measure(oneConv(bias), "cortex-m7").total("flash"), 96 + 8 * 12 + 64) << bias;
    // float32: every parameter in 4 bytes.
    for (const ZooEntry& entry : zooModels()) {
        const Measurement m = measure(zooModel(entry.name, 1), "host");
        EXPECT_EQ(m.total("flash"), 4.0 * m.total("params")) << entry.name;
    }
}

TEST(Latency, OneLayerFollowsTheDocumentedFormula) {
    const Graph graph = oneConv(true);
    for (const Target& t : targetCatalog()) {
        const KernelRate& r = t.rate(LayerKind::StandardConv);
        const double macs = 8 * 8 * 4 * 3, elements = 4 * 8 + 8 * 8;
        const double cycles =
            r.cyclesPerMac * macs + r.cyclesPerElement * elements + r.cyclesPerLayer;
        const double ms = cycles / (t.clockMhz * 1000.0);
        const Measurement m = measure(graph, t.name);
        EXPECT_DOUBLE_EQ(m.total("latency_ms"), ms) << t.name;
        const double flash = m.total("flash");
        const double traffic = flash + elements * t.activationBytes;
        EXPECT_DOUBLE_EQ(m.total("energy_uj"),
                         t.activePowerMw * ms + t.energyPerByteNj * 1e-3 * traffic)
            << t.name;
    }
}

// The Cortex-M constants against MLPerf Tiny's measured int8 latencies of the same two networks
// (REFERENCES.md): DS-CNN 17.8-19.1 ms on an STM32F746 (cortex-m7 at 216 MHz) and 43-100 ms on a
// Cortex-M4 at 120 MHz; ResNet-8 40.8 ms on an H7A3 at 280 MHz (52.9 ms scaled to 216 MHz) and
// 165 ms on the L4R5. The stated error is 25 %.
TEST(Latency, CortexMEstimatesAreWithinTheStatedErrorOfMlperfTiny) {
    const auto within = [](double estimate, double low, double high) {
        return estimate >= 0.75 * low && estimate <= 1.25 * high;
    };
    const Graph dsCnn = zooModel("ds_cnn", 1), resnet8 = zooModel("resnet8", 1);
    const double dsM7 = measure(dsCnn, "cortex-m7").total("latency_ms");
    const double dsM4 = measure(dsCnn, "cortex-m4").total("latency_ms");
    const double resM7 = measure(resnet8, "cortex-m7").total("latency_ms");
    const double resM4 = measure(resnet8, "cortex-m4").total("latency_ms");
    EXPECT_TRUE(within(dsM7, 17.8, 19.1)) << dsM7;
    EXPECT_TRUE(within(dsM4, 43.0, 100.0)) << dsM4;
    EXPECT_TRUE(within(resM7, 52.9, 52.9)) << resM7;
    EXPECT_TRUE(within(resM4, 165.0, 165.0)) << resM4;
}

}  // namespace
}  // namespace secateur
