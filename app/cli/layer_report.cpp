#include "app/cli/layer_report.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "engine/cost/cost.h"
#include "engine/cost/cost_json.h"
#include "engine/export/layer_table.h"

namespace secateur::cli {
namespace {

std::string joinDims(const std::vector<int64_t>& v, const char* sep) {
    std::string s;
    for (const int64_t d : v) s += (s.empty() ? "" : sep) + std::to_string(d);
    return s;
}

// "8", or "2-8" for a layer whose channels differ; "-" for a float layer.
std::string bitsText(const std::vector<int64_t>& bits) {
    if (bits.empty()) return "-";
    const auto [low, high] = std::minmax_element(bits.begin(), bits.end());
    return *low == *high ? std::to_string(*low)
                         : std::to_string(*low) + "-" + std::to_string(*high);
}

}  // namespace

nlohmann::json layersJson(const Graph& graph, const std::string& target) {
    nlohmann::json layers = nlohmann::json::array();
    for (const LayerRow& r : layerTable(graph, target)) {
        nlohmann::json layer{{"name", r.node},
                             {"kind", r.op},
                             {"layer_kind", layerKindName(r.kind)},
                             {"channels", r.channels},
                             {"kernel", r.kernel},
                             {"dilation", r.dilation},
                             {"output_shape", r.outputShape},
                             {"elements", r.elements}};
        if (!r.weightBits.empty()) layer["weight_bits"] = r.weightBits;
        layer.update(costValuesJson(r.costs));
        layers.push_back(layer);
    }
    return layers;
}

void printLayerTable(const Graph& graph, const std::string& target, std::ostream& out) {
    const Measurement total = measure(graph, target);
    const std::vector<CostInfo>& costs = costCatalog();
    const auto value = [](const CostValues& values, const CostInfo& cost) {
        std::ostringstream text;
        if (cost.exact)
            text << std::llround(costValue(values, cost.name));
        else
            text << std::setprecision(4) << costValue(values, cost.name);
        return text.str();
    };
    const std::vector<LayerRow> rows = layerTable(graph, target);
    // A column of weight bits for a quantised network only.
    const bool quantised = std::any_of(rows.begin(), rows.end(),
                                       [](const LayerRow& r) { return !r.weightBits.empty(); });
    out << std::left << std::setw(28) << "layer" << std::setw(12) << "kind" << std::right
        << std::setw(9) << "channels" << std::setw(9) << "kernel" << std::setw(9) << "dilation";
    if (quantised) out << std::setw(6) << "bits";
    for (const CostInfo& cost : costs) out << std::setw(13) << cost.label;
    out << "\n";
    for (const LayerRow& r : rows) {
        out << std::left << std::setw(28) << r.node.substr(0, 27) << std::setw(12) << r.op
            << std::right << std::setw(9) << r.channels << std::setw(9)
            << (r.kernel.empty() ? "-" : joinDims(r.kernel, "x")) << std::setw(9)
            << (r.dilation.empty() ? "-" : joinDims(r.dilation, "x"));
        if (quantised) out << std::setw(6) << bitsText(r.weightBits);
        for (const CostInfo& cost : costs) out << std::setw(13) << value(r.costs, cost);
        out << "\n";
    }
    out << std::left << std::setw(quantised ? 73 : 67) << "total" << std::right;
    for (const CostInfo& cost : costs) out << std::setw(13) << value(total.totals, cost);
    out << "\n";
}

}  // namespace secateur::cli
