#include "engine/export/layer_table.h"

#include <cmath>

#include "engine/cost/cost.h"
#include "engine/cost/layer_terms.h"

namespace secateur {

std::vector<LayerRow> layerTable(const Graph& graph, const std::string& target) {
    const Measurement m = measure(graph, target);
    std::vector<LayerRow> rows;
    for (size_t i = 0; i < graph.nodes().size(); ++i) {
        const Node& node = graph.nodes()[i];
        const LayerCost& cost = m.layers[i];
        bool any = false;
        for (const auto& entry : cost.costs) any = any || entry.second != 0.0;
        if (!any) continue;
        LayerRow row;
        row.node = node.name;
        row.op = node.op;
        row.kind = layerKind(node);
        row.costs = cost.costs;
        row.outputShape = graph.tensor(node.outputs[0]).shape;
        row.elements = std::llround(touchedElements(node, graph));
        const auto weight = node.params.find("weight");
        const bool conv = isConvolution(row.kind);
        if (conv || row.kind == LayerKind::Linear) {
            row.channels = weight->second.shape[0];
        } else if (row.outputShape.size() > 1) {
            row.channels = row.outputShape[1];
        }
        if (node.attrs.has("weight_bits")) row.weightBits = node.attrs.getInts("weight_bits");
        if (conv) {
            row.kernel.assign(weight->second.shape.begin() + 2, weight->second.shape.end());
            row.dilation = node.attrs.getInts("dilation");
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace secateur
