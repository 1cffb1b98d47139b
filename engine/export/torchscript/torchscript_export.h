// Saves a plain IR as a TorchScript module that Python's torch.jit.load runs, with registered
// parameters and buffers and a generated, readable forward.
#pragma once

#include <string>

#include "engine/graph/ir.h"

namespace secateur {

// The generated source of forward (what Python shows as module.code, before compilation).
std::string torchScriptSource(const Graph& graph);
// Writes to a temporary beside `path` and renames, so a failure leaves no half-written file.
void saveTorchScript(const Graph& graph, const std::string& path);

}  // namespace secateur
