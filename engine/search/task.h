// A supervised task as the trainer consumes it: train, validation and (optional) test splits as
// batch sources, a loss per output and the metrics that judge it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/graph/ir.h"

namespace secateur {

enum class LossKind { CrossEntropy, MeanSquaredError };

struct TaskInfo {
    std::string name;
    std::vector<LossKind> losses;  // one per network output
    int64_t trainSize = 0, validationSize = 0, testSize = 0;
    std::string dataKey;  // changes whenever the data or its features change (caches key on it)
    Shape sampleShape;    // one input sample without the batch (real data; empty: synthetic)
    std::vector<std::string> classes;  // names of the first classifier output's classes, if known
    std::vector<double> classWeights;  // cross-entropy weight per class (empty: all 1)
    std::string metric = "accuracy";   // the headline metric (accuracy, macro_f1, mae, ...)
    bool lowerIsBetter = false;        // true for errors such as mae
};

class TaskData;  // engine/search/task_data.h (LibTorch tensors)

class Task {
public:
    Task(TaskInfo info, std::shared_ptr<const TaskData> data);
    const TaskInfo& info() const { return info_; }
    const TaskData& data() const { return *data_; }

private:
    TaskInfo info_;
    std::shared_ptr<const TaskData> data_;
};

struct SyntheticTaskOptions {
    int64_t trainSize = 512, validationSize = 256;
    uint64_t seed = 1;
};

// A built-in SYNTHETIC task (not real data) for tests and demos: each sample hides one of 8
// smooth random patterns in Gaussian noise, shaped like the seed's first input. Targets: the
// pattern's class (modulo K) for [N, K] classifier outputs, a fixed function of the class for
// regression outputs, the input itself for autoencoders. It has no test split.
Task makeSyntheticTask(const Graph& seed, const SyntheticTaskOptions& options = {});

}  // namespace secateur
