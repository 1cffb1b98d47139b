// `secateur dims`: the registered search dimensions, as a table or as JSON.
#include <iomanip>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/cli/command_line.h"
#include "engine/space/dimensions.h"

namespace secateur::cli {
namespace {

int dims(bool json) {
    if (json) {
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

}  // namespace

void addDimsCommand(CLI::App& app, Runner& run, const Globals&) {
    auto json = std::make_shared<bool>(false);
    CLI::App* c = app.add_subcommand(
        "dims",
        "List the search dimensions --dims and project files can name, with the layers "
        "each applies to");
    c->group("Commands");
    c->add_flag("--json", *json, "Print JSON instead of a table");
    c->callback([&run, json] { run = [json] { return dims(*json); }; });
}

}  // namespace secateur::cli
