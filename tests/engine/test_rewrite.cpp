// Graph rewrites into the form an import of an export has (graph/rewrite.h): each keeps what the
// network computes and changes its form as the TorchScript importer would.
#include <gtest/gtest.h>

#include "engine/exec/run_graph.h"
#include "engine/graph/builder.h"
#include "engine/graph/rewrite.h"
#include "tests/engine/test_support.h"

namespace secateur {
namespace {

std::string ops(const Graph& g) {
    std::string list;
    for (const Node& node : g.nodes()) list += (list.empty() ? "" : " ") + node.op;
    return list;
}

void expectSameOutputs(const Graph& a, const Graph& b) {
    const auto inputs = randomInputs(a, 2, 5);
    expectAllClose(runGraph(a, inputs), runGraph(b, inputs), "rewritten");
}

TEST(Rewrite, aZeroPadOneConvReadsFoldsIntoItsPadding) {
    GraphBuilder b;
    const int x = b.input("x", {1, 3, 20});
    const int padded = b.pad(x, {2, 0}, "constant", 0.0, "causal");
    b.output(b.conv(padded, 4, {3}, {}, "conv"));
    const Graph seed = b.build();
    const Graph folded = foldPadsIntoConvs(seed);
    EXPECT_EQ(ops(folded), "conv");
    EXPECT_EQ(folded.nodes()[0].attrs.getInts("padding_begin"), (std::vector<int64_t>{2}));
    EXPECT_EQ(folded.nodes()[0].attrs.getInts("padding_end"), (std::vector<int64_t>{0}));
    expectSameOutputs(seed, folded);
}

TEST(Rewrite, padsThatAreNotAConvsOwnStayNodes) {
    GraphBuilder b;
    const int x = b.input("x", {1, 3, 20});
    const int twice = b.pad(x, {1, 1}, "constant", 0.0, "read_twice");
    const int valued = b.pad(x, {1, 1}, "constant", 0.5, "valued");
    const int reflected = b.pad(x, {1, 1}, "reflect", 0.0, "reflected");
    const int a = b.conv(twice, 4, {3}, {}, "a");
    const int c = b.conv(twice, 4, {3}, {}, "c");
    const int d = b.conv(valued, 4, {3}, {}, "d");
    const int e = b.conv(reflected, 4, {3}, {}, "e");
    b.output(b.add(b.add(a, c), b.add(d, e)));
    const Graph seed = b.build();
    EXPECT_EQ(ops(foldPadsIntoConvs(seed)), ops(seed));
}

TEST(Rewrite, idleNodesGo) {
    GraphBuilder b;
    const int x = b.input("x", {1, 8});
    const int dropout = b.activation("identity", x, "dropout");
    const int unread = b.activation("relu", b.linear(dropout, 5, true, "dead_linear"), "dead");
    (void)unread;
    b.output(b.linear(dropout, 3, true, "head"));
    const Graph seed = b.build();
    const Graph kept = withoutIdleNodes(seed);
    EXPECT_EQ(ops(kept), "linear");
    EXPECT_EQ(kept.nodes()[0].name, "head");
    expectSameOutputs(seed, kept);
}

TEST(Rewrite, clampsAreNamedAsAnImportNamesThem) {
    GraphBuilder b;
    const int x = b.input("x", {1, 8});
    const int r6 = b.clamp(x, 0.0, 6.0, "to_relu6");
    const int r = b.clamp(r6, 0.0, std::nullopt, "to_relu");
    b.output(b.clamp(r, -1.0, 1.0, "stays"));
    const Graph seed = b.build();
    const Graph canonical = canonicalGraph(seed);
    EXPECT_EQ(ops(canonical), "relu6 relu clamp");
    expectSameOutputs(seed, canonical);

    GraphBuilder unbounded;
    const int y = unbounded.input("y", {1, 8});
    unbounded.output(unbounded.linear(unbounded.clamp(y, std::nullopt, std::nullopt, "none"), 2));
    EXPECT_EQ(ops(canonicalGraph(unbounded.build())), "linear");
}

}  // namespace
}  // namespace secateur
