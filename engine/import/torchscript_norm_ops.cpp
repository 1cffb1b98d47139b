// TorchScript normalisations other than batch norm mapped to IR nodes: layer norm, group norm and
// instance norm (with running statistics in eval mode, it is a batch norm).
#include "engine/import/torchscript_convert.h"

namespace secateur {
namespace tsimport {
namespace {

std::map<std::string, Weight> affine(Converter& c, const JitNode* n, size_t weight,
                                     const std::string& what) {
    std::map<std::string, Weight> params;
    if (!c.isNone(n, weight))
        params["weight"] = toWeight(c.staticTensor(n, weight, what + " weight"));
    if (!c.isNone(n, weight + 1))
        params["bias"] = toWeight(c.staticTensor(n, weight + 1, what + " bias"));
    return params;
}

// layer_norm(input, normalized_shape, weight, bias, eps, cudnn_enable)
void layerNorm(Converter& c, const JitNode* n) {
    const int x = c.tensorInput(n, 0);
    const std::vector<int64_t> shape = c.intsArg(n, 1);
    if (shape.size() >= c.shape(x).size())
        c.unsupported(n, "layer norm over the batch dimension is not supported");
    Attrs attrs;
    attrs.set("normalized_shape", shape);
    attrs.set("eps", c.doubleArg(n, 4));
    emitOne(c, n, "layer_norm", {x}, std::move(attrs), affine(c, n, 2, "layer norm"));
}

// group_norm(input, num_groups, weight, bias, eps, cudnn_enabled)
void groupNorm(Converter& c, const JitNode* n) {
    const int x = c.tensorInput(n, 0);
    Attrs attrs;
    attrs.set("groups", c.intArg(n, 1));
    attrs.set("eps", c.doubleArg(n, 4));
    emitOne(c, n, "group_norm", {x}, std::move(attrs), affine(c, n, 2, "group norm"));
}

// instance_norm(input, weight, bias, running_mean, running_var, use_input_stats, momentum, eps,
// cudnn_enabled)
void instanceNorm(Converter& c, const JitNode* n) {
    const int x = c.tensorInput(n, 0);
    Attrs attrs;
    attrs.set("eps", c.doubleArg(n, 7));
    std::map<std::string, Weight> params = affine(c, n, 1, "instance norm");
    if (c.boolArg(n, 5))
        return emitOne(c, n, "instance_norm", {x}, std::move(attrs), std::move(params));
    if (c.isNone(n, 3) || c.isNone(n, 4))
        c.unsupported(n, "instance norm without input statistics needs running statistics");
    std::map<std::string, Weight> buffers{
        {"running_mean", toWeight(c.staticTensor(n, 3, "running mean"))},
        {"running_var", toWeight(c.staticTensor(n, 4, "running variance"))}};
    c.bindTensor(n->output(), c.emit(n, "batch_norm", {x}, std::move(attrs), std::move(params),
                                     std::move(buffers))[0]);
}

}  // namespace

void addNormOps(OpTable& table) {
    table["aten::layer_norm"] = layerNorm;
    table["aten::group_norm"] = groupNorm;
    table["aten::instance_norm"] = instanceNorm;
}

}  // namespace tsimport
}  // namespace secateur
