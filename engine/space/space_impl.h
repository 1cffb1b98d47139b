// Private header: the tensors behind a Space.
#pragma once

#include <torch/torch.h>

#include <optional>
#include <vector>

#include "engine/graph/ops/op.h"
#include "engine/space/dimension_def.h"
#include "engine/space/space.h"

namespace secateur {

// Every decision starts as "keep": sigmoid(1) = 0.73.
constexpr float kInitialLogit = 1.0F;

// Hard values in the forward pass, the gradient of the soft relaxation in the backward pass.
// One autograd node instead of hard + (soft - soft.detach()).
struct Relaxed {
    torch::Tensor hard, soft;
    torch::Tensor value() const;
};

// The tap gates of one convolution (kernel and dilation decisions together).
struct TapSearch {
    int node = -1;
    std::vector<int64_t> kernel;     // per spatial dim
    std::vector<NestedGates> gates;  // each over one axis; their masks multiply
    int64_t firstRow = 0;            // of its weight taps in SpaceImpl::tapGates

    bool searchedBy(const std::string& dimension) const;

    // Gate indices that weight tap `flat` (row-major over the kernel) needs open.
    std::vector<int64_t> gatesOfTap(int64_t flat) const;
    // Kept tap indices per spatial dim (ascending, evenly spaced) given the open gates.
    std::vector<std::vector<int64_t>> keptIndices(const std::vector<bool>& open) const;
};

// Every mask of one training step, computed once and shared by the forward pass and the cost.
struct StepMasks {
    torch::Tensor channels;                    // SpaceImpl::channelMask()
    std::vector<torch::Tensor> channelSlices;  // per SpaceImpl::Slice, by its index
    torch::Tensor vectorScale;                 // per element of SpaceImpl::scaledVectors
    std::vector<torch::Tensor> tapWeights;     // per tap search, shaped [1, 1, k...]
    torch::Tensor tapCounts;                   // [tap searches] float64
    // Other dimensions' values of this step, by DimensionState::name().
    std::map<std::string, std::vector<torch::Tensor>> values;
};

struct SpaceImpl {
    Graph graph;
    std::vector<const DimensionDef*> dimensions;  // those the space searches, registry order
    std::vector<std::unique_ptr<DimensionState>> states;
    // Per node / per tensor: the states whose hooks change its parameters / its value.
    std::vector<std::vector<const DimensionState*>> paramHooks, outputHooks;
    ChannelGroups groups;
    bool searchChannels = false;
    std::vector<ParamMap> params;  // per node: parameters (trainable) and buffers
    torch::Tensor channelLogits;   // [logical channels]
    std::vector<TapSearch> taps;
    std::vector<int> tapOfNode;  // node -> index into taps, -1 when none
    // All kernel and dilation gates of all convolutions, evaluated together: each weight tap is a
    // row needing a set of gates, so every tap mask is one product with the gates' log-sigmoids.
    torch::Tensor tapLogits;                     // [gates], trainable
    torch::Tensor tapGates;                      // [rows, gates] 0/1
    torch::Tensor tapSums;                       // [tap searches, rows] float64 selector
    std::vector<std::vector<int64_t>> rowGates;  // per row, the gates it needs
    // Where masks apply: per tensor (multiplied after its producer) and per node (multiplied into
    // its channel-scaling parameters), one of StepMasks::channelSlices; length 0 when none.
    struct Slice {
        int64_t length = 0;
        int64_t index = -1;  // into StepMasks::channelSlices
    };
    std::vector<Slice> tensorMask, paramMask;
    std::vector<OpDef::ChannelScaling> scaling;  // per node with a paramMask
    torch::Tensor gatherIndex;                   // into channelMask(), all slices one after another
    std::vector<int64_t> sliceLengths;           // of the slices, in gather order
    // The 1-D channel-scaling parameters (batch-norm affine, biases, PReLU) of every node, scaled
    // by their masks in one product per step instead of one per parameter.
    struct ScaledVector {
        size_t node;
        std::string name;
        int64_t length;
    };
    std::vector<ScaledVector> scaledVectors;
    std::vector<std::vector<size_t>> scaledVectorsOfNode;  // indices into scaledVectors
    std::vector<int64_t> scaledVectorLengths;
    torch::Tensor scaledVectorIndex;  // into channelMask(), one entry per element

    SpaceImpl(const Graph& seed, ChannelGroups channelGroups);
    // Lays out the tap gates `plan` asks for (tap_search.cpp).
    void layOutTaps(const SpacePlan& plan);
    // Lays out where channel masks apply (channel_mask.cpp); needs searchChannels and params.
    void layOutChannelMasks();
    // Makes the states `plan` asks for and the per-node and per-tensor hook lists.
    void addStates(const SpacePlan& plan);

    // Channel keep values [logical + 1], the last entry a constant 1 for fixed channels.
    torch::Tensor channelMask() const;
    StepMasks stepMasks() const;
    // Sets `masks.channels` and what is derived from it: the slices the forward pass multiplies
    // (one gather, one split) and the scales of the 1-D parameters (one gather).
    void setChannelMask(StepMasks& masks, const torch::Tensor& channelMask) const;
    std::vector<bool> openGates() const;  // hard decision of every tap gate
    std::vector<bool> keptChannels() const;
    std::vector<torch::Tensor> weightParameters() const;
    std::vector<torch::Tensor> architectureParameters() const;
};

// Keeps the first round(fraction x size) channels (at least one) of every channel group.
void keepChannelFraction(SpaceImpl& space, double fraction);

}  // namespace secateur
