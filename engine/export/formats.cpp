#include <algorithm>

#include "engine/export/format_def.h"

namespace secateur {

// Each format registers itself; adding one is one folder and one line here.
void registerTorchScriptFormat(FormatRegistry& registry);

namespace {

FormatRegistry makeBuiltinFormats() {
    FormatRegistry registry("export format");
    registerTorchScriptFormat(registry);
    return registry;
}

}  // namespace

const FormatRegistry& builtinFormats() {
    static const FormatRegistry registry = makeBuiltinFormats();
    return registry;
}

const std::vector<FormatInfo>& formatCatalog() {
    static const std::vector<FormatInfo> catalog = [] {
        std::vector<FormatInfo> infos;
        for (const FormatDef* def : builtinFormats().all()) infos.push_back(def->info());
        return infos;
    }();
    return catalog;
}

std::vector<std::string> formatNames() {
    return builtinFormats().names();
}

const FormatInfo& formatInfo(const std::string& name) {
    builtinFormats().get(name);  // throws for an unknown name
    const std::vector<FormatInfo>& catalog = formatCatalog();
    return *std::find_if(catalog.begin(), catalog.end(),
                         [&](const FormatInfo& info) { return info.name == name; });
}

void writeFormat(const Graph& graph, const std::string& format, const std::string& path) {
    builtinFormats().get(format).write(graph, path);
}

}  // namespace secateur
