// An exported file is the truth (invariant 3, docs/architecture.md): an exported network written
// as TorchScript and imported again from the file costs, on every target, what the search reported
// for it.
#pragma once

#include <cctype>
#include <string>
#include <vector>

#include "engine/cost/cost.h"
#include "engine/export/torchscript/torchscript_export.h"
#include "engine/import/torchscript_import.h"
#include "tests/engine/test_support.h"

namespace secateur {

// Imports a TorchScript file the engine wrote for `exported`: at its input shapes, with its
// opaque nodes' submodules (`NAME_module`) kept whole again.
inline Graph importExported(const Graph& exported, const std::string& file) {
    ImportOptions options;
    for (const int x : exported.inputs()) options.inputShapes.push_back(exported.tensor(x).shape);
    for (const Node& node : exported.nodes()) {
        if (node.op != "opaque") continue;
        std::string id;
        for (const char c : node.name) id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
        options.keepWhole.push_back(id + "_module");
    }
    return importTorchScript(file, options);
}

// Writes `exported` to `file`, imports the file and lists what differs ("" entries never): the
// op of every node, the weight bits of quantised layers, and every registered cost on every
// registered target against measure(exported), the value the search reports.
inline std::vector<std::string> fileRoundTripProblems(const Graph& exported,
                                                      const std::string& file) {
    std::vector<std::string> problems;
    Graph imported;
    try {
        saveTorchScript(exported, file);
        imported = importExported(exported, file);
    } catch (const std::exception& e) {
        return {std::string("write and import: ") + e.what()};
    }
    const auto ops = [](const Graph& g) {
        std::string list;
        for (const Node& node : g.nodes()) list += (list.empty() ? "" : " ") + node.op;
        return list;
    };
    if (ops(exported) != ops(imported))
        problems.push_back("nodes: exported [" + ops(exported) + "], file [" + ops(imported) + "]");
    // The bits of quantised layers come back from the file.
    const auto bits = [](const Node& node) {
        return node.attrs.has("weight_bits") ? node.attrs.getInts("weight_bits")
                                             : std::vector<int64_t>{};
    };
    if (ops(exported) == ops(imported))
        for (size_t n = 0; n < exported.nodes().size(); ++n)
            if (bits(exported.nodes()[n]) != bits(imported.nodes()[n]))
                problems.push_back("weight bits of " + exported.nodes()[n].name + ": " +
                                   std::to_string(bits(exported.nodes()[n]).size()) +
                                   " channels exported, " +
                                   std::to_string(bits(imported.nodes()[n]).size()) + " read back");
    for (const std::string& device : targetNames()) {
        const Measurement expected = measure(exported, device), actual = measure(imported, device);
        for (const std::string& cost : costNames()) {
            if (costsAgree(cost, expected.total(cost), actual.total(cost))) continue;
            std::string layers;  // where they differ, when the nodes line up
            if (ops(exported) == ops(imported))
                for (size_t n = 0; n < exported.nodes().size(); ++n) {
                    const double a = expected.layers[n].costs.count(cost)
                                         ? expected.layers[n].costs.at(cost)
                                         : 0.0;
                    const double b =
                        actual.layers[n].costs.count(cost) ? actual.layers[n].costs.at(cost) : 0.0;
                    if (!costsAgree(cost, a, b))
                        layers += " " + exported.nodes()[n].name + " (" + std::to_string(a) +
                                  " vs " + std::to_string(b) + ")";
                }
            problems.push_back(cost + " on " + device + ": search " +
                               std::to_string(expected.total(cost)) + ", file " +
                               std::to_string(actual.total(cost)) +
                               (layers.empty() ? "" : "; layers:" + layers));
        }
    }
    return problems;
}

// The gtest form: one failure listing the problems.
inline void expectFileCostsWhatTheSearchSaid(const Graph& exported, const std::string& file) {
    const std::vector<std::string> problems = fileRoundTripProblems(exported, file);
    std::string text;
    for (const std::string& p : problems) text += "\n  " + p;
    EXPECT_TRUE(problems.empty()) << file << ":" << text;
}

}  // namespace secateur
