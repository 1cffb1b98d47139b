// A searchable network: the seed plus trainable decisions (channel masks, kernel and dilation
// gates). Public and free of LibTorch; the tensors live behind a pimpl.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/graph/channels.h"
#include "engine/graph/ir.h"
#include "engine/graph/layer_kind.h"
#include "engine/space/dimensions.h"

namespace secateur {

struct SpaceImpl;
class DimensionDef;
template <typename Def>
class Registry;

// What one search dimension decided for one layer, as the dimension states it.
struct DimensionEntry {
    std::string summary;  // "12 of 32 channels", "3 taps (seed 5)"; for views and the CLI
};

// The current hard decisions of one conv or linear layer, and the soft values behind them. The
// geometry (kept channels, kernel, dilation) is the layer's whatever searched it; `dimensions`
// says which dimensions search the layer and what each decided.
struct LayerDecision {
    std::string node;
    std::string op;
    LayerKind kind = LayerKind::Other;  // what the views show; `op` is the IR's op kind
    int64_t keptChannels = 0, totalChannels = 0;
    std::vector<float> keepProbability;  // per output channel (1 for channels that cannot go)
    std::vector<bool> kept;              // per output channel
    std::vector<int64_t> kernel, seedKernel;
    std::vector<int64_t> dilation, seedDilation;
    // Bits of each output channel's weights (0: pruned); empty when the layer is not quantised.
    std::vector<int> weightBits;
    std::map<std::string, DimensionEntry> dimensions;  // by dimension name: those searching it
    bool searches(const std::string& dimension) const { return dimensions.count(dimension) > 0; }
};

struct Decisions {
    std::vector<LayerDecision> layers;
};

class Space {
public:
    // Copies the seed (the caller's graph is never modified) in the form an import of its export
    // has (canonicalGraph, graph/rewrite.h: no identity or unread nodes, zero pads folded into
    // convs), and adds the decisions of
    // the named dimensions, looked up in `dimensions` (default: the built-in registry). Touches no
    // global state (the random generator included).
    Space(const Graph& seed, const std::vector<Dimension>& dimensions,
          const Registry<DimensionDef>* registry = nullptr);
    ~Space();
    Space(Space&&) noexcept;
    Space& operator=(Space&&) noexcept;
    Space(const Space&) = delete;
    Space& operator=(const Space&) = delete;

    const Graph& seed() const;  // as the space holds it: canonicalGraph of the seed
    const ChannelGroups& channelGroups() const;
    Decisions decisions() const;
    // Number of trainable architecture parameters (mask logits and gates).
    int64_t architectureParameterCount() const;
    // Sets every architecture parameter at random (for tests and demos), seeded.
    void randomizeDecisions(uint64_t seedValue, double keepBias = 0.0);
    // Keeps the first round(fraction x size) channels (at least one) of every channel group and
    // drops the rest: uniform width scaling, for baselines. Needs the channel dimension.
    void keepChannelFraction(double fraction);
    // The smallest network the space can reach: every dimension at its cheapest (one channel per
    // channel group, every kernel and dilation gate closed).
    void keepSmallest();
    // The trained weights back in plain form (same topology as the seed).
    Graph currentWeights() const;

    SpaceImpl& impl() { return *impl_; }
    const SpaceImpl& impl() const { return *impl_; }

private:
    std::unique_ptr<SpaceImpl> impl_;
};

}  // namespace secateur
