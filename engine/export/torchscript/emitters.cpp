#include <iomanip>
#include <limits>
#include <sstream>

#include "engine/export/torchscript/emitter.h"
#include "engine/util/error.h"

namespace secateur {
namespace {

EmitterTable makeTable() {
    EmitterTable table;
    addLayerEmitters(table);
    addPointwiseEmitters(table);
    addWindowEmitters(table);
    addTensorEmitters(table);
    return table;
}

std::string joined(const std::vector<std::string>& names) {
    std::string s;
    for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
    return s;
}

}  // namespace

const EmitterTable& torchScriptEmitters() {
    static const EmitterTable table = makeTable();
    return table;
}

const Emitter& emitterFor(const Node& node) {
    const EmitterTable& table = torchScriptEmitters();
    const auto it = table.find(node.op);
    if (it == table.end())
        throw Error("the TorchScript format cannot write node '" + node.name + "': op '" + node.op +
                    "' has no TorchScript writer (engine/export/torchscript/)");
    return it->second;
}

std::string EmitContext::optionalParam(const std::string& name) const {
    const auto it = param.find(name);
    return it == param.end() ? std::string("None") : it->second;
}

std::string EmitContext::outputs() const {
    return joined(out);
}

std::string EmitContext::inputs() const {
    return joined(in);
}

std::string pyInts(const std::vector<int64_t>& values) {
    std::string s = "[";
    for (size_t i = 0; i < values.size(); ++i) s += (i ? ", " : "") + std::to_string(values[i]);
    return s + "]";
}

std::string pyDouble(double v) {
    std::ostringstream out;
    out << std::setprecision(std::numeric_limits<double>::max_digits10) << v;
    std::string s = out.str();
    if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
    return s;
}

std::string pyBool(bool v) {
    return v ? "True" : "False";
}

}  // namespace secateur
