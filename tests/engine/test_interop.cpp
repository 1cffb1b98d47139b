// Invariant 5: TorchScript exports load and run in Python's torch.jit.load with the same outputs.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "engine/exec/run_graph.h"
#include "engine/export/prune.h"
#include "engine/export/torchscript/torchscript_export.h"
#include "engine/zoo/zoo.h"
#include "tests/engine/test_support.h"

namespace secateur {
namespace {

namespace fs = std::filesystem;

void writeRaw(const torch::Tensor& t, const fs::path& path) {
    const torch::Tensor c = t.contiguous();
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(c.data_ptr<float>()),
              static_cast<std::streamsize>(c.numel() * 4));
}

std::string joinShape(const torch::Tensor& t) {
    std::string s;
    for (const int64_t d : t.sizes()) s += (s.empty() ? "" : ",") + std::to_string(d);
    return s;
}

// Runs `model` in Python on `inputs`; returns the outputs shaped like `like`.
std::vector<torch::Tensor> runInPython(const fs::path& model,
                                       const std::vector<torch::Tensor>& inputs,
                                       const std::vector<torch::Tensor>& like) {
    const fs::path dir = model.parent_path();
    std::string command = std::string(SECATEUR_PYTHON) + " " + SECATEUR_SOURCE_DIR +
                          "/tests/python/run_model.py " + model.string() + " " +
                          (dir / "out.bin").string();
    for (size_t i = 0; i < inputs.size(); ++i) {
        const fs::path in = dir / ("in" + std::to_string(i) + ".bin");
        writeRaw(inputs[i], in);
        command += " " + in.string() + ":" + joinShape(inputs[i]);
    }
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
    std::ifstream in(dir / "out.bin", std::ios::binary);
    std::vector<torch::Tensor> outputs;
    for (const auto& y : like) {
        torch::Tensor t = torch::empty_like(y);
        in.read(reinterpret_cast<char*>(t.data_ptr<float>()),
                static_cast<std::streamsize>(t.numel() * 4));
        outputs.push_back(t);
    }
    EXPECT_TRUE(in.good()) << "Python wrote fewer outputs than expected";
    return outputs;
}

TEST(Interop, ExportsRunInPythonWithTheSameOutputs) {
    const fs::path dir = fs::temp_directory_path() / "secateur_interop";
    fs::create_directories(dir);
    for (const ZooEntry& entry : zooModels()) {
        SCOPED_TRACE(entry.name);
        const Graph seed = zooModel(entry.name, 3);
        Space space(seed, {Dimension{"channels"}, Dimension{"kernels"}, Dimension{"dilations"}});
        space.randomizeDecisions(9, 0.5);
        const Graph exported = exportPruned(space);
        const fs::path model = dir / (entry.name + ".pt");
        saveTorchScript(exported, model.string());
        const auto inputs = randomInputs(seed, 2, 4);
        const auto expected = runSearchableEval(space, inputs);
        expectAllClose(expected, runInPython(model, inputs, expected), "python");
    }
    fs::remove_all(dir);
}

}  // namespace
}  // namespace secateur
