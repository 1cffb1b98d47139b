// The search dimensions a user can switch on, each per layer. A dimension with an empty `layers`
// list applies to every layer that can have it; naming a layer that cannot have it is an error.
#pragma once

#include <string>
#include <variant>
#include <vector>

namespace secateur {

// Which output channels each channel group keeps.
struct Channels {
    std::vector<std::string> layers;   // empty: every conv and linear
    std::vector<std::string> exclude;  // layers whose output channels stay whole
};

// Receptive field: Conv1d drops taps from the far (oldest) end of the time axis, Conv2d shrinks
// symmetrically (7x7 -> 5x5 -> 3x3 -> 1x1). Output shapes are unchanged.
struct Kernels {
    std::vector<std::string> layers;  // empty: every conv with a kernel larger than 1
    std::vector<std::string> exclude;
};

// Power-of-two dilation of Conv1d taps. Output shapes are unchanged.
struct Dilations {
    std::vector<std::string> layers;  // empty: every Conv1d with at least 3 taps
    std::vector<std::string> exclude;
};

using Dimension = std::variant<Channels, Kernels, Dilations>;

std::string dimensionName(const Dimension& dimension);
// Parses "channels", "kernels", "dilations"; throws an Error listing the known names.
Dimension parseDimension(const std::string& name);

}  // namespace secateur
