#include "engine/graph/error.h"
#include "engine/search/task_data.h"

namespace secateur {

Task::Task(TaskInfo info, std::shared_ptr<const TaskData> data) : info_(std::move(info)), data_(std::move(data)) {
    if (!data_) throw Error("task '" + info_.name + "' has no data");
}

namespace {

Split makeSplit(const Graph& seed, int64_t size, const std::vector<torch::Tensor>& teachers,
                const std::vector<LossKind>& losses) {
    Split split;
    for (const int x : seed.inputs()) {
        Shape shape = seed.tensor(x).shape;
        shape[0] = size;
        split.inputs.push_back(torch::randn(shape));
    }
    const torch::Tensor flat = split.inputs[0].flatten(1);
    for (size_t o = 0; o < seed.outputs().size(); ++o) {
        const Shape& out = seed.tensor(seed.outputs()[o]).shape;
        if (losses[o] == LossKind::CrossEntropy) {
            split.targets.push_back(flat.matmul(teachers[o]).argmax(1));
        } else if (out == seed.tensor(seed.inputs()[0]).shape) {
            split.targets.push_back(split.inputs[0].clone());
        } else {
            Shape shape = out;
            shape[0] = size;
            split.targets.push_back(torch::tanh(flat.matmul(teachers[o])).view(shape));
        }
    }
    return split;
}

}  // namespace

Task makeSyntheticTask(const Graph& seed, const SyntheticTaskOptions& options) {
    if (seed.inputs().empty() || seed.outputs().empty()) throw Error("the synthetic task needs a network with inputs and outputs");
    torch::manual_seed(options.seed);
    const int64_t features = numel(seed.tensor(seed.inputs()[0]).shape);
    TaskInfo info{"synthetic (random teacher, not real data)", {}, options.trainSize, options.validationSize};
    std::vector<torch::Tensor> teachers;
    for (const int y : seed.outputs()) {
        const Shape& out = seed.tensor(y).shape;
        const bool classes = out.size() == 2 && out[1] > 1;
        info.losses.push_back(classes ? LossKind::CrossEntropy : LossKind::MeanSquaredError);
        teachers.push_back(torch::randn({features, numel(out)}) / std::sqrt(static_cast<double>(features)));
    }
    auto data = std::make_shared<TaskData>();
    data->train = makeSplit(seed, options.trainSize, teachers, info.losses);
    data->validation = makeSplit(seed, options.validationSize, teachers, info.losses);
    return Task(info, data);
}

}  // namespace secateur
