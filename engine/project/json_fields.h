// Private header: reading the fields of a project file with errors that name the field.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/util/error.h"

namespace secateur {

// j[key] as a T, `fallback` when absent; an Error naming `where` and the key on a wrong type.
template <typename T>
T field(const nlohmann::json& j, const std::string& key, const T& fallback,
        const std::string& where) {
    if (!j.contains(key)) return fallback;
    try {
        return j.at(key).get<T>();
    } catch (const nlohmann::json::exception&) {
        throw Error(where + ": field '" + key + "' has the wrong type (" + j.at(key).dump() + ")");
    }
}

// Every key of `j` must be one of `known`; else an Error with the closest one.
void checkKeys(const nlohmann::json& j, const std::vector<std::string>& known,
               const std::string& where);

}  // namespace secateur
