#include "engine/cost/cost.h"
#include "engine/cost/cost_def.h"
#include "engine/cost/cost_model.h"
#include "engine/space/space.h"

namespace secateur {

Measurement measure(const Graph& graph) {
    Measurement m;
    for (const Node& node : graph.nodes()) m.layers.push_back({node.name, node.op, {}});
    for (const auto& def : builtinCosts().all()) {
        const std::string name = def->info().name;
        std::vector<double> perNode;
        for (size_t n = 0; n < graph.nodes().size(); ++n) {
            perNode.push_back(def->measureNode(graph.nodes()[n], graph));
            m.layers[n].costs[name] = perNode.back();
        }
        m.totals[name] = def->measureTotal(graph, perNode);
    }
    return m;
}

double costAt(const Space& space, const std::string& cost) {
    torch::NoGradGuard noGrad;
    const CostModel model(space.impl(), costDef(cost));
    return model.evaluate(space.impl().stepMasks()).item<double>();
}

}  // namespace secateur
