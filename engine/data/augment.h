// Private header: training-time augmentation as a batch source wrapped around the training split.
#pragma once

#include "engine/data/batch_source.h"

namespace secateur {

// Shifts every sample along its time axis (axis 1 of the sample, axis 2 of the batch) by a
// random whole number of steps in [-maxShift, maxShift], filling with zeros. Draws from LibTorch's
// generator, which the search seeds and checkpoints, so runs stay reproducible and resumable.
class TimeShiftSource : public BatchSource {
public:
    TimeShiftSource(SharedSource inner, int64_t maxShift);
    int64_t size() const override { return inner_->size(); }
    Batch rows(const torch::Tensor& index) const override;

private:
    SharedSource inner_;
    int64_t maxShift_;
};

}  // namespace secateur
