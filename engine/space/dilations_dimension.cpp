// The dilation dimension: power-of-two spacing of Conv1d taps, by nested gates over the taps that
// a coarser spacing drops. Output shapes are unchanged.
#include "engine/space/space_impl.h"

namespace secateur {
namespace {

int64_t dilationGates(const std::vector<int64_t>& kernel) {
    if (kernel.size() != 1 || kernel[0] < 3) return 0;
    int64_t m = 0;
    while ((int64_t{2} << m) <= kernel[0] - 1) ++m;
    return m;
}

class DilationsDimension final : public DimensionDef {
public:
    DimensionInfo info() const override {
        return {"dilations", "Dilations",
                "Power-of-two spacing of Conv1d taps: a coarser dilation covers the same span "
                "with fewer taps",
                "Conv1d with 3 or more taps", true};
    }
    std::string ineligible(const Node& node, const Graph& graph) const override {
        if (std::string why = notSearchableConv(node); !why.empty()) return why;
        const std::vector<int64_t> k = kernelOf(node);
        if (k.size() != 1) return "dilation search applies to Conv1d only";
        if (dilationGates(k) == 0)
            return "its kernel of " + std::to_string(k[0]) + " taps is too short to dilate";
        return sharedKernel(node, graph);
    }
    void plan(SpacePlan& plan, const Graph& graph, const std::set<int>& nodes) const override {
        for (const int n : nodes) {
            const int64_t k = kernelOf(graph.nodes()[static_cast<size_t>(n)])[0];
            const int64_t m = dilationGates({k});
            std::vector<int64_t> levels;  // how often 2 divides the distance from the newest tap
            for (int64_t t = 0; t < k; ++t) {
                const int64_t distance = k - 1 - t;
                int64_t v = 0;
                while (distance > 0 && v < m && distance % (int64_t{2} << v) == 0) ++v;
                levels.push_back(distance == 0 ? m : v);
            }
            plan.tapGates[n].push_back({0, m, 0, std::move(levels), "dilations"});
        }
        plan.addState("taps", makeTapGateState);
    }
    std::optional<DimensionEntry> decide(const SpaceImpl& s, int node,
                                         LayerDecision& d) const override {
        const int tap = s.tapOfNode[static_cast<size_t>(node)];
        if (tap < 0 || !s.taps[static_cast<size_t>(tap)].searchedBy("dilations") ||
            d.dilation.empty())
            return std::nullopt;
        return DimensionEntry{"dilation " + std::to_string(d.dilation[0]) + " (seed " +
                              std::to_string(d.seedDilation[0]) + ")"};
    }
};

}  // namespace

void registerDilationsDimension(DimensionRegistry& registry) {
    registry.add("dilations", std::make_shared<DilationsDimension>());
}

}  // namespace secateur
