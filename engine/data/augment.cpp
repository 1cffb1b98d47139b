#include "engine/data/augment.h"

namespace secateur {

TimeShiftSource::TimeShiftSource(SharedSource inner, int64_t maxShift)
    : inner_(std::move(inner)), maxShift_(maxShift) {}

Batch TimeShiftSource::rows(const torch::Tensor& index) const {
    Batch b = inner_->rows(index);
    torch::Tensor& x = b.inputs.at(0);
    const int64_t steps = x.size(2);
    const torch::Tensor shifts = torch::randint(-maxShift_, maxShift_ + 1, {x.size(0)});
    const auto* s = shifts.data_ptr<int64_t>();
    torch::Tensor shifted = torch::zeros_like(x);
    for (int64_t i = 0; i < x.size(0); ++i) {
        const int64_t k = std::max(-steps, std::min(steps, s[i]));
        if (k >= 0)
            shifted[i].narrow(1, k, steps - k).copy_(x[i].narrow(1, 0, steps - k));
        else
            shifted[i].narrow(1, 0, steps + k).copy_(x[i].narrow(1, -k, steps + k));
    }
    x = shifted;
    return b;
}

}  // namespace secateur
