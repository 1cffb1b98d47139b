// Saving and loading the IR itself: `PATH` holds the structure as JSON and `PATH.bin` the weights
// (float32, little-endian, in the order the JSON lists them). Both are written atomically.
#pragma once

#include <string>

#include "engine/graph/ir.h"

namespace secateur {

void saveGraph(const Graph& graph, const std::string& path);
// Throws an Error naming the file and the field at fault.
Graph loadGraph(const std::string& path);

// Writes `contents` to a temporary beside `path`, then renames it over `path`.
void writeFileAtomically(const std::string& path, const std::string& contents);
// A name part no other process, thread or call uses at the same time (for temporaries).
std::string uniqueSuffix();

}  // namespace secateur
