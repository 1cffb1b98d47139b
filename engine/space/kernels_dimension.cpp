// The kernel dimension: the receptive field of each convolution, by nested gates over its taps.
// Conv1d drops taps from the far (oldest) end of the time axis; Conv2d shrinks each axis
// symmetrically (7x7 -> 5x5 -> 3x3 -> 1x1). Output shapes are unchanged.
#include "engine/space/space_impl.h"

namespace secateur {
namespace {

int64_t receptiveGates(const std::vector<int64_t>& kernel, size_t d) {
    return kernel.size() == 1 ? kernel[0] - 1 : (kernel[d] - 1) / 2;
}

std::string joinSizes(const std::vector<int64_t>& sizes) {
    std::string out;
    for (const int64_t s : sizes) out += (out.empty() ? "" : "x") + std::to_string(s);
    return out;
}

class KernelsDimension final : public DimensionDef {
public:
    DimensionInfo info() const override {
        return {"kernels", "Kernels",
                "The receptive field of each convolution: Conv1d drops taps from the oldest end of "
                "the time axis, Conv2d shrinks symmetrically (7x7 -> 5x5 -> 3x3)",
                "conv with a kernel of 2 or more taps (Conv2d: an axis of 3 or more)", true};
    }
    std::string ineligible(const Node& node, const Graph& graph) const override {
        if (std::string why = notSearchableConv(node); !why.empty()) return why;
        const std::vector<int64_t> k = kernelOf(node);
        bool shrinkable = false;
        for (size_t d = 0; d < k.size(); ++d) shrinkable = shrinkable || receptiveGates(k, d) > 0;
        if (!shrinkable) return "its kernel " + toString(k) + " has nothing to shrink";
        return sharedKernel(node, graph);
    }
    void plan(SpacePlan& plan, const Graph& graph, const std::set<int>& nodes) const override {
        for (const int n : nodes) {
            const std::vector<int64_t> kernel = kernelOf(graph.nodes()[static_cast<size_t>(n)]);
            for (size_t d = 0; d < kernel.size(); ++d) {
                const int64_t k = kernel[d], count = receptiveGates(kernel, d);
                if (count == 0) continue;
                std::vector<int64_t> levels;
                for (int64_t t = 0; t < k; ++t)
                    levels.push_back(kernel.size() == 1 ? t : std::min({t, k - 1 - t, count}));
                plan.tapGates[n].push_back({0, count, d, std::move(levels), "kernels"});
            }
        }
        plan.addState("taps", makeTapGateState);
    }
    std::optional<DimensionEntry> decide(const SpaceImpl& s, int node,
                                         LayerDecision& d) const override {
        const int tap = s.tapOfNode[static_cast<size_t>(node)];
        if (tap < 0 || !s.taps[static_cast<size_t>(tap)].searchedBy("kernels")) return std::nullopt;
        return DimensionEntry{"kernel " + joinSizes(d.kernel) + " (seed " +
                              joinSizes(d.seedKernel) + ")"};
    }
};

}  // namespace

void registerKernelsDimension(DimensionRegistry& registry) {
    registry.add("kernels", std::make_shared<KernelsDimension>());
}

}  // namespace secateur
