// Private header: what an op kind of the IR knows about itself. One file per op family implements
// it (generic over 1-D and 2-D where that applies) and registers it in registry.cpp.
#pragma once

#include <torch/torch.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/graph/ir.h"
#include "engine/graph/layer_kind.h"
#include "engine/util/registry.h"

namespace secateur {

class ChannelAnalysis;

using TensorList = std::vector<torch::Tensor>;
// Parameters and buffers of one node by name, as the executor holds them.
using ParamMap = std::map<std::string, torch::Tensor>;

// A factor of a cost term: the kept size of `axis` of tensor `index`, the kept taps of the kernel
// of node `index`, or the kept elements of tensor `index` (its size with the tracked axis at its
// kept channels; `axis` unused).
struct CostFactor {
    enum class Kind { Channels, Taps, Elements } kind = Kind::Channels;
    int index = 0;  // tensor id or node index
    int axis = 1;
};

// coefficient x product(factors); the cost model sums the terms of one cost.
struct CostTerm {
    CostTerm() = default;
    CostTerm(double c, std::vector<CostFactor> f, std::string p = {})
        : coefficient(c), factors(std::move(f)), param(std::move(p)) {}
    double coefficient = 1.0;
    std::vector<CostFactor> factors;
    std::string param;  // for a parameter count: the parameter it counts ("weight", "bias")
};

// Where a node's output 0 lives during inference: a buffer of its own, its input's buffer
// overwritten in place (activations, batch norm), or a view of its input (reshapes: no code runs).
enum class OutputBuffer { Own, InPlace, View };

struct NodeCosts {
    std::vector<CostTerm> params;
    std::vector<CostTerm> macs;
};

// What export tells an op about the decisions around one node.
struct PruneContext {
    // Kept channel indices along each input's and output's tracked axis (all when not tracked).
    std::vector<std::vector<int64_t>> keptIn, keptOut;
    std::vector<int> axisIn, axisOut;  // tracked axis, -1 when none
    std::vector<Shape> oldInputShapes, newInputShapes, oldOutputShapes;
    // Kept kernel taps per spatial dimension: original tap indices, ascending, evenly spaced.
    std::vector<std::vector<int64_t>> keptTaps;
};

class OpDef {
public:
    virtual ~OpDef() = default;

    // What the op is for costs and views; every op declares it (nothing falls back to "other").
    virtual LayerKind layerKind(const Node& node) const = 0;
    virtual std::vector<Shape> inferShapes(const Node& node,
                                           const std::vector<Shape>& in) const = 0;
    // `training` switches batch norm to batch statistics (updating the running ones).
    virtual TensorList forward(const Node& node, const TensorList& in, const ParamMap& params,
                               bool training) const = 0;
    // Default: every output carries the channels of input 0 unchanged.
    virtual void propagateChannels(const Node& node, ChannelAnalysis& analysis) const;
    // True when a channel that is zero in every input is still zero in every output.
    virtual bool preservesZero(const Node&, const Graph&) const { return true; }
    // Parameters that scale the node's output channels one by one (parameter index along `dim` =
    // output channel along `axis`): a channel mask multiplied into them masks the output without
    // touching the activations. Empty when there are none.
    struct ChannelScaling {
        int axis = 1;
        std::vector<std::pair<std::string, int64_t>> params;  // name, dim
    };
    virtual ChannelScaling channelScaling(const Node&, const Graph&) const { return {}; }
    virtual OutputBuffer outputBuffer(const Node&) const { return OutputBuffer::Own; }
    // Differentiable cost terms of this node; `index` is the node's position in the graph.
    virtual NodeCosts costTerms(const Node&, int /*index*/, const Graph&) const { return {}; }
    // Multiply-accumulates counted from the node's actual shapes (no search involved).
    virtual int64_t measureMacs(const Node&, const Graph&) const { return 0; }
    // Parameters the node owns; default: the elements of its params.
    virtual int64_t measureParams(const Node& node) const;
    // Slices parameters and adjusts attributes after channels or taps were removed.
    virtual void prune(Node&, const PruneContext&) const {}
};

using OpRegistry = Registry<OpDef>;

// The registry of every built-in op; throws an Error naming an unknown kind.
const OpDef& opDef(const std::string& kind);
const OpRegistry& builtinOps();

// Helpers shared by op files.
torch::Tensor toTensor(const Weight& w);
Weight fromTensor(const torch::Tensor& t);
Weight sliceWeight(const Weight& w, int64_t dim, const std::vector<int64_t>& keep);
int64_t normaliseDim(int64_t dim, int64_t rank);  // throws for out-of-range dims
const Shape& onlyInput(const std::vector<Shape>& in, size_t expected = 1);  // checks the count
std::vector<int64_t> spatialAttr(const Node& node, const std::string& key, size_t dims,
                                 int64_t fallback);  // per spatial dim; a single value broadcasts
// Output length of a sliding window (conv, pool) as PyTorch computes it.
int64_t windowOutput(int64_t length, int64_t padTotal, int64_t kernel, int64_t stride,
                     int64_t dilation, bool ceilMode, int64_t padBegin);

}  // namespace secateur
