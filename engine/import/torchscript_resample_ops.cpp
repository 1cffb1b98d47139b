// TorchScript padding and upsampling mapped to IR nodes. A zero pad whose every reader is a
// convolution folds into the convolutions' padding (causal convolutions); any other pad is a node.
#include <torch/csrc/jit/ir/constants.h>

#include "engine/import/torchscript_convert.h"

namespace secateur {
namespace tsimport {
namespace {

bool isConvolution(const JitNode* user, size_t offset) {
    const std::string kind = user->kind().toQualString();
    if (offset != 0) return false;
    if (kind == "aten::conv1d" || kind == "aten::conv2d" || kind == "aten::_convolution_mode")
        return true;
    if (kind != "aten::_convolution" && kind != "aten::convolution") return false;
    const c10::optional<bool> transposed = torch::jit::constant_as<bool>(user->input(6));
    return transposed.has_value() && !*transposed;
}

// True when the pad is zero (or crops), leaves channel and batch alone and only convolutions read
// it (each one decides whether a crop folds into its padding).
// Every use of `v` is a convolution's input, or a slice whose result is in turn (the export writes
// a convolution whose kept taps read beyond its input as pad, then crop).
bool readOnlyByConvolutions(const torch::jit::Value* v) {
    const auto& uses = v->uses();
    return !uses.empty() && std::all_of(uses.begin(), uses.end(), [](const torch::jit::Use& u) {
        if (std::string(u.user->kind().toQualString()) == "aten::slice" && u.offset == 0)
            return readOnlyByConvolutions(u.user->output());
        return isConvolution(u.user, u.offset);
    });
}

bool foldsIntoConvolutions(const JitNode* n, const std::vector<int64_t>& pads, size_t rank,
                           const std::string& mode, double value) {
    if (mode != "constant" || value != 0.0 || rank < 3 || pads.size() > 2 * (rank - 2))
        return false;
    return readOnlyByConvolutions(n->output());
}

// pad(x, pads, mode, value), constant_pad_nd(x, pads, value), reflection_padNd(x, pads),
// replication_padNd(x, pads).
void pad(Converter& c, const JitNode* n) {
    const std::string k = opName(n);
    std::string mode = "constant";
    double value = 0.0;
    if (k == "pad") {
        mode = c.constant(n, 2).toStringRef();
        if (!c.isNone(n, 3)) value = c.doubleArg(n, 3);
    } else if (k == "constant_pad_nd") {
        if (n->inputs().size() > 2) value = c.doubleArg(n, 2);
    } else {
        mode = k.rfind("reflection", 0) == 0 ? "reflect" : "replicate";
    }
    if (mode == "circular")
        c.unsupported(n,
                      "F.pad with mode 'circular' is not supported (constant, reflect and "
                      "replicate are)");
    std::vector<int64_t> before;
    const int x = c.paddedInput(n, 0, before);
    std::vector<int64_t> pads = c.intsArg(n, 1);
    if (foldsIntoConvolutions(n, pads, c.shape(x).size(), mode, value)) {
        if (before.size() > pads.size()) pads.resize(before.size(), 0);
        for (size_t i = 0; i < before.size(); ++i) pads[i] += before[i];
        return c.bindPadded(n->output(), x, pads, n);
    }
    if (pads.size() % 2 != 0 || pads.size() / 2 >= c.shape(x).size())
        c.unsupported(n, "F.pad with " + std::to_string(pads.size()) + " amounts for a " +
                             std::to_string(c.shape(x).size()) +
                             "-D tensor would pad the batch dimension");
    Attrs attrs;
    attrs.set("pads", pads);
    attrs.set("mode", mode);
    attrs.set("value", value);
    emitOne(c, n, "pad", {x}, std::move(attrs));
}

// upsample_{nearest1d,nearest2d,linear1d,bilinear2d}, in the .vec form (output_size?,
// [align_corners,] scale_factors?) or the plain one (output_size, [align_corners,] scales...).
void upsample(Converter& c, const JitNode* n) {
    const std::string k = opName(n);
    const int x = c.tensorInput(n, 0);
    const bool nearest = k.rfind("upsample_nearest", 0) == 0;
    const std::string mode = nearest ? "nearest" : k == "upsample_linear1d" ? "linear" : "bilinear";
    const size_t firstScale = nearest ? 2 : 3;
    const c10::FunctionSchema* schema = n->maybeSchema();
    const bool vec = schema && schema->overload_name() == "vec";
    // The output size as PyTorch computes it: run the op on zeros of the input's shape.
    torch::jit::Stack stack{torch::zeros(c.shape(x))};
    for (size_t i = 1; i < n->inputs().size(); ++i) stack.push_back(c.constant(n, i));
    n->getOperation()(stack);
    const std::vector<int64_t> out = stack.at(0).toTensor().sizes().vec();
    Attrs attrs;
    attrs.set("mode", mode);
    attrs.set("output_size", std::vector<int64_t>(out.begin() + 2, out.end()));
    if (!nearest) attrs.set("align_corners", static_cast<int64_t>(c.boolArg(n, 2)));
    if (vec && !c.isNone(n, firstScale)) {
        std::vector<double> scales = c.constant(n, firstScale).toDoubleVector();
        if (scales.size() == 1 && out.size() == 4) scales.push_back(scales.front());
        for (size_t d = 0; d < scales.size(); ++d)
            attrs.set("scale_" + std::to_string(d), scales[d]);
    } else if (!vec) {
        for (size_t i = firstScale; i < n->inputs().size(); ++i)
            if (!c.isNone(n, i))
                attrs.set("scale_" + std::to_string(i - firstScale), c.doubleArg(n, i));
    }
    emitOne(c, n, "upsample", {x}, std::move(attrs));
}

}  // namespace

void addResampleOps(OpTable& table) {
    for (const char* k :
         {"aten::pad", "aten::constant_pad_nd", "aten::reflection_pad1d", "aten::reflection_pad2d",
          "aten::replication_pad1d", "aten::replication_pad2d"})
        table[k] = pad;
    for (const char* k : {"aten::upsample_nearest1d", "aten::upsample_nearest2d",
                          "aten::upsample_linear1d", "aten::upsample_bilinear2d"})
        table[k] = upsample;
}

}  // namespace tsimport
}  // namespace secateur
