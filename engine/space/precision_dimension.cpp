// The precision dimension, first step: quantisation-aware training of every conv and linear
// layer's weights on a symmetric 8-bit grid per output channel (engine/quant/quantiser.h).
// The export stores the weights on that grid. Bit-width choices and activation quantisation
// come next (docs/precision.md).
#include <algorithm>

#include "engine/quant/quantiser.h"
#include "engine/space/space_impl.h"

namespace secateur {
namespace {

constexpr int kWeightBits = 8;

// Per quantised layer: which weight entries its pruned form keeps, as an index into the step's
// channel mask for every (output row, input column) pair; rows of the mask's constant 1 where
// the input channel is fixed.
struct QuantisedLayer {
    torch::Tensor inputMaskIndex;  // [rows, columns] into StepMasks::channels; undefined: all kept
};

// The input channel each column of a conv or linear weight reads, along the input's channel
// axis: column j of output row o of a conv with g groups reads channel (o / (out/g)) * (in/g) + j.
torch::Tensor inputIndex(const SpaceImpl& s, const Node& node) {
    const int input = node.inputs.front();
    const int axis = s.groups.axis(input);
    const Shape& inShape = s.graph.tensor(input).shape;
    const auto channelAxis = static_cast<int>(node.op == "linear" ? inShape.size() - 1 : 1);
    // Channels pruned along another axis of the input (the rows a linear layer is applied to)
    // remove no weight entries.
    if (axis != channelAxis) return {};
    const std::vector<int>& positions = s.groups.positions(input);
    if (std::all_of(positions.begin(), positions.end(), [](int p) { return p < 0; })) return {};
    const Shape& w = node.params.at("weight").shape;
    const int64_t rows = w[0], columns = w[1];
    const int64_t groups = node.op == "linear" ? 1 : node.attrs.getInt("groups", 1);
    if (static_cast<int64_t>(positions.size()) != columns * groups)
        throw Error("precision: layer " + node.name + " has " + std::to_string(columns * groups) +
                    " input channels in its weights but its input has " +
                    std::to_string(positions.size()) +
                    " (a bug, please report it); leave the layer out of the precision dimension "
                    "(\"exclude\" in the project file)");
    const auto logical = static_cast<int>(s.groups.logicalCount());  // the constant-1 entry
    std::vector<int64_t> index(static_cast<size_t>(rows * columns));
    const int64_t rowsPerGroup = rows / groups;
    for (int64_t o = 0; o < rows; ++o)
        for (int64_t j = 0; j < columns; ++j) {
            const int p = positions[static_cast<size_t>((o / rowsPerGroup) * columns + j)];
            index[static_cast<size_t>(o * columns + j)] = p < 0 ? logical : p;
        }
    return torch::tensor(index, torch::kLong).view({rows, columns});
}

class PrecisionState final : public DimensionState {
public:
    PrecisionState(const SpaceImpl& s, const std::set<int>& nodes)
        : layers_(s.graph.nodes().size()) {
        for (const int n : nodes) {
            const Node& node = s.graph.nodes()[static_cast<size_t>(n)];
            QuantisedLayer layer;
            if (s.searchChannels) layer.inputMaskIndex = inputIndex(s, node);
            layers_[static_cast<size_t>(n)] = std::move(layer);
        }
    }
    std::string name() const override { return "precision"; }
    std::vector<torch::Tensor> parameters() const override { return {}; }
    bool changesParams(const SpaceImpl&, size_t node) const override {
        return layers_[node].has_value();
    }
    void applyToParams(const SpaceImpl&, size_t node, ParamMap& params, const StepMasks& masks,
                       const std::vector<torch::Tensor>&) const override {
        torch::Tensor& weight = params["weight"];
        weight = quantiseWeight(weight, kWeightBits, counted(node, weight, masks.channels));
    }
    void prepareExport(const SpaceImpl& s, size_t node, Node& exported,
                       PruneContext& ctx) const override {
        if (!layers_[node]) return;
        const torch::NoGradGuard noGrad;
        const torch::Tensor weight = toTensor(exported.params.at("weight"));
        // The entries the pruned layer keeps: its kept input channels and taps.
        torch::Tensor keep = torch::ones_like(weight);
        if (const torch::Tensor inputs = counted(node, weight, s.channelMask()); inputs.defined())
            keep = keep * inputs;
        if (!ctx.keptTaps.empty()) keep = keep * keptTapMask(weight, ctx.keptTaps);
        exported.params["weight"] = fromTensor(quantiseWeight(weight, kWeightBits, keep));
        // The bits of the rows the pruned layer keeps (conv and linear keep ctx.keptOut[0]),
        // recorded in the exported files.
        const size_t rows = ctx.keptOut.front().size();
        exported.attrs.set("weight_bits", std::vector<int64_t>(rows, int64_t{kWeightBits}));
    }

private:
    // 0/1 per weight entry whose input channel is kept; empty when every input is kept.
    torch::Tensor counted(size_t node, const torch::Tensor& weight,
                          const torch::Tensor& channels) const {
        const torch::Tensor& index = layers_[node]->inputMaskIndex;
        if (!index.defined()) return {};
        std::vector<int64_t> shape(static_cast<size_t>(weight.dim()), 1);
        shape[0] = index.size(0);
        shape[1] = index.size(1);
        return channels.detach().index_select(0, index.reshape(-1)).view(shape);
    }
    // 1 at the kept taps of every spatial axis of a conv weight, 0 elsewhere.
    static torch::Tensor keptTapMask(const torch::Tensor& weight,
                                     const std::vector<std::vector<int64_t>>& keptTaps) {
        torch::Tensor mask = torch::ones({1}, torch::kFloat32);
        for (size_t d = 0; d < keptTaps.size(); ++d) {
            torch::Tensor axis = torch::zeros({weight.size(static_cast<int64_t>(d) + 2)});
            axis.index_fill_(0, torch::tensor(keptTaps[d], torch::kLong), 1.0);
            std::vector<int64_t> shape(static_cast<size_t>(weight.dim()), 1);
            shape[d + 2] = axis.size(0);
            mask = mask * axis.view(shape);
        }
        return mask;
    }

    std::vector<std::optional<QuantisedLayer>> layers_;  // per node
};

class PrecisionDimension final : public DimensionDef {
public:
    DimensionInfo info() const override {
        return {"precision", "Precision",
                "Quantisation-aware training of the weights on a symmetric 8-bit grid per output "
                "channel; the export stores them on that grid (bit-width search comes next)",
                "conv and linear layers (not transposed convs)", false};
    }
    bool keptByBaselines() const override { return true; }
    std::string ineligible(const Node& node, const Graph& graph) const override {
        if (std::string why = notSearchableLayer(node); !why.empty()) return why;
        if (node.op == "conv_transpose") return "transposed convolutions are not quantised yet";
        const bool shared = !sharedKernel(node, graph).empty();
        return shared ? "its weights are used twice (each use would quantise them)" : "";
    }
    void plan(SpacePlan& plan, const Graph&, const std::set<int>& nodes) const override {
        plan.addState("precision", [nodes](const SpaceImpl& s) {
            return std::make_unique<PrecisionState>(s, nodes);
        });
    }
    std::optional<DimensionEntry> decide(const SpaceImpl& s, int node,
                                         LayerDecision& d) const override {
        const auto quantised = [&](const auto& state) {
            return state->name() == "precision" &&
                   state->changesParams(s, static_cast<size_t>(node));
        };
        if (std::none_of(s.states.begin(), s.states.end(), quantised)) return std::nullopt;
        d.weightBits.clear();
        for (const bool kept : d.kept) d.weightBits.push_back(kept ? kWeightBits : 0);
        return DimensionEntry{"weights 8 bits per channel"};
    }
};

}  // namespace

void registerPrecisionDimension(DimensionRegistry& registry) {
    registry.add("precision", std::make_shared<PrecisionDimension>());
}

}  // namespace secateur
