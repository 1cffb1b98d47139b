// An opaque node: a submodule the user keeps whole (--keep-whole), run as frozen TorchScript code.
// Its channels are never pruned, its parameters are counted, and the export embeds the same code
// as a submodule. Attributes: "module" (the TorchScript archive, base64), "module_id" (a hash of
// it), "path" (the module path), "params" (its parameter count), "outputs" and "output_K" (the
// shape of output K after the batch).
#include "engine/graph/ops/opaque.h"

#include <torch/script.h>

#include <cstring>
#include <mutex>
#include <sstream>

#include "engine/graph/channels.h"
#include "engine/graph/ops/op.h"
#include "engine/util/error.h"

namespace secateur {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

class OpaqueOp final : public OpDef {
public:
    LayerKind layerKind(const Node&) const override { return LayerKind::Opaque; }
    std::vector<Shape> inferShapes(const Node& node, const std::vector<Shape>& in) const override {
        if (in.empty()) throw Error("needs at least one input");
        std::vector<Shape> out;
        for (int64_t k = 0; k < node.attrs.getInt("outputs"); ++k) {
            Shape shape = node.attrs.getInts("output_" + std::to_string(k));
            shape.insert(shape.begin(), in[0][0]);
            out.push_back(shape);
        }
        return out;
    }

    TensorList forward(const Node& node, const TensorList& in, const ParamMap&,
                       bool) const override {
        torch::jit::Module module = loaded(node);
        const torch::jit::IValue result = module.forward({in.begin(), in.end()});
        if (!result.isTuple()) return {result.toTensor()};
        TensorList out;
        for (const auto& v : result.toTupleRef().elements()) out.push_back(v.toTensor());
        return out;
    }

    void propagateChannels(const Node& node, ChannelAnalysis& analysis) const override {
        for (const int x : node.inputs) analysis.fixTensor(x);
        for (const int y : node.outputs) analysis.setMap(y, {});
    }

    bool preservesZero(const Node&, const Graph&) const override { return false; }

    NodeCosts costTerms(const Node& node, int, const Graph&) const override {
        NodeCosts costs;
        costs.params.push_back({static_cast<double>(node.attrs.getInt("params")), {}});
        return costs;
    }

    int64_t measureParams(const Node& node) const override { return node.attrs.getInt("params"); }

private:
    // Loading an archive takes milliseconds, so each distinct one is loaded once per process; the
    // modules are immutable, so sharing them changes no result.
    torch::jit::Module loaded(const Node& node) const {
        const std::string& id = node.attrs.getString("module_id");
        const std::lock_guard<std::mutex> lock(mutex_);
        auto it = modules_.find(id);
        if (it == modules_.end()) {
            std::istringstream archive(decodeBase64(node.attrs.getString("module")));
            torch::jit::Module module = torch::jit::load(archive);
            module.eval();
            it = modules_.emplace(id, module).first;
        }
        return it->second;
    }

    mutable std::mutex mutex_;
    mutable std::map<std::string, torch::jit::Module> modules_;
};

}  // namespace

std::string encodeBase64(const std::string& bytes) {
    std::string out;
    uint32_t buffer = 0;
    int bits = 0;
    for (const unsigned char c : bytes) {
        buffer = (buffer << 8U) | c;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out += kAlphabet[(buffer >> static_cast<unsigned>(bits)) & 63U];
        }
    }
    if (bits > 0) out += kAlphabet[(buffer << static_cast<unsigned>(6 - bits)) & 63U];
    while (out.size() % 4 != 0) out += '=';
    return out;
}

std::string decodeBase64(const std::string& text) {
    std::string out;
    uint32_t buffer = 0;
    int bits = 0;
    for (const char c : text) {
        if (c == '=') break;
        const char* at = std::strchr(kAlphabet, c);
        if (at == nullptr || c == '\0') throw Error("opaque module: the archive is not base64");
        buffer = (buffer << 6U) | static_cast<uint32_t>(at - kAlphabet);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> static_cast<unsigned>(bits)) & 255U);
        }
    }
    return out;
}

void registerOpaqueOps(OpRegistry& registry) {
    registry.add("opaque", std::make_shared<OpaqueOp>());
}

}  // namespace secateur
