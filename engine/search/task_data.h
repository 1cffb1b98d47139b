// Private header: the tensors of a task.
#pragma once

#include <torch/torch.h>

#include <vector>

#include "engine/search/task.h"

namespace secateur {

struct Split {
    std::vector<torch::Tensor> inputs;   // one per network input, batch first
    std::vector<torch::Tensor> targets;  // one per network output
};

class TaskData {
public:
    Split train, validation;
};

}  // namespace secateur
