#include "engine/search/evaluate.h"

#include "engine/search/metrics.h"

namespace secateur {

torch::Tensor taskLoss(const std::vector<torch::Tensor>& outputs,
                       const std::vector<torch::Tensor>& targets, const TaskInfo& info) {
    torch::Tensor loss = torch::zeros({});
    for (size_t i = 0; i < outputs.size(); ++i) {
        if (info.losses[i] != LossKind::CrossEntropy) {
            loss = loss + torch::mse_loss(outputs[i], targets[i]);
            continue;
        }
        const bool weighted = i == 0 && !info.classWeights.empty() &&
                              static_cast<int64_t>(info.classWeights.size()) == outputs[i].size(1);
        loss = loss + (weighted ? torch::nn::functional::cross_entropy(
                                      outputs[i], targets[i],
                                      torch::nn::functional::CrossEntropyFuncOptions().weight(
                                          torch::tensor(info.classWeights, torch::kFloat32)))
                                : torch::cross_entropy_loss(outputs[i], targets[i]));
    }
    return loss;
}

Evaluation evaluate(const Forward& forward, const BatchSource& source, const TaskInfo& info,
                    int64_t limit, int64_t batchSize) {
    torch::NoGradGuard noGrad;
    const size_t outputs = info.losses.size();
    std::vector<std::vector<int64_t>> truth(outputs), predicted(outputs);
    std::vector<double> absoluteError(outputs, 0.0), elements(outputs, 0.0);
    double lossSum = 0.0;
    const bool spread = limit > 0 && limit < source.size();
    const int64_t n = spread ? limit : source.size();
    const torch::Tensor picked =
        spread ? torch::linspace(0, static_cast<double>(source.size() - 1), limit, torch::kFloat64)
                     .round()
                     .to(torch::kLong)
               : torch::arange(n, torch::kLong);
    for (int64_t begin = 0; begin < n; begin += batchSize) {
        const int64_t end = std::min(n, begin + batchSize);
        const Batch batch = source.rows(picked.slice(0, begin, end));
        const std::vector<torch::Tensor> out = forward(batch.inputs);
        lossSum +=
            taskLoss(out, batch.targets, info).item<double>() * static_cast<double>(end - begin);
        for (size_t o = 0; o < outputs; ++o) {
            if (info.losses[o] == LossKind::CrossEntropy) {
                const torch::Tensor p = out[o].argmax(1).contiguous();
                const torch::Tensor t = batch.targets[o].to(torch::kLong).contiguous();
                truth[o].insert(truth[o].end(), t.data_ptr<int64_t>(),
                                t.data_ptr<int64_t>() + t.numel());
                predicted[o].insert(predicted[o].end(), p.data_ptr<int64_t>(),
                                    p.data_ptr<int64_t>() + p.numel());
            } else {
                absoluteError[o] += (out[o] - batch.targets[o]).abs().sum().item<double>();
                elements[o] += static_cast<double>(out[o].numel());
            }
        }
    }
    Evaluation e;
    e.metrics["loss"] = n ? lossSum / static_cast<double>(n) : 0.0;
    bool firstClassifier = true;
    for (size_t o = 0; o < outputs; ++o) {
        const std::string suffix = outputs == 1 ? "" : "_" + std::to_string(o);
        if (info.losses[o] != LossKind::CrossEntropy) {
            e.metrics["mae" + suffix] = elements[o] ? absoluteError[o] / elements[o] : 0.0;
            continue;
        }
        // Classes: the task's named ones, or up to the largest label seen.
        int64_t classes = 0;
        for (const int64_t c : predicted[o]) classes = std::max(classes, c + 1);
        for (const int64_t c : truth[o]) classes = std::max(classes, c + 1);
        if (o == 0 && !info.classes.empty())
            classes = std::max(classes, static_cast<int64_t>(info.classes.size()));
        const ClassificationMetrics m = classificationMetrics(truth[o], predicted[o], classes);
        std::map<std::string, double> one;
        addMetrics(one, m);
        for (const auto& [name, value] : one) e.metrics[name + suffix] = value;
        if (firstClassifier) e.confusion = m.confusion;
        firstClassifier = false;
    }
    return e;
}

}  // namespace secateur
