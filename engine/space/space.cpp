#include "engine/space/space.h"

#include <algorithm>
#include <set>

#include "engine/graph/error.h"
#include "engine/graph/layer_kind.h"
#include "engine/space/space_impl.h"

namespace secateur {
namespace {

constexpr float kInitialLogit = 1.0F;  // sigmoid(1) = 0.73: every decision starts as "keep"

bool isLayer(const Node& node) {
    return node.op == "conv" || node.op == "conv_transpose" || node.op == "linear";
}

std::vector<int64_t> kernelOf(const Node& node) {
    const Shape& w = node.params.at("weight").shape;
    return {w.begin() + 2, w.end()};
}

int64_t receptiveGates(const std::vector<int64_t>& kernel, size_t d) {
    return kernel.size() == 1 ? kernel[0] - 1 : (kernel[d] - 1) / 2;
}

int64_t dilationGates(const std::vector<int64_t>& kernel) {
    if (kernel.size() != 1 || kernel[0] < 3) return 0;
    int64_t m = 0;
    while ((int64_t{2} << m) <= kernel[0] - 1) ++m;
    return m;
}

// Why a layer cannot have a dimension, or "" when it can.
std::string ineligible(const Node& node, const Dimension& dim) {
    if (!isLayer(node))
        return "it is a " + node.op + ", not a conv, conv_transpose or linear layer";
    if (std::holds_alternative<Channels>(dim)) return "";
    if (node.op != "conv") return "it is a " + node.op + " layer and has no searchable kernel";
    const std::vector<int64_t> k = kernelOf(node);
    if (std::holds_alternative<Kernels>(dim)) {
        for (size_t d = 0; d < k.size(); ++d)
            if (receptiveGates(k, d) > 0) return "";
        return "its kernel " + toString(k) + " has nothing to shrink";
    }
    if (k.size() != 1) return "dilation search applies to Conv1d only";
    return dilationGates(k) > 0
               ? ""
               : "its kernel of " + std::to_string(k[0]) + " taps is too short to dilate";
}

// The nodes a dimension applies to, checking every layer the user named.
std::set<int> selectNodes(const Graph& graph, const Dimension& dim) {
    const auto& [layers, exclude] =
        std::visit([](const auto& d) { return std::make_pair(d.layers, d.exclude); }, dim);
    for (const std::string& name : exclude)
        if (!graph.findNode(name))
            throw Error(dimensionName(dim) + ": no layer named '" + name + "' to exclude");
    for (const std::string& name : layers) {
        const Node* node = graph.findNode(name);
        if (!node) throw Error(dimensionName(dim) + ": no layer named '" + name + "'");
        const std::string why = ineligible(*node, dim);
        if (!why.empty())
            throw Error(dimensionName(dim) + " cannot apply to layer '" + name + "': " + why +
                        "; remove it from the layers of that dimension");
    }
    // A kernel shared by several uses keeps its taps: each use would otherwise decide its own.
    std::set<std::string> shared;
    for (const Node& node : graph.nodes())
        if (node.attrs.has("shared_with")) {
            shared.insert(node.name);
            shared.insert(node.attrs.getString("shared_with"));
        }
    const bool taps = !std::holds_alternative<Channels>(dim);
    std::set<int> selected;
    for (size_t i = 0; i < graph.nodes().size(); ++i) {
        const Node& node = graph.nodes()[i];
        const bool listed = layers.empty() || std::count(layers.begin(), layers.end(), node.name);
        const bool excluded = std::count(exclude.begin(), exclude.end(), node.name) > 0;
        if (listed && !excluded && !node.frozen && ineligible(node, dim).empty() &&
            !(taps && shared.count(node.name)))
            selected.insert(static_cast<int>(i));
    }
    return selected;
}

// Lays out the gates of one convolution from `nextGate` on.
TapSearch makeTapSearch(int index, const Node& node, bool kernels, bool dilations,
                        int64_t& nextGate) {
    const auto gates = [&nextGate](int64_t count, std::vector<int64_t> levels) {
        NestedGates g{nextGate, count, std::move(levels)};
        nextGate += count;
        return g;
    };
    TapSearch search;
    search.node = index;
    search.kernel = kernelOf(node);
    for (size_t d = 0; d < search.kernel.size(); ++d) {
        const int64_t k = search.kernel[d], count = receptiveGates(search.kernel, d);
        if (!kernels || count == 0) {
            search.axes.emplace_back();
            continue;
        }
        std::vector<int64_t> levels;
        for (int64_t t = 0; t < k; ++t)
            levels.push_back(search.kernel.size() == 1 ? t : std::min({t, k - 1 - t, count}));
        search.axes.emplace_back(gates(count, levels));
    }
    if (dilations) {
        const int64_t m = dilationGates(search.kernel), k = search.kernel[0];
        std::vector<int64_t> levels;
        for (int64_t t = 0; t < k; ++t) {
            const int64_t distance = k - 1 - t;
            int64_t v = 0;
            while (distance > 0 && v < m && distance % (int64_t{2} << v) == 0) ++v;
            levels.push_back(distance == 0 ? m : v);
        }
        search.dilation = gates(m, levels);
    }
    return search;
}

// The row and selector matrices that evaluate every tap mask at once.
void layOutTapRows(SpaceImpl& s, int64_t gateCount) {
    int64_t rows = 0;
    for (TapSearch& t : s.taps) {
        t.firstRow = rows;
        rows += numel(t.kernel);
    }
    s.tapLogits = torch::full({gateCount}, kInitialLogit, torch::kFloat32).requires_grad_(true);
    s.tapGates = torch::zeros({rows, gateCount}, torch::kFloat32);
    s.tapSums = torch::zeros({static_cast<int64_t>(s.taps.size()), rows}, torch::kFloat64);
    for (size_t i = 0; i < s.taps.size(); ++i) {
        const TapSearch& t = s.taps[i];
        for (int64_t flat = 0; flat < numel(t.kernel); ++flat) {
            const int64_t row = t.firstRow + flat;
            s.rowGates.push_back(t.gatesOfTap(flat));
            for (const int64_t g : s.rowGates.back()) s.tapGates[row][g] = 1.0F;
            s.tapSums[static_cast<int64_t>(i)][row] = 1.0;
        }
    }
}

// Per tensor: whether its removed channels may keep non-zero values, so that it needs no mask. True
// when it is read only by batch norms (their outputs are masked), only as a divisor (the
// dividend's removed channels are zero already), or only by one-input elementwise ops whose
// outputs are such tensors: `(x - mean) / sqrt(var + eps)` then divides by sqrt(eps), not by a
// masked zero whose square root has an infinite gradient.
std::vector<char> toleratesNonZeroChannels(const Graph& graph,
                                           const std::vector<std::vector<int>>& consumers) {
    std::vector<char> tolerant(graph.tensors().size(), 0);
    const std::vector<int>& outputs = graph.outputs();
    for (size_t n = graph.nodes().size(); n-- > 0;) {
        for (const int t : graph.nodes()[n].outputs) {
            const auto& readers = consumers[static_cast<size_t>(t)];
            const auto fine = [&](int c) {
                const Node& reader = graph.nodes()[static_cast<size_t>(c)];
                if (reader.op == "batch_norm") return true;
                if (reader.op == "div")
                    return reader.inputs.size() == 2 && reader.inputs[1] == t &&
                           reader.inputs[0] != t;
                return layerKind(reader) == LayerKind::Elementwise && reader.inputs.size() == 1 &&
                       reader.params.empty() && reader.outputs.size() == 1 &&
                       tolerant[static_cast<size_t>(reader.outputs[0])];
            };
            tolerant[static_cast<size_t>(t)] =
                !readers.empty() && std::all_of(readers.begin(), readers.end(), fine) &&
                std::find(outputs.begin(), outputs.end(), t) == outputs.end();
        }
    }
    return tolerant;
}

ChannelGroups groupsFor(const Graph& graph, const std::vector<Dimension>& dims) {
    for (const Dimension& dim : dims) {
        if (!std::holds_alternative<Channels>(dim)) continue;
        const std::set<int> selected = selectNodes(graph, dim);
        std::vector<std::string> keepOutputs;
        for (size_t i = 0; i < graph.nodes().size(); ++i)
            if (isLayer(graph.nodes()[i]) && !selected.count(static_cast<int>(i)))
                keepOutputs.push_back(graph.nodes()[i].name);
        return ChannelGroups(graph, keepOutputs);
    }
    return ChannelGroups(graph);
}

}  // namespace

SpaceImpl::SpaceImpl(const Graph& seed, ChannelGroups channelGroups)
    : graph(seed), groups(std::move(channelGroups)) {}

Space::Space(const Graph& seed, const std::vector<Dimension>& dimensions, uint64_t seedValue)
    : impl_(std::make_unique<SpaceImpl>(seed, groupsFor(seed, dimensions))) {
    torch::manual_seed(seedValue);
    SpaceImpl& s = *impl_;
    std::set<int> kernelNodes, dilationNodes;
    for (const Dimension& dim : dimensions) {
        if (std::holds_alternative<Channels>(dim)) s.searchChannels = true;
        if (std::holds_alternative<Kernels>(dim)) kernelNodes = selectNodes(seed, dim);
        if (std::holds_alternative<Dilations>(dim)) dilationNodes = selectNodes(seed, dim);
    }
    const auto& nodes = s.graph.nodes();
    s.tapOfNode.assign(nodes.size(), -1);
    int64_t gateCount = 0;
    for (size_t i = 0; i < nodes.size(); ++i) {
        ParamMap params;
        for (const auto& [name, w] : nodes[i].params)
            params[name] = toTensor(w).requires_grad_(true);
        for (const auto& [name, w] : nodes[i].buffers) params[name] = toTensor(w);
        if (nodes[i].attrs.has("shared_with"))  // the same tensors, trained once
            params = s.params.at(
                static_cast<size_t>(seed.nodeIndex(nodes[i].attrs.getString("shared_with"))));
        s.params.push_back(std::move(params));
        const int index = static_cast<int>(i);
        if (kernelNodes.count(index) || dilationNodes.count(index)) {
            s.tapOfNode[i] = static_cast<int>(s.taps.size());
            s.taps.push_back(makeTapSearch(index, nodes[i], kernelNodes.count(index) > 0,
                                           dilationNodes.count(index) > 0, gateCount));
        }
    }
    layOutTapRows(s, gateCount);
    const int logical = s.groups.logicalCount();
    s.channelLogits =
        torch::full({logical}, kInitialLogit, torch::kFloat32).requires_grad_(s.searchChannels);
    s.tensorMask.resize(s.graph.tensors().size());
    s.paramMask.resize(nodes.size());
    s.scaling.resize(nodes.size());
    s.scaledVectorsOfNode.resize(nodes.size());
    std::vector<int64_t> gather, vectorIndex;
    s.gatherIndex = torch::zeros({0}, torch::kLong);
    if (!s.searchChannels || logical == 0) return;
    const auto consumers = s.graph.consumers();
    const std::vector<int>& outputs = s.graph.outputs();
    const std::vector<char> tolerant = toleratesNonZeroChannels(s.graph, consumers);
    // A tensor read only by square roots is masked after them instead: the derivative of a
    // square root at a masked zero is infinite (sqrt(|x| + eps) would give NaN gradients).
    std::vector<char> maskAfter(s.graph.tensors().size(), 0);
    for (size_t t = 0; t < s.graph.tensors().size(); ++t) {
        const int producer = s.graph.tensors()[t].producer;
        const std::vector<int>& pos = s.groups.positions(static_cast<int>(t));
        const bool prunable = std::any_of(pos.begin(), pos.end(), [](int l) { return l >= 0; });
        if (producer < 0 || !prunable) continue;
        const Node& node = nodes[static_cast<size_t>(producer)];
        if (!maskAfter[t] && opDef(node.op).preservesZero(node, s.graph)) continue;
        if (tolerant[t]) continue;
        const bool onlyRoots =
            !consumers[t].empty() &&
            std::all_of(consumers[t].begin(), consumers[t].end(),
                        [&](int c) { return nodes[static_cast<size_t>(c)].op == "sqrt"; }) &&
            std::find(outputs.begin(), outputs.end(), static_cast<int>(t)) == outputs.end();
        if (onlyRoots) {
            for (const int c : consumers[t])
                maskAfter[static_cast<size_t>(nodes[static_cast<size_t>(c)].outputs[0])] = 1;
            continue;
        }
        std::vector<int64_t> index;
        for (const int l : pos) index.push_back(l >= 0 ? l : logical);
        const OpDef::ChannelScaling scaling = opDef(node.op).channelScaling(node, s.graph);
        if (!scaling.params.empty() && node.outputs.size() == 1 &&
            scaling.axis == s.groups.axis(static_cast<int>(t))) {
            s.paramMask[static_cast<size_t>(producer)] = {
                static_cast<int64_t>(index.size()), static_cast<int64_t>(s.sliceLengths.size())};
            s.scaling[static_cast<size_t>(producer)] = scaling;
        } else {
            s.tensorMask[t] = {static_cast<int64_t>(index.size()),
                               static_cast<int64_t>(s.sliceLengths.size())};
        }
        s.sliceLengths.push_back(static_cast<int64_t>(index.size()));
        gather.insert(gather.end(), index.begin(), index.end());
        if (s.paramMask[static_cast<size_t>(producer)].length == 0) continue;
        for (const auto& [name, dim] : s.scaling[static_cast<size_t>(producer)].params) {
            if (s.params[static_cast<size_t>(producer)].at(name).dim() != 1) continue;
            s.scaledVectorsOfNode[static_cast<size_t>(producer)].push_back(s.scaledVectors.size());
            s.scaledVectors.push_back(
                {static_cast<size_t>(producer), name, static_cast<int64_t>(index.size())});
            s.scaledVectorLengths.push_back(static_cast<int64_t>(index.size()));
            vectorIndex.insert(vectorIndex.end(), index.begin(), index.end());
        }
    }
    s.gatherIndex = torch::tensor(gather, torch::kLong);
    s.scaledVectorIndex = torch::tensor(vectorIndex, torch::kLong);
}

Space::~Space() = default;
Space::Space(Space&&) noexcept = default;
Space& Space::operator=(Space&&) noexcept = default;

const Graph& Space::seed() const {
    return impl_->graph;
}
const ChannelGroups& Space::channelGroups() const {
    return impl_->groups;
}

int64_t Space::architectureParameterCount() const {
    int64_t n = 0;
    for (const torch::Tensor& p : impl_->architectureParameters()) n += p.numel();
    return n;
}

void Space::randomizeDecisions(uint64_t seedValue, double keepBias) {
    torch::NoGradGuard noGrad;
    torch::manual_seed(seedValue);
    for (torch::Tensor& p : impl_->architectureParameters())
        p.copy_(torch::rand_like(p) * 6.0 - 3.0 + keepBias);
}

void Space::keepChannelFraction(double fraction) {
    if (!impl_->searchChannels)
        throw Error("width scaling needs the channel dimension in the space");
    torch::NoGradGuard noGrad;
    const torch::Tensor logits = torch::full_like(impl_->channelLogits, -10.0);
    auto* l = logits.data_ptr<float>();
    for (const ChannelGroup& group : impl_->groups.groups()) {
        const auto n = static_cast<double>(group.channels.size());
        const auto keep = std::max<size_t>(1, static_cast<size_t>(std::llround(fraction * n)));
        for (size_t i = 0; i < group.channels.size() && i < keep; ++i) l[group.channels[i]] = 10.0F;
    }
    impl_->channelLogits.copy_(logits);
}

void Space::keepSmallest() {
    torch::NoGradGuard noGrad;
    if (impl_->searchChannels) keepChannelFraction(0.0);
    if (impl_->tapLogits.defined() && impl_->tapLogits.numel() > 0) impl_->tapLogits.fill_(-10.0);
}

Graph Space::currentWeights() const {
    Graph g = impl_->graph;
    for (size_t i = 0; i < g.nodes().size(); ++i) {
        Node& node = g.nodes()[i];
        for (auto* group : {&node.params, &node.buffers})
            for (auto& [name, w] : *group) w = fromTensor(impl_->params[i].at(name));
    }
    return g;
}

}  // namespace secateur
