#include "engine/data/batch_source.h"

#include "engine/util/error.h"

namespace secateur {

TensorSource::TensorSource(Batch all) : all_(std::move(all)) {
    if (all_.inputs.empty()) throw Error("a batch source needs at least one input tensor");
    size_ = all_.inputs[0].size(0);
    for (const auto* group : {&all_.inputs, &all_.targets})
        for (const torch::Tensor& t : *group)
            if (t.size(0) != size_)
                throw Error("a batch source's tensors disagree on the number of samples (" +
                            std::to_string(t.size(0)) + " and " + std::to_string(size_) + ")");
}

Batch TensorSource::rows(const torch::Tensor& index) const {
    Batch b;
    for (const torch::Tensor& t : all_.inputs) b.inputs.push_back(t.index_select(0, index));
    for (const torch::Tensor& t : all_.targets) b.targets.push_back(t.index_select(0, index));
    return b;
}

}  // namespace secateur
