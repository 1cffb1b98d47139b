// Private header: runs a plain IR (no search) with LibTorch, for import checks and references.
#pragma once

#include <torch/torch.h>

#include <vector>

#include "engine/graph/ir.h"

namespace secateur {

// Evaluation mode: batch norms use their running statistics.
std::vector<torch::Tensor> runGraph(const Graph& graph, const std::vector<torch::Tensor>& inputs);

}  // namespace secateur
