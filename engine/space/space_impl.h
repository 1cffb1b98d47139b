// Private header: the tensors behind a Space.
#pragma once

#include <torch/torch.h>

#include <optional>
#include <vector>

#include "engine/graph/ops/op.h"
#include "engine/space/space.h"

namespace secateur {

// Nested gates over the taps of one kernel axis. Tap t has a level in [0, R]; it is kept while
// every gate from its level up to R-1 is open (level R: always kept). Shrinking a kernel from its
// outer taps inward and coarsening a dilation are both such nestings.
struct NestedGates {
    torch::Tensor logits;        // [R], trainable
    torch::Tensor levels;        // [K], long
    torch::Tensor hard() const;  // 0/1 per tap
    torch::Tensor soft() const;  // the sigmoid relaxation, differentiable
};

// Hard values in the forward pass, the gradient of the soft relaxation in the backward pass.
// Products are taken separately over hard and soft parts so every gate keeps a gradient.
struct Relaxed {
    torch::Tensor hard, soft;
    torch::Tensor value() const { return hard + (soft - soft.detach()); }
};

// Kernel and dilation decisions of one convolution.
struct TapSearch {
    int node = -1;
    std::vector<int64_t> kernel;                   // per spatial dim
    std::vector<std::optional<NestedGates>> axes;  // receptive-field gates per spatial dim
    std::optional<NestedGates> dilation;           // 1-D only, over the same taps
    // The mask that multiplies the weight [Cout, Cin/g, k...] and the number of kept taps as a
    // float64 scalar (exact at the hard decisions), from one evaluation of the gates.
    std::pair<torch::Tensor, torch::Tensor> weightMaskAndCount() const;
    // Kept tap indices per spatial dim, ascending and evenly spaced.
    std::vector<std::vector<int64_t>> keptIndices() const;
};

// Every mask of one training step, computed once and shared by the forward pass and the cost.
struct StepMasks {
    torch::Tensor channels;                 // SpaceImpl::channelMask()
    std::vector<torch::Tensor> tapWeights;  // per tap search
    std::vector<torch::Tensor> tapCounts;   // per tap search, float64 scalars
};

struct SpaceImpl {
    Graph graph;
    ChannelGroups groups;
    bool searchChannels = false;
    std::vector<ParamMap> params;  // per node: parameters (trainable) and buffers
    torch::Tensor channelLogits;   // [logical channels]
    std::vector<TapSearch> taps;
    std::vector<int> tapOfNode;            // node -> index into taps, -1 when none
    std::vector<torch::Tensor> maskIndex;  // per tensor: index into channelMask() or undefined
    std::vector<torch::Tensor> paramMaskIndex;  // per node: index for its channel-scaling params

    SpaceImpl(const Graph& seed, ChannelGroups channelGroups);

    // Channel keep values [logical + 1], the last entry a constant 1 for fixed channels.
    torch::Tensor channelMask() const;
    StepMasks stepMasks() const;
    std::vector<bool> keptChannels() const;
    std::vector<torch::Tensor> weightParameters() const;
    std::vector<torch::Tensor> architectureParameters() const;
};

}  // namespace secateur
