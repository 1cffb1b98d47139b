// Private header: what a registered search dimension knows about itself. One file per dimension
// implements DimensionDef and registers it with one line in engine/space/registry.cpp.
#pragma once

#include <torch/torch.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/graph/ops/op.h"
#include "engine/space/space.h"
#include "engine/util/registry.h"

namespace secateur {

struct SpaceImpl;
struct StepMasks;

// Nested gates over the taps of one kernel axis: gates [offset, offset + count) of
// SpaceImpl::tapLogits. Tap t (along `axis`) has a level in [0, count]; it is kept while every gate
// from its level up to count - 1 is open (level count: always kept). Shrinking a kernel from its
// outer taps inward and coarsening a dilation are both such nestings.
struct NestedGates {
    int64_t offset = 0, count = 0;
    size_t axis = 0;              // spatial axis of the kernel
    std::vector<int64_t> levels;  // per tap along `axis`
    std::string dimension;        // the dimension that added them
};

// The trainable decisions a dimension adds, with what the forward pass, export, the limit repair
// and checkpoints need of them. Every hook has a default that does nothing, so a dimension
// overrides only what it changes. The executor calls the hooks; it has no per-dimension branch.
class DimensionState {
public:
    virtual ~DimensionState() = default;
    // Names the state in checkpoints ("arch.NAME.i") and in StepMasks::values.
    virtual std::string name() const = 0;
    // Trainable architecture parameters; the architecture optimiser trains them.
    virtual std::vector<torch::Tensor> parameters() const = 0;
    // One step's values, computed once and shared by the forward pass and the costs.
    virtual void computeStep(const SpaceImpl&, StepMasks&) const {}
    // Once per forward pass before the nodes run (for products batched over every node); what it
    // returns reaches applyToParams as `forward`.
    virtual std::vector<torch::Tensor> beginForward(const SpaceImpl&, const StepMasks&) const {
        return {};
    }
    // Whether applyToParams changes node `node`'s parameters / applyToOutput tensor `tensor`.
    virtual bool changesParams(const SpaceImpl&, size_t /*node*/) const { return false; }
    virtual bool changesOutput(const SpaceImpl&, size_t /*tensor*/) const { return false; }
    // The parameters node `node` runs with this step (a copy of the map; replace, never modify
    // the tensors in place).
    virtual void applyToParams(const SpaceImpl&, size_t /*node*/, ParamMap& /*params*/,
                               const StepMasks&,
                               const std::vector<torch::Tensor>& /*forward*/) const {}
    virtual void applyToOutput(const SpaceImpl&, size_t /*tensor*/, torch::Tensor& /*value*/,
                               const StepMasks&) const {}
    // Export: what this dimension decided for node `node`, before the op prunes it. It may fill
    // `ctx` (kept taps) or change the exported node's weights directly.
    virtual void prepareExport(const SpaceImpl&, size_t /*node*/, Node& /*exported*/,
                               PruneContext& /*ctx*/) const {}
    // Decisions the limit repair may close one by one, weakest (lowest logit) first.
    struct Closable {
        torch::Tensor logits;                     // closed by setting an entry below 0
        std::function<std::vector<bool>()> open;  // hard decision per entry, after rules
    };
    virtual std::optional<Closable> closable(const SpaceImpl&) const { return std::nullopt; }
    // The smallest network this dimension can reach (every decision at its cheapest).
    virtual void keepSmallest(SpaceImpl&) const {}
};

// What the dimensions of one Space ask for, collected before the Space is built: the two shared
// mechanisms (channel masks over channel groups, nested gates over kernel taps) and states of
// their own.
struct SpacePlan {
    // Layers whose output channels are searched; the others are kept whole. Unset: no channel
    // search.
    std::optional<std::set<int>> channelLayers;
    // Nested gates over the taps of each node's kernel, in the order they are added (`offset` is
    // assigned when the Space lays them out).
    std::map<int, std::vector<NestedGates>> tapGates;
    // The states to make once the Space's tensors exist, in order; a name added twice (kernels
    // and dilations share the tap gates) is made once.
    using StateFactory = std::function<std::unique_ptr<DimensionState>(const SpaceImpl&)>;
    std::vector<std::pair<std::string, StateFactory>> states;
    void addState(const std::string& name, StateFactory make);
};

class DimensionDef {
public:
    virtual ~DimensionDef() = default;
    virtual DimensionInfo info() const = 0;
    // Why `node` cannot have this dimension, or "" when it can.
    virtual std::string ineligible(const Node& node, const Graph& graph) const = 0;
    // Asks for this dimension's decisions over `nodes` (the selected, eligible layers).
    virtual void plan(SpacePlan& plan, const Graph& graph, const std::set<int>& nodes) const = 0;
    // This dimension's entry in layer `node`'s decisions, or none when it does not search it.
    // The layer's geometry (kept channels, kernel, dilation) is read before, from the mechanisms;
    // a dimension may add its own values to the decision (precision: the weight bits).
    virtual std::optional<DimensionEntry> decide(const SpaceImpl& space, int node,
                                                 LayerDecision& decision) const = 0;
    // Whether width-scaling baselines keep this dimension: true for one that changes how the
    // weights are stored, not the network's shape (precision), so that a sweep's baselines are
    // stored as its search points are.
    virtual bool keptByBaselines() const { return false; }
};

using DimensionRegistry = Registry<DimensionDef>;

// The built-in dimensions, in registration order.
const DimensionRegistry& builtinDimensions();
// The dimensions of `dims` that baselines keep (keptByBaselines), looked up in `registry`
// (default: the built-in one).
std::vector<Dimension> baselineDimensions(const std::vector<Dimension>& dims,
                                          const DimensionRegistry* registry = nullptr);

// The states of the two shared mechanisms (channel_mask.cpp, tap_search.cpp).
std::unique_ptr<DimensionState> makeChannelMaskState(const SpaceImpl& space);
std::unique_ptr<DimensionState> makeTapGateState(const SpaceImpl& space);

// Shared by the dimension files.
bool isSearchableLayer(const Node& node);         // conv, conv_transpose, linear
std::vector<int64_t> kernelOf(const Node& node);  // the weight's spatial sizes
// Why a node is not a searchable layer / not a conv whose taps can be searched / shares its weights
// with another use (each would decide its own taps); "" when it is / is / does not.
std::string notSearchableLayer(const Node& node);
std::string notSearchableConv(const Node& node);
std::string sharedKernel(const Node& node, const Graph& graph);  // the same weights used twice

}  // namespace secateur
