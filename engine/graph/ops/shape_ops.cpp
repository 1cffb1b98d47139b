// Ops that move data between axes without arithmetic: flatten, reshape, permute, transpose,
// squeeze, unsqueeze. They carry the channel axis along where it stays identifiable and fix the
// channels otherwise (a channel shuffle, for example).
#include <numeric>

#include "engine/graph/channels.h"
#include "engine/graph/ops/op.h"
#include "engine/graph/ops/op_attrs.h"
#include "engine/util/error.h"

namespace secateur {

std::vector<int64_t> permutation(const Node& node, size_t rank) {
    if (node.op == "transpose") {
        std::vector<int64_t> d(rank);
        std::iota(d.begin(), d.end(), 0);
        const auto r = static_cast<int64_t>(rank);
        std::swap(d[static_cast<size_t>(normaliseDim(node.attrs.getInt("dim0"), r))],
                  d[static_cast<size_t>(normaliseDim(node.attrs.getInt("dim1"), r))]);
        return d;
    }
    std::vector<int64_t> d = node.attrs.getInts("dims");
    for (int64_t& v : d) v = normaliseDim(v, static_cast<int64_t>(rank));
    return d;
}

int64_t squeezeDim(const Node& node, size_t inRank) {
    const bool inserts = node.op == "unsqueeze";
    return normaliseDim(node.attrs.getInt("dim"), static_cast<int64_t>(inRank) + (inserts ? 1 : 0));
}

namespace {

int64_t product(const Shape& s, size_t begin, size_t end) {
    int64_t p = 1;
    for (size_t i = begin; i < end; ++i) p *= s[i];
    return p;
}

// Channel map of a reshape from `in` to `out`: the channel axis survives when the dims before it
// hold the same number of elements and it either stays whole or absorbs the dims after it.
ChannelMap reshapeMap(const ChannelMap& map, const Shape& in, const Shape& out) {
    if (map.axis < 0) return {};
    const auto a = static_cast<size_t>(map.axis);
    const int64_t before = product(in, 0, a);
    for (size_t p = 0; p < out.size(); ++p) {
        if (product(out, 0, p) != before) continue;
        if (out[p] == in[a]) return {static_cast<int>(p), map.atoms};
        for (size_t e = a + 1; e <= in.size(); ++e) {
            if (product(in, a, e) != out[p]) continue;
            const int64_t repeat = product(in, a + 1, e);
            ChannelMap merged{static_cast<int>(p), {}};
            for (const int atom : map.atoms) merged.atoms.insert(merged.atoms.end(), repeat, atom);
            return merged;
        }
    }
    return {};
}

class ReshapeLikeOp : public OpDef {
public:
    LayerKind layerKind(const Node&) const override { return LayerKind::Other; }
    OutputBuffer outputBuffer(const Node&) const override { return OutputBuffer::View; }
    void propagateChannels(const Node& node, ChannelAnalysis& analysis) const override {
        const int x = node.inputs[0], y = node.outputs[0];
        const ChannelMap in = analysis.map(x);
        const ChannelMap out =
            reshapeMap(in, analysis.graph().tensor(x).shape, analysis.graph().tensor(y).shape);
        if (in.axis >= 0 && out.axis < 0) analysis.fixTensor(x);
        analysis.setMap(y, out);
    }
};

class FlattenOp final : public ReshapeLikeOp {
public:
    std::vector<Shape> inferShapes(const Node& node, const std::vector<Shape>& in) const override {
        const Shape& x = onlyInput(in);
        const auto rank = static_cast<int64_t>(x.size());
        const auto start =
            static_cast<size_t>(normaliseDim(node.attrs.getInt("start_dim", 1), rank));
        const auto end = static_cast<size_t>(normaliseDim(node.attrs.getInt("end_dim", -1), rank));
        if (start == 0) throw Error("flattening the batch dimension is not supported");
        if (end < start) throw Error("end_dim comes before start_dim");
        Shape out(x.begin(), x.begin() + static_cast<long>(start));
        out.push_back(product(x, start, end + 1));
        out.insert(out.end(), x.begin() + static_cast<long>(end + 1), x.end());
        return {out};
    }
    TensorList forward(const Node& node, const TensorList& in, const ParamMap&,
                       bool) const override {
        return {torch::flatten(in[0], node.attrs.getInt("start_dim", 1),
                               node.attrs.getInt("end_dim", -1))};
    }
};

class ReshapeOp final : public ReshapeLikeOp {
public:
    std::vector<Shape> inferShapes(const Node& node, const std::vector<Shape>& in) const override {
        const Shape& x = onlyInput(in);
        Shape out{x[0]};
        const std::vector<int64_t>& sizes = node.attrs.getInts("shape");
        out.insert(out.end(), sizes.begin(), sizes.end());
        const int64_t known =
            std::accumulate(sizes.begin(), sizes.end(), int64_t{1},
                            [](int64_t p, int64_t s) { return s < 0 ? p : p * s; });
        const int64_t total = product(x, 1, x.size());
        int inferred = 0;
        for (size_t i = 1; i < out.size(); ++i) {
            if (out[i] >= 0) continue;
            if (++inferred > 1 || known == 0 || total % known != 0)
                throw Error("cannot infer -1 in shape " + toString(sizes));
            out[i] = total / known;
        }
        if (product(out, 1, out.size()) != total)
            throw Error("cannot reshape " + toString(x) + " to " + toString(sizes) +
                        " after the batch");
        return {out};
    }
    TensorList forward(const Node& node, const TensorList& in, const ParamMap&,
                       bool) const override {
        std::vector<int64_t> sizes{in[0].size(0)};
        const auto& rest = node.attrs.getInts("shape");
        sizes.insert(sizes.end(), rest.begin(), rest.end());
        return {in[0].reshape(sizes)};
    }
    void prune(Node& node, const PruneContext& ctx) const override {
        // Where the channel axis survives, its new size is the number of kept positions; other
        // reshapes had their channels fixed by the analysis.
        if (ctx.axisOut[0] < 1) return;
        const Shape& old = ctx.oldOutputShapes[0];
        std::vector<int64_t> sizes(old.begin() + 1, old.end());
        sizes[static_cast<size_t>(ctx.axisOut[0] - 1)] =
            static_cast<int64_t>(ctx.keptOut[0].size());
        node.attrs.set("shape", sizes);
    }
};

class PermuteOp final : public OpDef {
public:
    LayerKind layerKind(const Node&) const override { return LayerKind::Other; }
    std::vector<Shape> inferShapes(const Node& node, const std::vector<Shape>& in) const override {
        const Shape& x = onlyInput(in);
        const std::vector<int64_t> d = permutation(node, x.size());
        std::vector<int64_t> sorted = d;
        std::sort(sorted.begin(), sorted.end());
        if (d.size() != x.size() ||
            std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
            throw Error("dims " + toString(d) + " are not a permutation of rank " +
                        std::to_string(x.size()));
        if (d[0] != 0) throw Error("moving the batch dimension is not supported");
        Shape out;
        for (const int64_t i : d) out.push_back(x[static_cast<size_t>(i)]);
        return {out};
    }
    TensorList forward(const Node& node, const TensorList& in, const ParamMap&,
                       bool) const override {
        return {in[0].permute(permutation(node, static_cast<size_t>(in[0].dim())))};
    }
    void propagateChannels(const Node& node, ChannelAnalysis& analysis) const override {
        ChannelMap map = analysis.map(node.inputs[0]);
        const std::vector<int64_t> d =
            permutation(node, analysis.graph().tensor(node.inputs[0]).shape.size());
        if (map.axis >= 0)
            map.axis = static_cast<int>(std::find(d.begin(), d.end(), map.axis) - d.begin());
        analysis.setMap(node.outputs[0], map);
    }
};

class SqueezeOp final : public OpDef {
public:
    LayerKind layerKind(const Node&) const override { return LayerKind::Other; }
    explicit SqueezeOp(bool squeeze) : squeeze_(squeeze) {}
    OutputBuffer outputBuffer(const Node&) const override { return OutputBuffer::View; }
    std::vector<Shape> inferShapes(const Node& node, const std::vector<Shape>& in) const override {
        Shape x = onlyInput(in);
        const int64_t d = squeezeDim(node, x.size());
        if (d == 0) throw Error("the batch dimension must stay first");
        if (!squeeze_) {
            x.insert(x.begin() + d, 1);
        } else if (x[static_cast<size_t>(d)] == 1) {
            x.erase(x.begin() + d);
        }
        return {x};
    }
    TensorList forward(const Node& node, const TensorList& in, const ParamMap&,
                       bool) const override {
        const int64_t d = squeezeDim(node, static_cast<size_t>(in[0].dim()));
        return {squeeze_ ? in[0].squeeze(d) : in[0].unsqueeze(d)};
    }
    void propagateChannels(const Node& node, ChannelAnalysis& analysis) const override {
        const int x = node.inputs[0];
        ChannelMap map = analysis.map(x);
        const Shape& in = analysis.graph().tensor(x).shape;
        const int64_t d = squeezeDim(node, in.size());
        const bool removed = squeeze_ && in[static_cast<size_t>(d)] == 1;
        if (map.axis >= 0) {
            if (removed && d == map.axis) {
                analysis.fixTensor(x);
                map = {};
            } else if (removed && d < map.axis) {
                --map.axis;
            } else if (!squeeze_ && d <= map.axis) {
                ++map.axis;
            }
        }
        analysis.setMap(node.outputs[0], map);
    }

private:
    bool squeeze_;
};

}  // namespace

void registerShapeOps(OpRegistry& registry) {
    registry.add("flatten", std::make_shared<FlattenOp>());
    registry.add("reshape", std::make_shared<ReshapeOp>());
    registry.add("permute", std::make_shared<PermuteOp>());
    registry.add("transpose", std::make_shared<PermuteOp>());
    registry.add("squeeze", std::make_shared<SqueezeOp>(true));
    registry.add("unsqueeze", std::make_shared<SqueezeOp>(false));
}

}  // namespace secateur
