// Private header: a sweep budget as a project file holds it ("budgets": {"demo": {...}}).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "engine/project/project.h"

namespace secateur {

// Throws an Error naming `where` (the budget) and the field at fault.
Budget budgetFromJson(const nlohmann::json& j, const std::string& where);
nlohmann::json budgetToJson(const Budget& b);

}  // namespace secateur
