// Private header: term helpers shared by the target-dependent costs (flash, latency, energy).
#pragma once

#include <vector>

#include "engine/cost/cost_def.h"

namespace secateur {

// False for a view (reshape, flatten): no code runs and no bytes move.
bool runsCode(const Node& node);
// One Elements term per input and output tensor of the node, each with `coefficient`.
std::vector<CostTerm> touchedElementTerms(const Node& node, double coefficient);
// The elements of the node's inputs and outputs together, batch 1, on a plain network.
double touchedElements(const Node& node, const Graph& graph);
// `terms` with every coefficient multiplied by `factor`, appended to `into`.
void appendScaled(std::vector<CostTerm>& into, std::vector<CostTerm> terms, double factor);

}  // namespace secateur
