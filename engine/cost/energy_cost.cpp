// energy_uj: the target's estimate of one inference's energy: active power x latency plus a cost
// per byte of memory traffic (the stored weights read once, activations read and written), so a
// network with fewer bytes to move can win on energy while losing on latency.
#include "engine/cost/cost_def.h"
#include "engine/cost/layer_terms.h"

namespace secateur {

namespace {

constexpr double kUjPerNj = 1e-3;

class EnergyCost final : public CostDef {
public:
    CostInfo info() const override {
        return {"energy_uj",
                "µJ",
                "Energy",
                "Estimated energy of one inference on the target: active power x latency plus "
                "memory traffic (weights read, activations read and written).",
                false,
                "see docs/targets.md: the latency error plus an uncalibrated traffic term"};
    }

    std::vector<CostTerm> nodeTerms(const Node& node, int index, const Graph& graph,
                                    const Target& target) const override {
        std::vector<CostTerm> terms;
        if (!runsCode(node)) return terms;
        const double perByte = target.energyPerByteNj * kUjPerNj;
        appendScaled(terms, costDef("latency_ms").nodeTerms(node, index, graph, target),
                     target.activePowerMw);  // mW x ms = µJ
        appendScaled(terms, costDef("flash").nodeTerms(node, index, graph, target), perByte);
        appendScaled(terms, touchedElementTerms(node, target.activationBytes), perByte);
        return terms;
    }

    double measureNode(const Node& node, const Graph& graph, const Target& target) const override {
        if (!runsCode(node)) return 0.0;
        const double perByte = target.energyPerByteNj * kUjPerNj;
        return target.activePowerMw * costDef("latency_ms").measureNode(node, graph, target) +
               perByte * (costDef("flash").measureNode(node, graph, target) +
                          target.activationBytes * touchedElements(node, graph));
    }
};

}  // namespace

void registerEnergyCost(CostRegistry& registry) {
    registry.add(std::make_shared<EnergyCost>());
}

}  // namespace secateur
