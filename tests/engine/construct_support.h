// Helpers of the construct tests (test_constructs.cpp, test_kept_whole.cpp): the seeds that
// tests/python/constructs.py writes once per test program, their lists, and the checks each
// test runs per seed.
#pragma once

#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "engine/graph/ir.h"

namespace secateur::construct_tests {

namespace fs = std::filesystem;

struct Seed {
    std::string name;
    std::vector<Shape> shapes;           // batch 1
    std::string expected;                // failing seeds: what the error must contain
    std::vector<std::string> keepWhole;  // modules imported as opaque nodes
};

struct ShellResult {
    int status;
    std::string out, err;
};

// A finished search of one seed, waiting for Python to run its export.
struct Searched {
    std::string name;
    fs::path dir;
    torch::Tensor expected;  // the engine's output of the exported network
};

const fs::path& constructDir();  // runs constructs.py once for the whole test program
std::string seedFile(const std::string& name);
ShellResult shell(const std::string& command);
ShellResult cli(const std::string& args);  // the secateur command-line tool
// Lines of "NAME 1x3x16 [1x2x8x8 ...] [EXPECTED...]".
std::vector<Seed> readList(const std::string& file);
// PyTorch's counts of one seed at batch 1 (counts.txt).
struct TorchCounts {
    int64_t params = 0;  // sum(p.numel() for p in model.parameters())
    int64_t macs = 0;
    int64_t unused = 0;  // parameters of the modules whose forward never runs
};
std::map<std::string, TorchCounts> readCounts();
// keep_whole.txt: "NAME 1x3x16 MODULE[,MODULE] PARAMS MACS", with the counts.
std::vector<std::pair<Seed, std::pair<int64_t, int64_t>>> readKeepWhole();
std::string shapeArg(const Shape& shape);  // the --input-shape argument: 1,3,16
std::string importError(const std::string& path, const std::vector<Shape>& shapes);
Graph importAt(const Seed& seed, int64_t batch);
torch::Tensor readFloats(const fs::path& path, const torch::Tensor& like);

// Imports the seed at the batch and compares runGraph with torch::jit on random inputs.
void checkImport(const Seed& seed, int64_t batch);
// Invariants 1-3 (docs/architecture.md) on the imported seed, nothing pruned and random decisions.
void checkInvariants(const Seed& seed);
// Searches the seed for two epochs, exports it and checks the export's costs; queues the
// comparison with Python in `jobs` (tests/python/run_model.py --list).
void searchAndExport(const Seed& seed, std::vector<Searched>& searched, std::ofstream& jobs);
// Runs the queued jobs in one Python process and compares each output with the engine's.
void expectPythonAgrees(const fs::path& jobs, const std::vector<Searched>& searched);

}  // namespace secateur::construct_tests
