#include "engine/search/limits.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "engine/util/error.h"

namespace secateur {
namespace {

// "ram" for peak_ram, as the device's data sheet says.
std::string limitCostName(const std::string& name) {
    if (name == "ram") return "peak_ram";
    return canonicalCostName(name);
}

}  // namespace

Limit parseLimit(const std::string& text) {
    const size_t eq = text.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
        throw Error("limit '" + text + "': write COST=VALUE, e.g. flash=65536 or ram=32k");
    Limit limit;
    try {
        limit.cost = limitCostName(text.substr(0, eq));
    } catch (const Error& e) {
        throw Error("limit '" + text + "': " + e.what());
    }
    std::string number = text.substr(eq + 1);
    double scale = 1.0;
    if (number.back() == 'k' || number.back() == 'K') scale = 1024.0;
    if (number.back() == 'M') scale = 1024.0 * 1024.0;
    if (scale != 1.0) number.pop_back();
    size_t used = 0;
    try {
        limit.value = std::stod(number, &used) * scale;
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != number.size() || number.empty())
        throw Error("limit '" + text + "': '" + text.substr(eq + 1) + "' is not a number");
    return checkedLimits({limit}).front();
}

std::vector<Limit> checkedLimits(const std::vector<Limit>& limits) {
    std::vector<Limit> result;
    std::set<std::string> seen;
    for (const Limit& l : limits) {
        Limit c{limitCostName(l.cost), l.value};
        if (!std::isfinite(c.value) || c.value <= 0.0)
            throw Error("limit on " + c.cost + " must be positive (got " + std::to_string(l.value) +
                        "); leave the limit out for none");
        if (!seen.insert(c.cost).second) throw Error("two limits on " + c.cost + "; give one");
        result.push_back(c);
    }
    return result;
}

LimitSweep parseLimitSweep(const std::string& text) {
    const size_t eq = text.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
        throw Error("limit sweep '" + text + "': write COST=V1,V2,..., e.g. flash=8k,16k,32k");
    LimitSweep sweep;
    const std::string cost = text.substr(0, eq);
    std::string values = text.substr(eq + 1) + ",";
    for (size_t start = 0, comma = 0; (comma = values.find(',', start)) != std::string::npos;
         start = comma + 1) {
        const std::string value = values.substr(start, comma - start);
        if (value.empty())
            throw Error("limit sweep '" + text + "': an empty value; separate values by one comma");
        const Limit limit = parseLimit(cost + "=" + value);
        sweep.cost = limit.cost;
        sweep.values.push_back(limit.value);
    }
    return checkedLimitSweep(sweep);
}

LimitSweep checkedLimitSweep(const LimitSweep& sweep) {
    if (sweep.values.empty())
        throw Error("limit sweep on " + sweep.cost + " has no values; give at least one");
    LimitSweep checked{limitCostName(sweep.cost), {}};
    for (const double v : sweep.values) {
        if (!std::isfinite(v) || v <= 0.0)
            throw Error("limit sweep on " + checked.cost + ": every value must be positive (got " +
                        std::to_string(v) + ")");
        if (std::find(checked.values.begin(), checked.values.end(), v) != checked.values.end())
            throw Error("limit sweep on " + checked.cost + " lists " + std::to_string(v) +
                        " twice");
        checked.values.push_back(v);
    }
    std::sort(checked.values.begin(), checked.values.end());
    return checked;
}

std::vector<LimitStatus> limitStatus(const std::vector<Limit>& limits, const CostValues& costs) {
    std::vector<LimitStatus> status;
    for (const Limit& l : limits) {
        const double value = costValue(costs, l.cost);
        // Estimates are compared with a relative slack of 1e-9 (their terms sum in float).
        const double slack = costInfo(l.cost).exact ? 0.0 : 1e-9 * l.value;
        status.push_back({l.cost, l.value, value, value <= l.value + slack});
    }
    return status;
}

bool allMet(const std::vector<LimitStatus>& status) {
    for (const LimitStatus& s : status)
        if (!s.met) return false;
    return true;
}

}  // namespace secateur
