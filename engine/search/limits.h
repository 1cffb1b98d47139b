// Limits: maxima on costs that every exported network meets (flash <= 64 kB, RAM <= 32 kB). The
// search adds a penalty that vanishes inside the limits and whose strength grows while a limit is
// exceeded; if the search still ends outside, a repair removes the least important channels, then
// kernel taps, before the fine-tune. Plain data, free of LibTorch.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/cost/cost.h"

namespace secateur {

// At most `value` of `cost`, in the cost's unit (bytes for flash and peak_ram, ms, µJ).
struct Limit {
    std::string cost;
    double value = 0.0;
    bool operator==(const Limit& o) const { return cost == o.cost && value == o.value; }
};

// The limit on `cost` (a canonical name), 0 when there is none. Inline, for the widgets.
inline double limitOn(const std::vector<Limit>& limits, const std::string& cost) {
    for (const Limit& l : limits)
        if (l.cost == cost) return l.value;
    return 0.0;
}
// Sets or replaces the limit on `cost`; a value <= 0 removes it.
inline void setLimit(std::vector<Limit>& limits, const std::string& cost, double value) {
    std::vector<Limit> kept;
    for (const Limit& l : limits)
        if (l.cost != cost) kept.push_back(l);
    if (value > 0.0) kept.push_back({cost, value});
    limits = std::move(kept);
}

// "flash=65536", "ram=32k" (k = 1024, M = 1024 x 1024), "latency=20"; the cost may be named
// without its unit suffix or its "peak_" prefix. Throws an Error naming the text and the fault.
Limit parseLimit(const std::string& text);
// Canonical cost names, each at most once, every value positive; throws an Error otherwise.
std::vector<Limit> checkedLimits(const std::vector<Limit>& limits);

// Searches, one per value of a limit on `cost`, each at the project's strength (e.g. flash from
// 8 kB to 128 kB): each point replaces the project's own limit on that cost.
struct LimitSweep {
    std::string cost;
    std::vector<double> values;  // ascending, each positive
};
// "flash=8k,16k,32k": one cost, comma-separated values as parseLimit reads them. Throws an Error
// naming the text and the fault.
LimitSweep parseLimitSweep(const std::string& text);
// The sweep with its cost canonical and its values checked and sorted; throws an Error otherwise.
LimitSweep checkedLimitSweep(const LimitSweep& sweep);

struct LimitStatus {
    std::string cost;
    double limit = 0.0, value = 0.0;
    bool met = true;
};
std::vector<LimitStatus> limitStatus(const std::vector<Limit>& limits, const CostValues& costs);
bool allMet(const std::vector<LimitStatus>& status);

// What the repair after the search did (nothing when the search met every limit).
struct Repair {
    bool ran = false;
    std::map<std::string, int> closed;  // decisions closed, by dimension state ("channels", "taps")
    int count(const std::string& state) const {
        const auto it = closed.find(state);
        return it == closed.end() ? 0 : it->second;
    }
};

}  // namespace secateur
