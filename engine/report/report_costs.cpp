// How a sweep's report names and formats costs, from the registry's labels and units.
#include <cctype>
#include <cmath>
#include <cstdio>

#include "engine/cost/cost.h"
#include "engine/report/report.h"

namespace secateur {
namespace {

const CostInfo* findCost(const std::string& cost) {
    for (const CostInfo& info : costCatalog())
        if (info.name == cost) return &info;
    return nullptr;
}

// "latency" from "Latency", "MACs" as it is.
std::string lowerLabel(const CostInfo& info) {
    std::string label = info.label;
    if (label.size() > 1 && !std::isupper(static_cast<unsigned char>(label[1])))
        label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
    return label;
}

std::string plural(const std::string& unit) {
    return unit == "ms" || unit.empty() || unit.back() == 'J' ? unit : unit + "s";
}

}  // namespace

std::string formatCost(const std::string& cost, double value) {
    if (!std::isfinite(value)) return "-";
    const CostInfo* info = findCost(cost);
    if (!info || info->exact) return formatCount(value);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4g", value);
    return buffer;
}

std::string costAxisName(const std::string& cost) {
    const CostInfo* info = findCost(cost);
    if (!info) return cost;
    if (info->exact && info->unit != "byte") return plural(info->unit);
    return lowerLabel(*info) + " in " + plural(info->unit);
}

std::string costPhrase(const std::string& cost, double value) {
    const CostInfo* info = findCost(cost);
    if (!info) return cost + " " + formatCost(cost, value);
    if (info->exact && info->unit != "byte")
        return formatCost(cost, value) + " " + plural(info->unit);
    return lowerLabel(*info) + " " + formatCost(cost, value) + " " + plural(info->unit);
}

}  // namespace secateur
