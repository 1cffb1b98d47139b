// Private header: runs a Space's network with its current decisions applied.
#pragma once

#include <torch/torch.h>

#include <vector>

#include "engine/space/space_impl.h"

namespace secateur {

// `masks` are SpaceImpl::stepMasks() of this step, shared with the cost so both see the same
// decisions. Pruned channels are exactly zero wherever they appear; pruned taps are zeroed in the
// weights. Gradients reach the weights and the architecture parameters.
std::vector<torch::Tensor> runSearchable(const SpaceImpl& space,
                                         const std::vector<torch::Tensor>& inputs,
                                         const StepMasks& masks, bool training);

}  // namespace secateur
