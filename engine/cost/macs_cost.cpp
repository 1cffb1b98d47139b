// macs: multiply-accumulates of convolution and linear layers for one sample.
#include "engine/cost/cost_def.h"

namespace secateur {
namespace {

class MacsCost final : public CostDef {
public:
    CostInfo info() const override {
        return {"macs", "MAC",
                "MACs", "Multiply-accumulates of the convolution and linear layers for one sample.",
                true,   ""};
    }

    std::vector<CostTerm> nodeTerms(const Node& node, int index, const Graph& graph,
                                    const Target&) const override {
        return opDef(node.op).costTerms(node, index, graph).macs;
    }

    double measureNode(const Node& node, const Graph& graph, const Target&) const override {
        return static_cast<double>(opDef(node.op).measureMacs(node, graph));
    }
};

}  // namespace

void registerMacsCost(CostRegistry& registry) {
    registry.add(std::make_shared<MacsCost>());
}

}  // namespace secateur
