// Private header: what a registered export format knows about itself. One folder per format
// (engine/export/NAME/) implements FormatDef and registers it with one line in formats.cpp.
#pragma once

#include <memory>
#include <string>

#include "engine/export/format.h"
#include "engine/util/registry.h"

namespace secateur {

class FormatDef {
public:
    virtual ~FormatDef() = default;
    virtual FormatInfo info() const = 0;
    // Writes `graph` to `path` atomically; throws an Error naming what cannot be written.
    virtual void write(const Graph& graph, const std::string& path) const = 0;
};

using FormatRegistry = Registry<FormatDef>;
const FormatRegistry& builtinFormats();

}  // namespace secateur
