// peak_ram: the most activation bytes live at one step of the execution plan (engine/plan), at the
// target's activation width. Each step is a group of the peak; a buffer is charged to the node
// that writes it (graph inputs to the first node).
#include "engine/cost/cost_def.h"
#include "engine/plan/plan.h"

namespace secateur {
namespace {

class PeakRamCost final : public CostDef {
public:
    CostInfo info() const override {
        return {"peak_ram",
                "byte",
                "Peak RAM",
                "Largest activation memory live at one step of the execution plan (in-place "
                "activations reuse their input, residual branches hold theirs).",
                true,
                ""};
    }
    Aggregation aggregation() const override { return Aggregation::MaxOfGroups; }

    std::vector<PlacedTerm> terms(const Graph& graph, const Target& target) const override {
        const ExecutionPlan plan = planExecution(graph);
        std::vector<PlacedTerm> placed;
        for (size_t s = 0; s < plan.steps.size(); ++s)
            for (const int b : plan.steps[s].live) {
                const PlanBuffer& buffer = plan.buffers[static_cast<size_t>(b)];
                const CostFactor elements{CostFactor::Kind::Elements, buffer.tensors.front(), 0};
                placed.push_back({plan.steps[static_cast<size_t>(buffer.first)].node,
                                  static_cast<int>(s),
                                  {static_cast<double>(target.activationBytes), {elements}, ""}});
            }
        return placed;
    }

    std::vector<double> measureNodes(const Graph& graph, const Target& target) const override {
        const ExecutionPlan plan = planExecution(graph);
        std::vector<double> values(graph.nodes().size(), 0.0);
        if (plan.steps.empty()) return values;
        for (const int b : plan.steps[static_cast<size_t>(plan.peakStep())].live) {
            const PlanBuffer& buffer = plan.buffers[static_cast<size_t>(b)];
            values[static_cast<size_t>(plan.steps[static_cast<size_t>(buffer.first)].node)] +=
                static_cast<double>(buffer.elements * target.activationBytes);
        }
        return values;
    }
};

}  // namespace

void registerPeakRamCost(CostRegistry& registry) {
    registry.add(std::make_shared<PeakRamCost>());
}

}  // namespace secateur
