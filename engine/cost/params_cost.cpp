// params: every trainable parameter, as PyTorch counts them (buffers excluded). A node that shares
// another's parameters (a module used twice) does not own them; parameters the import folded into
// constants (attribute "folded_params", e.g. a supernet block's softmax weights) are counted.
#include "engine/cost/cost_def.h"

namespace secateur {
namespace {

class ParamsCost final : public CostDef {
public:
    CostInfo info() const override {
        return {"params",     "parameter",
                "Parameters", "Trainable parameters (weights and biases) of the network.",
                true,         ""};
    }

    std::vector<CostTerm> nodeTerms(const Node& node, int index, const Graph& graph,
                                    const Target&) const override {
        if (node.attrs.has("shared_with")) return {};
        std::vector<CostTerm> terms = opDef(node.op).costTerms(node, index, graph).params;
        if (const int64_t folded = node.attrs.getInt("folded_params", 0); folded > 0)
            terms.push_back({static_cast<double>(folded), {}, ""});
        return terms;
    }

    double measureNode(const Node& node, const Graph&, const Target&) const override {
        if (node.attrs.has("shared_with")) return 0.0;
        return static_cast<double>(opDef(node.op).measureParams(node) +
                                   node.attrs.getInt("folded_params", 0));
    }
};

}  // namespace

void registerParamsCost(CostRegistry& registry) {
    registry.add(std::make_shared<ParamsCost>());
}

}  // namespace secateur
