// Saving and loading the IR itself: `PATH` holds the structure as JSON and `PATH.bin` the weights
// (float32, little-endian, in the order the JSON lists them). Both are written atomically.
#pragma once

#include <string>

#include "engine/graph/ir.h"

namespace secateur {

void saveGraph(const Graph& graph, const std::string& path);
// Throws an Error naming the file and the field at fault.
Graph loadGraph(const std::string& path);

}  // namespace secateur
