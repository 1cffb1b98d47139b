// `secateur dims`: the registered search dimensions, as a table or as JSON.
#include <nlohmann/json.hpp>

#include <iomanip>
#include <iostream>

#include "app/cli/options.h"
#include "engine/space/dimensions.h"
#include "engine/util/error.h"

namespace secateur::cli {

int dims(const Args& args) {
    const Parsed p = parse(args, {}, {"--json"});
    if (!p.positional.empty())
        throw Error("dims takes no arguments, only --json; got '" + p.positional[0] + "'");
    if (p.has("--json")) {
        nlohmann::json list = nlohmann::json::array();
        for (const DimensionInfo& d : dimensionCatalog())
            list.push_back({{"name", d.name},
                            {"label", d.label},
                            {"description", d.description},
                            {"eligible", d.eligible},
                            {"default", d.byDefault}});
        std::cout << list.dump(2) << "\n";
        return 0;
    }
    for (const DimensionInfo& d : dimensionCatalog())
        std::cout << std::left << std::setw(12) << d.name << d.description << "\n"
                  << std::setw(12) << ""
                  << "layers: " << d.eligible
                  << (d.byDefault ? "; searched unless --dims names others" : "") << "\n";
    return 0;
}

}  // namespace secateur::cli
