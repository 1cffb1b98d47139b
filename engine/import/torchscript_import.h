// Imports a network saved in Python with torch.jit.save (of torch.jit.trace or torch.jit.script)
// into the IR. See docs/import.md for the supported ops and the error messages.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/graph/ir.h"

namespace secateur {

struct ImportOptions {
    // One shape per network input, with the batch dimension first; required.
    std::vector<Shape> inputShapes;
    // Submodule paths (e.g. "features.0" or "classifier") whose nodes are marked Node::frozen.
    std::vector<std::string> frozenModules;
    // Submodule paths kept whole: each becomes one opaque node running its frozen TorchScript
    // code (any ops inside, LSTMs too); its channels are never pruned. See docs/import.md.
    std::vector<std::string> keepWhole;
};

// A submodule by its path (as model.named_modules() gives it) with its parameter count.
struct SubmoduleInfo {
    std::string path;
    int64_t params = 0;
};

// What an import found besides the graph.
struct ImportReport {
    // Submodules whose parameters never reach an output (a classifier forward skips): not
    // counted, not exported. The outermost such modules only.
    std::vector<SubmoduleInfo> unused;
};

// The submodules of a TorchScript file (paths as model.named_modules() gives them) with their
// parameter counts, in path order: what --keep-whole can name. Throws like importTorchScript.
std::vector<SubmoduleInfo> listSubmodules(const std::string& path);

// Loads the file (never writing to it), freezes and inlines `forward`, folds shape arithmetic for
// the given input shapes and maps every op to IR nodes. Throws secateur::Error naming the file,
// op and source line of the first problem.
Graph importTorchScript(const std::string& path, const ImportOptions& options,
                        ImportReport* report = nullptr);

}  // namespace secateur
