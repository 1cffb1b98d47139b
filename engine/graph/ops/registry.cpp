#include "engine/graph/channels.h"
#include "engine/graph/ops/op.h"
#include "engine/util/error.h"

namespace secateur {

// Each op family registers its kinds; adding a family is one line here.
void registerConvOps(OpRegistry& registry);
void registerLinearOps(OpRegistry& registry);
void registerNormOps(OpRegistry& registry);
void registerActivationOps(OpRegistry& registry);
void registerPoolOps(OpRegistry& registry);
void registerShapeOps(OpRegistry& registry);
void registerElementwiseOps(OpRegistry& registry);
void registerConcatOps(OpRegistry& registry);
void registerReduceOps(OpRegistry& registry);
void registerPadOps(OpRegistry& registry);
void registerConvTransposeOps(OpRegistry& registry);
void registerResampleOps(OpRegistry& registry);
void registerOpaqueOps(OpRegistry& registry);

namespace {

OpRegistry makeBuiltinRegistry() {
    OpRegistry registry("op kind");
    registerConvOps(registry);
    registerLinearOps(registry);
    registerNormOps(registry);
    registerActivationOps(registry);
    registerPoolOps(registry);
    registerShapeOps(registry);
    registerElementwiseOps(registry);
    registerConcatOps(registry);
    registerReduceOps(registry);
    registerPadOps(registry);
    registerConvTransposeOps(registry);
    registerResampleOps(registry);
    registerOpaqueOps(registry);
    return registry;
}

}  // namespace

const OpRegistry& builtinOps() {
    static const OpRegistry registry = makeBuiltinRegistry();
    return registry;
}

const OpDef& opDef(const std::string& kind) {
    return builtinOps().get(kind);
}

int64_t OpDef::measureParams(const Node& node) const {
    int64_t count = 0;
    for (const auto& entry : node.params) count += entry.second.numel();
    return count;
}

void OpDef::propagateChannels(const Node& node, ChannelAnalysis& analysis) const {
    const ChannelMap& in = analysis.map(node.inputs.at(0));
    for (const int out : node.outputs) analysis.setMap(out, in);
}

torch::Tensor toTensor(const Weight& w) {
    return torch::from_blob(const_cast<float*>(w.values.data()), w.shape, torch::kFloat32).clone();
}

Weight fromTensor(const torch::Tensor& t) {
    const torch::Tensor c = t.detach().to(torch::kFloat32).contiguous();
    Weight w;
    w.shape = c.sizes().vec();
    w.values.assign(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    return w;
}

Weight sliceWeight(const Weight& w, int64_t dim, const std::vector<int64_t>& keep) {
    const torch::Tensor index = torch::tensor(keep, torch::kLong);
    return fromTensor(toTensor(w).index_select(dim, index));
}

int64_t normaliseDim(int64_t dim, int64_t rank) {
    const int64_t d = dim < 0 ? dim + rank : dim;
    if (d < 0 || d >= rank)
        throw Error("dimension " + std::to_string(dim) + " is out of range for rank " +
                    std::to_string(rank));
    return d;
}

const Shape& onlyInput(const std::vector<Shape>& in, size_t expected) {
    if (in.size() != expected)
        throw Error("expects " + std::to_string(expected) + " input(s), got " +
                    std::to_string(in.size()));
    return in.front();
}

std::vector<int64_t> spatialAttr(const Node& node, const std::string& key, size_t dims,
                                 int64_t fallback) {
    if (!node.attrs.has(key)) return std::vector<int64_t>(dims, fallback);
    std::vector<int64_t> v = node.attrs.getInts(key);
    if (v.size() == 1 && dims > 1) v.assign(dims, v.front());
    if (v.size() != dims)
        throw Error("attribute '" + key + "' has " + std::to_string(v.size()) + " values for " +
                    std::to_string(dims) + " spatial dimension(s)");
    return v;
}

int64_t windowOutput(int64_t length, int64_t padTotal, int64_t kernel, int64_t stride,
                     int64_t dilation, bool ceilMode, int64_t padBegin) {
    const int64_t span = length + padTotal - dilation * (kernel - 1) - 1;
    if (span < 0) return 0;
    int64_t out = (span + (ceilMode ? stride - 1 : 0)) / stride + 1;
    if (ceilMode && (out - 1) * stride >= length + padBegin) --out;
    return out;
}

}  // namespace secateur
