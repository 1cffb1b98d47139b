// One stored sample of a prepared dataset, copied out of its batch source for drawing.
#include "engine/data/batch_source.h"
#include "engine/data/data_task.h"
#include "engine/search/task_data.h"
#include "engine/util/error.h"

namespace secateur {
namespace {

std::string featureText(SampleKind kind, const Shape& shape) {
    const auto dim = [&](size_t fromEnd) {
        return std::to_string(shape.at(shape.size() - 1 - fromEnd));
    };
    switch (kind) {
        case SampleKind::Audio:
            return shape.size() >= 2
                       ? "audio features, " + dim(1) + " frames x " + dim(0) + " coefficients"
                       : "audio features";
        case SampleKind::Image:
            return shape.size() >= 2 ? "image, " + dim(1) + " x " + dim(0) + " pixels" : "image";
        case SampleKind::Series:
            return shape.size() == 2 ? "series, " + dim(1) + " channels x " + dim(0) + " steps"
                                     : "series";
    }
    return {};
}

}  // namespace

DataSample drawSample(const DataTask& data, const std::string& split, int64_t index) {
    const TaskData& splits = *data.features;
    const SharedSource source = split == "train"        ? splits.train
                                : split == "validation" ? splits.validation
                                : split == "test"       ? splits.test
                                                        : nullptr;
    if (split != "train" && split != "validation" && split != "test")
        throw Error("unknown split '" + split + "'; known: train, validation, test");
    if (!source || source->size() == 0)
        throw Error(data.summary.dataset + " has no " + split + " samples");
    if (index < 0 || index >= source->size())
        throw Error(split + " sample " + std::to_string(index) + " does not exist (the split has " +
                    std::to_string(source->size()) + ")");
    const Batch batch = source->range(index, index + 1);
    const torch::Tensor values = batch.inputs.at(0)[0].to(torch::kFloat).contiguous();
    DataSample sample;
    sample.kind = data.summary.sampleKind;
    sample.shape = values.sizes().vec();
    sample.values.assign(values.data_ptr<float>(), values.data_ptr<float>() + values.numel());
    sample.split = split;
    sample.index = index;
    const torch::Tensor target = batch.targets.at(0)[0];
    if (!data.summary.classes.empty()) {
        const int64_t c = target.item<int64_t>();
        sample.label = c >= 0 && c < static_cast<int64_t>(data.summary.classes.size())
                           ? data.summary.classes[static_cast<size_t>(c)]
                           : std::to_string(c);
    } else {
        sample.label = std::to_string(target.to(torch::kFloat).flatten()[0].item<float>());
    }
    sample.features = featureText(sample.kind, sample.shape);
    return sample;
}

}  // namespace secateur
