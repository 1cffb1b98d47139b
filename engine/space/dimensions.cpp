#include "engine/space/dimensions.h"

#include "engine/graph/error.h"

namespace secateur {

std::string dimensionName(const Dimension& dimension) {
    if (std::holds_alternative<Channels>(dimension)) return "channels";
    if (std::holds_alternative<Kernels>(dimension)) return "kernels";
    return "dilations";
}

Dimension parseDimension(const std::string& name) {
    if (name == "channels") return Channels{};
    if (name == "kernels") return Kernels{};
    if (name == "dilations") return Dilations{};
    throw Error("unknown search dimension '" + name + "'; known: channels, kernels, dilations");
}

}  // namespace secateur
