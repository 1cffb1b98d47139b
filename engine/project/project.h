// A project: the seed, the task, the search dimensions and budgets, as one JSON file.
#pragma once

#include <string>
#include <vector>

#include "engine/graph/ir.h"
#include "engine/search/search.h"
#include "engine/search/task.h"

namespace secateur {

struct SeedSource {
    std::string zoo;                 // a zoo model name, or
    std::string torchscript;         // a TorchScript file (relative paths: to the project file)
    std::vector<Shape> inputShapes;  // required for TorchScript
    std::vector<std::string> frozenModules;
    std::vector<std::string> keepWhole;  // submodules imported as opaque nodes (--keep-whole)
};

// Device memory limits in kB (0: none). Stored with the project and drawn by the studio; the
// search enforces them once the flash and RAM cost models land.
struct Targets {
    double flashKb = 0.0;
    double ramKb = 0.0;
};

struct Project {
    std::string name = "untitled";
    SeedSource seed;
    std::string task = "synthetic";
    SearchOptions search;
    Targets targets;
    // The project's run history: run folders (relative paths in the file: to the project file).
    std::vector<std::string> runs;

    // Throws an Error naming the file and the field at fault.
    static Project load(const std::string& path);
    void save(const std::string& path) const;
    // The text save(path) writes (run folders relative to path's folder).
    std::string toJson(const std::string& path) const;
    Graph loadSeed() const;
    // The data this project searches on, shaped for `seed` (for now the synthetic task: 512
    // training and 256 validation samples, seeded with the search seed).
    Task makeTask(const Graph& seed) const;
};

// "1,3,32,32" -> {1,3,32,32}; several inputs separated by ';'. Throws naming the bad text.
std::vector<Shape> parseShapes(const std::string& text);

}  // namespace secateur
