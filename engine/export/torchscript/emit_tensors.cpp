// TorchScript for ops that rearrange or summarise tensors: concatenation, splitting, slicing,
// reshapes, reductions and softmax.
#include "engine/export/torchscript/emitter.h"
#include "engine/graph/ops/op_attrs.h"

namespace secateur {
namespace {

std::string concatenate(const Node& node, const EmitContext& names) {
    const bool stack = node.op == "stack";
    const size_t rank = names.inShapes[0].size() + (stack ? 1 : 0);
    return names.out[0] + " = torch." + node.op + "([" + names.inputs() + "], " +
           std::to_string(concatDim(node, rank)) + ")\n";
}

std::string split(const Node& node, const EmitContext& names) {
    return names.outputs() + " = torch.split_with_sizes(" + names.in[0] + ", " +
           pyInts(node.attrs.getInts("sizes")) + ", " +
           std::to_string(concatDim(node, names.inShapes[0].size())) + ")\n";
}

std::string slice(const Node& node, const EmitContext& names) {
    const SliceRange r = sliceRange(node, names.inShapes[0]);
    std::string index;
    for (int64_t d = 0; d < static_cast<int64_t>(names.inShapes[0].size()); ++d) {
        index += d ? ", " : "";
        index += d != r.dim ? ":"
                            : std::to_string(r.start) + ":" + std::to_string(r.end) + ":" +
                                  std::to_string(r.step);
    }
    return names.out[0] + " = " + names.in[0] + "[" + index + "]\n";
}

std::string permute(const Node& node, const EmitContext& names) {
    if (node.op == "transpose")  // imported again as the same op
        return names.out[0] + " = torch.transpose(" + names.in[0] + ", " +
               std::to_string(node.attrs.getInt("dim0")) + ", " +
               std::to_string(node.attrs.getInt("dim1")) + ")\n";
    return names.out[0] + " = " + names.in[0] + ".permute(" +
           pyInts(permutation(node, names.inShapes[0].size())) + ")\n";
}

std::string reduce(const Node& node, const EmitContext& names) {
    const std::string dims = pyInts(reducedDims(node, names.inShapes[0].size()));
    const std::string keep = pyBool(node.attrs.getInt("keepdim", 0) != 0);
    if (node.op == "std" || node.op == "var")
        return names.out[0] + " = torch." + node.op + "(" + names.in[0] + ", " + dims +
               ", correction=" + std::to_string(node.attrs.getInt("correction", 1)) +
               ", keepdim=" + keep + ")\n";
    return names.out[0] + " = torch." + node.op + "(" + names.in[0] + ", " + dims + ", " + keep +
           ")\n";
}

}  // namespace

void addTensorEmitters(EmitterTable& table) {
    table["cat"].lines = concatenate;
    table["stack"].lines = concatenate;
    table["split"].lines = split;
    table["slice"].lines = slice;
    table["flatten"].lines = [](const Node& node, const EmitContext& names) {
        return names.out[0] + " = torch.flatten(" + names.in[0] + ", " +
               std::to_string(node.attrs.getInt("start_dim", 1)) + ", " +
               std::to_string(node.attrs.getInt("end_dim", -1)) + ")\n";
    };
    table["reshape"].lines = [](const Node& node, const EmitContext& names) {
        std::string sizes = names.in[0] + ".size(0)";
        for (const int64_t s : node.attrs.getInts("shape")) sizes += ", " + std::to_string(s);
        return names.out[0] + " = torch.reshape(" + names.in[0] + ", [" + sizes + "])\n";
    };
    table["permute"].lines = permute;
    table["transpose"].lines = permute;
    for (const char* kind : {"squeeze", "unsqueeze"})
        table[kind].lines = [](const Node& node, const EmitContext& names) {
            return names.out[0] + " = " + names.in[0] + "." + node.op + "(" +
                   std::to_string(squeezeDim(node, names.inShapes[0].size())) + ")\n";
        };
    for (const char* kind : {"mean", "sum", "amax", "amin", "std", "var"})
        table[kind].lines = reduce;
    for (const char* kind : {"softmax", "log_softmax"})
        table[kind].lines = [](const Node& node, const EmitContext& names) {
            return names.out[0] + " = torch." + node.op + "(" + names.in[0] + ", " +
                   std::to_string(node.attrs.getInt("dim")) + ")\n";
        };
}

}  // namespace secateur
