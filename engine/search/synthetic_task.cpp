#include "engine/search/task_data.h"
#include "engine/util/error.h"

namespace secateur {

Task::Task(TaskInfo info, std::shared_ptr<const TaskData> data)
    : info_(std::move(info)), data_(std::move(data)) {
    if (!data_) throw Error("task '" + info_.name + "' has no data");
}

namespace {

constexpr int64_t kLatentClasses = 8;

// A smooth random pattern per latent class, shaped like the input (low resolution, upsampled).
torch::Tensor smoothPatterns(const Shape& input) {
    Shape low{kLatentClasses, input[1]};
    for (size_t d = 2; d < input.size(); ++d) low.push_back(std::min<int64_t>(4, input[d]));
    torch::Tensor p = torch::randn(low);
    if (input.size() == 3) return torch::upsample_linear1d(p, {input[2]}, false);
    if (input.size() == 4) return torch::upsample_bilinear2d(p, {input[2], input[3]}, false);
    return p;
}

struct Teacher {
    torch::Tensor patterns;              // [latent, input dims...]
    std::vector<torch::Tensor> weights;  // per regression output: [latent, output numel]
};

SharedSource makeSplit(const Graph& seed, int64_t size, const Teacher& teacher,
                       const std::vector<LossKind>& losses) {
    Batch split;
    const torch::Tensor latent = torch::randint(kLatentClasses, {size}, torch::kLong);
    for (size_t i = 0; i < seed.inputs().size(); ++i) {
        Shape shape = seed.tensor(seed.inputs()[i]).shape;
        shape[0] = size;
        torch::Tensor x = torch::randn(shape);
        if (i == 0) x = 0.7 * x + teacher.patterns.index_select(0, latent);
        split.inputs.push_back(x);
    }
    const torch::Tensor oneHot = torch::one_hot(latent, kLatentClasses).to(torch::kFloat32);
    for (size_t o = 0; o < seed.outputs().size(); ++o) {
        Shape out = seed.tensor(seed.outputs()[o]).shape;
        out[0] = size;
        if (losses[o] == LossKind::CrossEntropy) {
            split.targets.push_back(latent.remainder(out[1]));
        } else if (out == split.inputs[0].sizes().vec()) {
            split.targets.push_back(split.inputs[0].clone());
        } else {
            split.targets.push_back(torch::tanh(oneHot.matmul(teacher.weights[o])).view(out));
        }
    }
    return std::make_shared<TensorSource>(std::move(split));
}

}  // namespace

Task makeSyntheticTask(const Graph& seed, const SyntheticTaskOptions& options) {
    if (seed.inputs().empty() || seed.outputs().empty())
        throw Error("the synthetic task needs a network with inputs and outputs");
    torch::manual_seed(options.seed);
    TaskInfo info;
    info.name = "synthetic (class patterns in noise, not real data)";
    info.trainSize = options.trainSize;
    info.validationSize = options.validationSize;
    info.dataKey = "synthetic-" + std::to_string(options.trainSize) + "-" +
                   std::to_string(options.validationSize) + "-" + std::to_string(options.seed);
    Teacher teacher{smoothPatterns(seed.tensor(seed.inputs()[0]).shape), {}};
    for (const int y : seed.outputs()) {
        const Shape& out = seed.tensor(y).shape;
        const bool classes =
            out.size() == 2 && out[1] > 1 && out != seed.tensor(seed.inputs()[0]).shape;
        info.losses.push_back(classes ? LossKind::CrossEntropy : LossKind::MeanSquaredError);
        teacher.weights.push_back(torch::randn({kLatentClasses, numel(out)}));
    }
    if (info.losses.front() != LossKind::CrossEntropy) {
        info.metric = "mae";
        info.lowerIsBetter = true;
    }
    auto data = std::make_shared<TaskData>();
    data->train = makeSplit(seed, options.trainSize, teacher, info.losses);
    data->validation = makeSplit(seed, options.validationSize, teacher, info.losses);
    return Task(info, data);
}

}  // namespace secateur
