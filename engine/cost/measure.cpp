#include "engine/cost/cost.h"

#include "engine/cost/cost_model.h"
#include "engine/graph/error.h"
#include "engine/space/space.h"

namespace secateur {

Measurement measure(const Graph& graph) {
    Measurement m;
    for (const Node& node : graph.nodes()) {
        const OpDef& op = opDef(node.op);
        // A node sharing another's parameters (a module used twice) does not own them.
        const int64_t params = node.attrs.has("shared_with") ? 0 : op.measureParams(node);
        LayerCost layer{node.name, node.op, params, op.measureMacs(node, graph)};
        m.params += layer.params;
        m.macs += layer.macs;
        m.layers.push_back(layer);
    }
    return m;
}

const std::vector<std::string>& costNames() {
    static const std::vector<std::string> names{"params", "macs"};
    return names;
}

void checkCostName(const std::string& cost) {
    for (const std::string& name : costNames())
        if (name == cost) return;
    std::string known;
    for (const std::string& name : costNames()) known += (known.empty() ? "" : ", ") + name;
    throw Error("unknown cost '" + cost + "'; known costs: " + known);
}

double costAt(const Space& space, const std::string& cost) {
    torch::NoGradGuard noGrad;
    const CostModel model(space.impl(), cost);
    return model.evaluate(space.impl().stepMasks()).item<double>();
}

}  // namespace secateur
