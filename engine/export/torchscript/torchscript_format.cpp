// The TorchScript format: a module with the network's parameters and a generated forward, for
// Python's torch.jit.load and LibTorch (engine/export/torchscript_export.cpp writes it).
#include "engine/export/format_def.h"
#include "engine/export/torchscript/torchscript_export.h"

namespace secateur {
namespace {

class TorchScriptFormat final : public FormatDef {
public:
    FormatInfo info() const override {
        return {"torchscript", "TorchScript",
                "A TorchScript module for Python (torch.jit.load) and LibTorch, float32", ".pt"};
    }
    void write(const Graph& graph, const std::string& path) const override {
        saveTorchScript(graph, path);
    }
};

}  // namespace

void registerTorchScriptFormat(FormatRegistry& registry) {
    registry.add(std::make_shared<TorchScriptFormat>());
}

}  // namespace secateur
