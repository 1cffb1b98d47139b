// Channel groups: which channels of which tensors must be kept or removed together.
//
// Every channel of every tensor is an *atom*. Producers (conv, linear) create atoms; ops that keep
// channels aligned (activations, BN, residual add, depthwise conv) pass them on or unite them;
// concat and split rearrange them. Atoms united end up in one *logical channel*, the unit a search
// keeps or removes. Logical channels touching the network's inputs or outputs, or an op that cannot
// be sliced, are fixed. Logical channels linked through tensors form a *channel group*.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/graph/ir.h"

namespace secateur {

// The channels of one tensor along one axis: atoms[i] is the atom at position i.
struct ChannelMap {
    int axis = -1;  // -1: no channel axis tracked
    std::vector<int> atoms;
};

// Built by the ops' propagateChannels; used through ChannelGroups afterwards.
class ChannelAnalysis {
public:
    explicit ChannelAnalysis(const Graph& graph);

    const Graph& graph() const { return graph_; }
    const ChannelMap& map(int tensor) const { return maps_.at(static_cast<size_t>(tensor)); }
    void setMap(int tensor, ChannelMap map);
    // New atoms along `axis` of `tensor`, one per channel.
    void createAtoms(int tensor, int axis);
    // One new atom, for channels an op adds (zero padding along the channel axis).
    int newAtom();
    void unite(int atomA, int atomB);
    void fix(int atom);
    void fixTensor(int tensor);
    // Unites two maps position by position (same axis and length), otherwise fixes both.
    void uniteMaps(const ChannelMap& a, const ChannelMap& b);

    int find(int atom) const;
    bool isFixed(int atom) const { return fixed_[static_cast<size_t>(find(atom))]; }
    int atomCount() const { return static_cast<int>(parent_.size()); }

private:
    const Graph& graph_;
    std::vector<ChannelMap> maps_;
    mutable std::vector<int> parent_;
    std::vector<char> fixed_;
};

struct ChannelGroup {
    std::vector<int> channels;  // logical channel ids
    std::vector<int> tensors;   // tensors whose tracked axis holds these channels
};

// The result of the analysis, as plain indices.
class ChannelGroups {
public:
    // Runs the analysis. Nodes marked frozen keep all their input and output channels; nodes named
    // in `keepOutputs` keep their output channels (their inputs may still shrink).
    explicit ChannelGroups(const Graph& graph, const std::vector<std::string>& keepOutputs = {});

    int logicalCount() const { return logicalCount_; }
    // Per tensor: tracked axis and, per position, the logical channel or -1 when fixed.
    int axis(int tensor) const { return axes_.at(static_cast<size_t>(tensor)); }
    const std::vector<int>& positions(int tensor) const {
        return positions_.at(static_cast<size_t>(tensor));
    }
    const std::vector<ChannelGroup>& groups() const { return groups_; }
    int groupOf(int logical) const { return groupOf_.at(static_cast<size_t>(logical)); }
    // Sets of logical channels of which at least one must be kept (one per tensor whose channels
    // are all prunable), deduplicated.
    const std::vector<std::vector<int>>& keepOneSets() const { return keepOneSets_; }
    // Kept positions of `tensor` given a keep flag per logical channel.
    std::vector<int64_t> keptPositions(int tensor, const std::vector<bool>& keep) const;

private:
    int logicalCount_ = 0;
    std::vector<int> axes_;
    std::vector<std::vector<int>> positions_;
    std::vector<ChannelGroup> groups_;
    std::vector<int> groupOf_;
    std::vector<std::vector<int>> keepOneSets_;
};

}  // namespace secateur
