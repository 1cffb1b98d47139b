// latency_ms: the target's estimate of one inference. Per layer that runs code:
// cycles = perMac x MACs + perElement x (input + output elements) + perLayer, by layer kind, at the
// target's clock; layers run one after another. Constants and their error: docs/targets.md.
#include "engine/cost/cost_def.h"
#include "engine/cost/layer_terms.h"

namespace secateur {

namespace {

double msPerCycle(const Target& target) {
    return 1.0 / (target.clockMhz * 1000.0);
}

class LatencyCost final : public CostDef {
public:
    CostInfo info() const override {
        return {"latency_ms",
                "ms",
                "Latency",
                "Estimated time of one inference on the target, from cycles per MAC, per element "
                "and per layer of each kind of layer.",
                false,
                "see docs/targets.md: each target states its error"};
    }

    std::vector<CostTerm> nodeTerms(const Node& node, int index, const Graph& graph,
                                    const Target& target) const override {
        std::vector<CostTerm> terms;
        if (!runsCode(node)) return terms;
        const KernelRate& rate = target.rate(layerKind(node));
        const double scale = msPerCycle(target);
        appendScaled(terms, opDef(node.op).costTerms(node, index, graph).macs,
                     rate.cyclesPerMac * scale);
        appendScaled(terms, touchedElementTerms(node, rate.cyclesPerElement), scale);
        terms.push_back({rate.cyclesPerLayer * scale, {}, ""});
        return terms;
    }

    double measureNode(const Node& node, const Graph& graph, const Target& target) const override {
        if (!runsCode(node)) return 0.0;
        const KernelRate& rate = target.rate(layerKind(node));
        const double cycles =
            rate.cyclesPerMac * static_cast<double>(opDef(node.op).measureMacs(node, graph)) +
            rate.cyclesPerElement * touchedElements(node, graph) + rate.cyclesPerLayer;
        return cycles * msPerCycle(target);
    }
};

}  // namespace

void registerLatencyCost(CostRegistry& registry) {
    registry.add(std::make_shared<LatencyCost>());
}

}  // namespace secateur
