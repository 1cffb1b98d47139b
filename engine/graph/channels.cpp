#include "engine/graph/channels.h"

#include <algorithm>
#include <numeric>
#include <set>

#include "engine/graph/ops/op.h"
#include "engine/util/error.h"

namespace secateur {

ChannelAnalysis::ChannelAnalysis(const Graph& graph)
    : graph_(graph), maps_(graph.tensors().size()) {}

void ChannelAnalysis::setMap(int tensor, ChannelMap map) {
    maps_.at(static_cast<size_t>(tensor)) = std::move(map);
}

void ChannelAnalysis::createAtoms(int tensor, int axis) {
    const Shape& shape = graph_.tensor(tensor).shape;
    ChannelMap map{axis, {}};
    for (int64_t i = 0; i < shape.at(static_cast<size_t>(axis)); ++i)
        map.atoms.push_back(newAtom());
    setMap(tensor, std::move(map));
}

int ChannelAnalysis::newAtom() {
    parent_.push_back(static_cast<int>(parent_.size()));
    fixed_.push_back(0);
    return parent_.back();
}

int ChannelAnalysis::find(int atom) const {
    auto a = static_cast<size_t>(atom);
    while (parent_[a] != static_cast<int>(a)) {
        parent_[a] = parent_[static_cast<size_t>(parent_[a])];
        a = static_cast<size_t>(parent_[a]);
    }
    return static_cast<int>(a);
}

void ChannelAnalysis::unite(int atomA, int atomB) {
    const int a = find(atomA), b = find(atomB);
    if (a == b) return;
    parent_[static_cast<size_t>(b)] = a;
    fixed_[static_cast<size_t>(a)] =
        fixed_[static_cast<size_t>(a)] || fixed_[static_cast<size_t>(b)];
}

void ChannelAnalysis::fix(int atom) {
    fixed_[static_cast<size_t>(find(atom))] = 1;
}

void ChannelAnalysis::fixTensor(int tensor) {
    for (const int atom : map(tensor).atoms) fix(atom);
}

void ChannelAnalysis::uniteMaps(const ChannelMap& a, const ChannelMap& b) {
    if (a.axis == b.axis && a.atoms.size() == b.atoms.size()) {
        for (size_t i = 0; i < a.atoms.size(); ++i) unite(a.atoms[i], b.atoms[i]);
        return;
    }
    for (const int atom : a.atoms) fix(atom);
    for (const int atom : b.atoms) fix(atom);
}

ChannelGroups::ChannelGroups(const Graph& graph, const std::vector<std::string>& keepOutputs) {
    ChannelAnalysis analysis(graph);
    for (const int x : graph.inputs()) {
        if (graph.tensor(x).shape.size() < 2) continue;
        analysis.createAtoms(x, 1);
        analysis.fixTensor(x);
    }
    for (const Node& node : graph.nodes()) {
        opDef(node.op).propagateChannels(node, analysis);
        const bool outputsWhole =
            std::find(keepOutputs.begin(), keepOutputs.end(), node.name) != keepOutputs.end();
        if (node.frozen)
            for (const int t : node.inputs) analysis.fixTensor(t);
        if (node.frozen || outputsWhole)
            for (const int t : node.outputs) analysis.fixTensor(t);
    }
    // Nodes sharing parameters keep and remove the same channels (or, when their channel maps
    // disagree, keep them all).
    for (const Node& node : graph.nodes()) {
        if (!node.attrs.has("shared_with")) continue;
        const Node& owner =
            graph
                .nodes()[static_cast<size_t>(graph.nodeIndex(node.attrs.getString("shared_with")))];
        const auto unite = [&](const std::vector<int>& a, const std::vector<int>& b) {
            for (size_t i = 0; i < std::min(a.size(), b.size()); ++i)
                analysis.uniteMaps(analysis.map(a[i]), analysis.map(b[i]));
        };
        unite(node.inputs, owner.inputs);
        unite(node.outputs, owner.outputs);
    }
    for (const int y : graph.outputs()) analysis.fixTensor(y);

    std::vector<int> logicalOfRoot(static_cast<size_t>(analysis.atomCount()), -1);
    const size_t tensorCount = graph.tensors().size();
    axes_.assign(tensorCount, -1);
    positions_.assign(tensorCount, {});
    for (size_t t = 0; t < tensorCount; ++t) {
        const ChannelMap& map = analysis.map(static_cast<int>(t));
        axes_[t] = map.axis;
        for (const int atom : map.atoms) {
            const int root = analysis.find(atom);
            int logical = -1;
            if (!analysis.isFixed(root)) {
                int& slot = logicalOfRoot[static_cast<size_t>(root)];
                if (slot < 0) slot = logicalCount_++;
                logical = slot;
            }
            positions_[t].push_back(logical);
        }
    }

    // Groups: logical channels linked through any tensor (a small union-find over logical ids).
    std::vector<int> parent(static_cast<size_t>(logicalCount_));
    std::iota(parent.begin(), parent.end(), 0);
    const auto root = [&parent](int i) {
        while (parent[static_cast<size_t>(i)] != i)
            i = parent[static_cast<size_t>(i)] =
                parent[static_cast<size_t>(parent[static_cast<size_t>(i)])];
        return i;
    };
    std::set<std::vector<int>> keepOne;
    for (size_t t = 0; t < tensorCount; ++t) {
        std::vector<int> prunable;
        for (const int l : positions_[t])
            if (l >= 0) prunable.push_back(l);
        for (size_t i = 1; i < prunable.size(); ++i)
            parent[static_cast<size_t>(root(prunable[i]))] = root(prunable[0]);
        if (!prunable.empty() && prunable.size() == positions_[t].size()) {
            std::sort(prunable.begin(), prunable.end());
            prunable.erase(std::unique(prunable.begin(), prunable.end()), prunable.end());
            keepOne.insert(prunable);
        }
    }
    keepOneSets_.assign(keepOne.begin(), keepOne.end());
    std::vector<int> groupOfRoot(static_cast<size_t>(logicalCount_), -1);
    groupOf_.assign(static_cast<size_t>(logicalCount_), -1);
    for (int l = 0; l < logicalCount_; ++l) {
        int& g = groupOfRoot[static_cast<size_t>(root(l))];
        if (g < 0) {
            g = static_cast<int>(groups_.size());
            groups_.emplace_back();
        }
        groupOf_[static_cast<size_t>(l)] = g;
        groups_[static_cast<size_t>(g)].channels.push_back(l);
    }
    for (size_t t = 0; t < tensorCount; ++t) {
        const auto it =
            std::find_if(positions_[t].begin(), positions_[t].end(), [](int l) { return l >= 0; });
        if (it != positions_[t].end())
            groups_[static_cast<size_t>(groupOf_[static_cast<size_t>(*it)])].tensors.push_back(
                static_cast<int>(t));
    }
}

std::vector<int64_t> ChannelGroups::keptPositions(int tensor, const std::vector<bool>& keep) const {
    std::vector<int64_t> kept;
    const std::vector<int>& pos = positions(tensor);
    for (size_t i = 0; i < pos.size(); ++i)
        if (pos[i] < 0 || keep.at(static_cast<size_t>(pos[i])))
            kept.push_back(static_cast<int64_t>(i));
    return kept;
}

}  // namespace secateur
