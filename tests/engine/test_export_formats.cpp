// The export-format registry and the TorchScript writer's table: every op kind the engine knows
// has a writer, the table holds nothing else, and an op without one is refused by name.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "engine/export/format.h"
#include "engine/export/torchscript/emitter.h"
#include "engine/graph/ops/op.h"
#include "engine/util/error.h"

namespace secateur {
namespace {

TEST(ExportFormats, everyOpKindHasATorchScriptWriter) {
    const EmitterTable& table = torchScriptEmitters();
    for (const std::string& kind : builtinOps().names()) {
        const auto it = table.find(kind);
        ASSERT_NE(it, table.end()) << "op '" << kind << "' has no TorchScript writer";
        EXPECT_TRUE(it->second.lines) << kind;
    }
    const std::vector<std::string> ops = builtinOps().names();
    for (const auto& [kind, emitter] : table)
        EXPECT_NE(std::find(ops.begin(), ops.end(), kind), ops.end())
            << "TorchScript writer for op '" << kind << "', which no op family registers";
}

TEST(ExportFormats, onlyOpaqueNodesEmbedAModule) {
    for (const auto& [kind, emitter] : torchScriptEmitters())
        EXPECT_EQ(static_cast<bool>(emitter.embeddedModule), kind == "opaque") << kind;
}

TEST(ExportFormats, anOpWithoutAWriterIsRefusedByNodeAndOp) {
    Node node;
    node.name = "block.3";
    node.op = "mystery_op";
    try {
        emitterFor(node);
        FAIL() << "expected an Error";
    } catch (const Error& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("block.3"), std::string::npos) << message;
        EXPECT_NE(message.find("mystery_op"), std::string::npos) << message;
    }
}

TEST(ExportFormats, theCatalogListsTorchScriptAndSuggestsNames) {
    const std::vector<std::string> names = formatNames();
    EXPECT_NE(std::find(names.begin(), names.end(), "torchscript"), names.end());
    EXPECT_EQ(formatInfo("torchscript").extension, ".pt");
    try {
        formatInfo("torchscrpt");
        FAIL() << "expected an Error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("torchscript"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace secateur
