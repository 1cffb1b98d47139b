// The per-layer table that `info` and `search` print, and its JSON form.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "engine/graph/ir.h"

namespace secateur::cli {

// One column per registered cost, headed by its label, and a total row.
void printLayerTable(const Graph& graph, const std::string& target, std::ostream& out);
nlohmann::json layersJson(const Graph& graph, const std::string& target);

}  // namespace secateur::cli
