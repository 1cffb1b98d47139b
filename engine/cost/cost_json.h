// Cost values as JSON: counts (exact costs) as integers, estimates as numbers.
#pragma once

#include <nlohmann/json.hpp>

#include "engine/cost/cost.h"

namespace secateur {

nlohmann::json costValuesJson(const CostValues& values);

}  // namespace secateur
