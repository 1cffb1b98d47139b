#include "engine/cost/cost.h"
#include "engine/cost/cost_def.h"
#include "engine/cost/cost_model.h"
#include "engine/space/space.h"

namespace secateur {

Measurement measure(const Graph& graph, const std::string& targetName) {
    const Target& device = target(targetName);
    Measurement m;
    m.target = device.name;
    for (const Node& node : graph.nodes()) m.layers.push_back({node.name, node.op, {}});
    for (const auto& def : builtinCosts().all()) {
        const std::string name = def->info().name;
        const std::vector<double> perNode = def->measureNodes(graph, device);
        double total = 0.0;
        for (size_t n = 0; n < perNode.size(); ++n) {
            m.layers[n].costs[name] = perNode[n];
            total += perNode[n];
        }
        m.totals[name] = total;
    }
    return m;
}

double costAt(const Space& space, const std::string& cost, const std::string& targetName) {
    torch::NoGradGuard noGrad;
    const CostModel model(space.impl(), costDef(cost), target(targetName));
    return model.evaluate(space.impl().stepMasks()).item<double>();
}

}  // namespace secateur
