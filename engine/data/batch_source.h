// Private header: where a split's samples come from. The trainer asks for rows by index, so a
// split never has to sit in memory as one tensor.
#pragma once

#include <torch/torch.h>

#include <memory>
#include <vector>

namespace secateur {

struct Batch {
    std::vector<torch::Tensor> inputs;   // one per network input, batch first
    std::vector<torch::Tensor> targets;  // one per network output
};

class BatchSource {
public:
    virtual ~BatchSource() = default;
    virtual int64_t size() const = 0;
    // The samples at `index` (int64, any order), as one batch.
    virtual Batch rows(const torch::Tensor& index) const = 0;
    // Consecutive samples [begin, end).
    Batch range(int64_t begin, int64_t end) const {
        return rows(torch::arange(begin, end, torch::kLong));
    }
};

// Samples held in tensors (the synthetic task, tests, small in-memory data).
class TensorSource : public BatchSource {
public:
    explicit TensorSource(Batch all);
    int64_t size() const override { return size_; }
    Batch rows(const torch::Tensor& index) const override;

private:
    Batch all_;
    int64_t size_ = 0;
};

using SharedSource = std::shared_ptr<const BatchSource>;

}  // namespace secateur
