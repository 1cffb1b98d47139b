#include "engine/project/json_fields.h"

#include <algorithm>

#include "engine/util/suggest.h"

namespace secateur {

using nlohmann::json;

void checkKeys(const json& j, const std::vector<std::string>& known, const std::string& where) {
    if (!j.is_object()) throw Error(where + " must be a JSON object");
    for (const auto& [key, value] : j.items())
        if (std::find(known.begin(), known.end(), key) == known.end())
            throw Error(where + ": unknown field '" + key + "'" + didYouMean(key, known) +
                        "; known: " + joinNames(known));
}

}  // namespace secateur
