// TorchScript for element-by-element ops: activations, arithmetic, and opaque modules (which run
// the user's frozen code as a submodule).
#include "engine/export/torchscript/emitter.h"
#include "engine/graph/ops/opaque.h"

namespace secateur {
namespace {

using Source = std::function<std::string(const std::string& x, const Attrs&)>;

Source call(const std::string& function) {
    return [function](const std::string& x, const Attrs&) {
        return "torch." + function + "(" + x + ")";
    };
}

// Per activation kind: the expression applied to the input's name.
std::map<std::string, Source> activationSources() {
    std::map<std::string, Source> sources;
    for (const char* plain :
         {"relu", "sigmoid", "tanh", "silu", "hardswish", "hardsigmoid", "sqrt", "abs", "exp"})
        sources[plain] = call(plain);
    sources["relu6"] = [](const std::string& x, const Attrs&) {
        return "torch.hardtanh(" + x + ", 0.0, 6.0)";
    };
    sources["identity"] = [](const std::string& x, const Attrs&) { return x; };
    sources["gelu"] = [](const std::string& x, const Attrs& a) {
        return "torch.gelu(" + x + ", approximate=\"" + a.getString("approximate", "none") + "\")";
    };
    sources["hardtanh"] = [](const std::string& x, const Attrs& a) {
        return "torch.hardtanh(" + x + ", " + pyDouble(a.getDouble("min_val", -1.0)) + ", " +
               pyDouble(a.getDouble("max_val", 1.0)) + ")";
    };
    sources["leaky_relu"] = [](const std::string& x, const Attrs& a) {
        return "torch.leaky_relu(" + x + ", " + pyDouble(a.getDouble("negative_slope", 0.01)) + ")";
    };
    sources["clamp"] = [](const std::string& x, const Attrs& a) {
        const auto bound = [&](const char* key) {
            return a.has(key) ? pyDouble(a.getDouble(key)) : std::string("None");
        };
        return "torch.clamp(" + x + ", " + bound("min") + ", " + bound("max") + ")";
    };
    return sources;
}

// a + b, or with a scalar on either side.
auto arithmetic(const std::string& symbol) {
    return [op = " " + symbol + " "](const Node& node, const EmitContext& names) {
        if (names.in.size() == 2)
            return names.out[0] + " = " + names.in[0] + op + names.in[1] + "\n";
        const std::string s = pyDouble(node.attrs.getDouble("scalar"));
        if (node.attrs.getInt("reverse", 0) != 0)
            return names.out[0] + " = " + s + op + names.in[0] + "\n";
        return names.out[0] + " = " + names.in[0] + op + s + "\n";
    };
}

}  // namespace

void addPointwiseEmitters(EmitterTable& table) {
    for (auto& [kind, source] : activationSources())
        table[kind].lines = [source = source](const Node& node, const EmitContext& names) {
            return names.out[0] + " = " + source(names.in[0], node.attrs) + "\n";
        };
    table["add"].lines = arithmetic("+");
    table["sub"].lines = arithmetic("-");
    table["mul"].lines = arithmetic("*");
    table["div"].lines = arithmetic("/");
    table["opaque"] = {
        [](const Node&, const EmitContext& names) {
            return names.outputs() + " = " + names.param.at("module") + ".forward(" +
                   names.inputs() + ")\n";
        },
        [](const Node& node) { return decodeBase64(node.attrs.getString("module")); }};
}

}  // namespace secateur
