// Export formats of a searched network, from the open format registry (engine/export/formats.cpp).
// Plain data and free of LibTorch, for the CLI and the studio's export dialog.
#pragma once

#include <string>
#include <vector>

#include "engine/graph/ir.h"

namespace secateur {

// What a registered format declares about itself.
struct FormatInfo {
    std::string name;         // machine name: "torchscript"
    std::string label;        // for menus: "TorchScript"
    std::string description;  // one sentence: who reads it
    std::string extension;    // of the file written: ".pt"
};

// Every registered format, in registration order.
const std::vector<FormatInfo>& formatCatalog();
std::vector<std::string> formatNames();
// Throws an Error naming the unknown format, the nearest known one and all of them.
const FormatInfo& formatInfo(const std::string& name);
// Writes `graph` in `format` to `path`, atomically (a failure leaves no half-written file).
void writeFormat(const Graph& graph, const std::string& format, const std::string& path);

}  // namespace secateur
