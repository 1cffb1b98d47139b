// Seeds written by a Python script (Debian's python3 with torch) once per test program, into a
// temporary folder removed when the program ends, and what LibTorch computes from them.
#pragma once

#include <gtest/gtest.h>
#include <torch/script.h>
#include <torch/torch.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/graph/ir.h"

namespace secateur {

// Removes `folder()` when the test program ends (register with AddGlobalTestEnvironment).
class RemoveAtExit : public ::testing::Environment {
public:
    explicit RemoveAtExit(std::filesystem::path (*folder)()) : folder_(folder) {}
    void TearDown() override {
        std::error_code ignored;
        std::filesystem::remove_all(folder_(), ignored);
    }

private:
    std::filesystem::path (*folder_)();
};

// Runs tests/python/SCRIPT FOLDER (FOLDER created first; output in FOLDER/log.txt). A failure is
// reported to the running test, not thrown, so that every test using the folder says why.
inline std::filesystem::path runPythonScript(const std::string& script,
                                             const std::filesystem::path& folder) {
    std::filesystem::create_directories(folder);
    const std::string cmd = std::string(SECATEUR_PYTHON) + " " + SECATEUR_SOURCE_DIR +
                            "/tests/python/" + script + " " + folder.string() + " > " +
                            (folder / "log.txt").string() + " 2>&1";
    if (std::system(cmd.c_str()) != 0)
        ADD_FAILURE() << script << " failed: see " << folder / "log.txt";
    return folder;
}

// `shapes` with batch size `batch`.
inline std::vector<Shape> withBatch(std::vector<Shape> shapes, int64_t batch) {
    for (Shape& s : shapes) s[0] = batch;
    return shapes;
}

// What the TorchScript file at `path` computes for `inputs` in LibTorch itself (the reference).
inline std::vector<torch::Tensor> referenceOutputs(const std::string& path,
                                                   const std::vector<torch::Tensor>& inputs) {
    torch::jit::Module module = torch::jit::load(path);
    module.eval();
    std::vector<torch::jit::IValue> args(inputs.begin(), inputs.end());
    torch::NoGradGuard noGrad;
    const torch::jit::IValue out = module.forward(args);
    std::vector<torch::Tensor> result;
    if (out.isTuple()) {
        for (const auto& v : out.toTuple()->elements()) result.push_back(v.toTensor());
    } else {
        result.push_back(out.toTensor());
    }
    return result;
}

}  // namespace secateur
