#include "engine/cost/cost_json.h"

#include <cmath>

#include "engine/cost/cost_def.h"

namespace secateur {

nlohmann::json costValuesJson(const CostValues& values) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [name, value] : values) {
        const CostDef* def = builtinCosts().find(name);
        if (def && costInfo(name).exact)
            j[name] = std::llround(value);
        else
            j[name] = value;
    }
    return j;
}

}  // namespace secateur
