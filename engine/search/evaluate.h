// Private header: the task loss, and metrics of a network over a whole split, run in batches.
#pragma once

#include <torch/torch.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "engine/data/batch_source.h"
#include "engine/search/task.h"

namespace secateur {

// Mean loss over the outputs' samples: (weighted) cross-entropy for classes, MSE otherwise.
torch::Tensor taskLoss(const std::vector<torch::Tensor>& outputs,
                       const std::vector<torch::Tensor>& targets, const TaskInfo& info);

struct Evaluation {
    // "loss", then per classifier output "accuracy", "balanced_accuracy", "macro_f1" and per
    // regression output "mae" (with "_i" after the name when the network has several outputs).
    std::map<std::string, double> metrics;
    std::vector<std::vector<int64_t>> confusion;  // of the first classifier output
};

using Forward = std::function<std::vector<torch::Tensor>(const std::vector<torch::Tensor>&)>;

// Runs `forward` without gradients over `source` in consecutive batches; with `limit` > 0, over
// `limit` samples evenly spread across the split (quick checks only).
Evaluation evaluate(const Forward& forward, const BatchSource& source, const TaskInfo& info,
                    int64_t limit = 0, int64_t batchSize = 256);

}  // namespace secateur
