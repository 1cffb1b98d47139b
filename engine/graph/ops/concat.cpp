// cat, stack, split and slice: channels are rearranged by offset along the concatenated axis;
// stacked inputs line up channel by channel.
#include "engine/graph/channels.h"
#include "engine/graph/ops/op.h"
#include "engine/graph/ops/op_attrs.h"
#include "engine/util/error.h"

namespace secateur {

int64_t concatDim(const Node& node, size_t rank) {
    return normaliseDim(node.attrs.getInt("dim"), static_cast<int64_t>(rank));
}

SliceRange sliceRange(const Node& node, const Shape& x) {
    SliceRange r{concatDim(node, x.size()), node.attrs.getInt("start", 0),
                 node.attrs.getInt("end", INT64_MAX), node.attrs.getInt("step", 1)};
    const int64_t len = x[static_cast<size_t>(r.dim)];
    const auto clampIndex = [len](int64_t i) {
        return std::clamp(i < 0 ? i + len : i, int64_t{0}, len);
    };
    r.start = clampIndex(r.start);
    r.end = clampIndex(r.end);
    return r;
}

namespace {

class CatOp final : public OpDef {
public:
    LayerKind layerKind(const Node&) const override { return LayerKind::Other; }
    std::vector<Shape> inferShapes(const Node& node, const std::vector<Shape>& in) const override {
        if (in.empty()) throw Error("needs at least one input");
        const auto d = static_cast<size_t>(concatDim(node, in[0].size()));
        if (d == 0) throw Error("concatenating along the batch is not supported");
        Shape out = in[0];
        for (size_t i = 1; i < in.size(); ++i) {
            Shape a = in[i], b = in[0];
            if (a.size() != b.size()) throw Error("inputs differ in rank");
            a[d] = b[d] = 0;
            if (a != b)
                throw Error("input " + toString(in[i]) + " does not match " + toString(in[0]));
            out[d] += in[i][d];
        }
        return {out};
    }
    TensorList forward(const Node& node, const TensorList& in, const ParamMap&,
                       bool) const override {
        return {torch::cat(in, concatDim(node, static_cast<size_t>(in[0].dim())))};
    }
    void propagateChannels(const Node& node, ChannelAnalysis& analysis) const override {
        const int d =
            static_cast<int>(concatDim(node, analysis.graph().tensor(node.inputs[0]).shape.size()));
        ChannelMap out{d, {}};
        bool alongDim = true;
        for (const int x : node.inputs) alongDim = alongDim && analysis.map(x).axis == d;
        if (alongDim) {
            for (const int x : node.inputs) {
                const auto& atoms = analysis.map(x).atoms;
                out.atoms.insert(out.atoms.end(), atoms.begin(), atoms.end());
            }
            analysis.setMap(node.outputs[0], out);
            return;
        }
        // Concatenated along another axis: the inputs' channels line up position by position.
        // Mixed axes fix every input; a map along `d` would not cover the output, so none is kept.
        for (const int x : node.inputs)
            analysis.uniteMaps(analysis.map(node.inputs[0]), analysis.map(x));
        const ChannelMap& first = analysis.map(node.inputs[0]);
        analysis.setMap(node.outputs[0], first.axis == d ? ChannelMap{} : first);
    }
};

// Stacks equal shapes along a new axis `dim` of the output; every input's channels line up.
class StackOp final : public OpDef {
public:
    LayerKind layerKind(const Node&) const override { return LayerKind::Other; }
    std::vector<Shape> inferShapes(const Node& node, const std::vector<Shape>& in) const override {
        if (in.empty()) throw Error("needs at least one input");
        const auto d = static_cast<size_t>(concatDim(node, in[0].size() + 1));
        if (d == 0) throw Error("stacking along the batch is not supported");
        for (const Shape& s : in)
            if (s != in[0])
                throw Error("input " + toString(s) + " does not match " + toString(in[0]));
        Shape out = in[0];
        out.insert(out.begin() + static_cast<std::ptrdiff_t>(d), static_cast<int64_t>(in.size()));
        return {out};
    }
    TensorList forward(const Node& node, const TensorList& in, const ParamMap&,
                       bool) const override {
        return {torch::stack(in, concatDim(node, static_cast<size_t>(in[0].dim()) + 1))};
    }
    void propagateChannels(const Node& node, ChannelAnalysis& analysis) const override {
        const int d = static_cast<int>(
            concatDim(node, analysis.graph().tensor(node.inputs[0]).shape.size() + 1));
        for (const int x : node.inputs)
            analysis.uniteMaps(analysis.map(node.inputs[0]), analysis.map(x));
        ChannelMap out = analysis.map(node.inputs[0]);
        if (out.axis >= d) ++out.axis;
        analysis.setMap(node.outputs[0], out);
    }
};

// Number of kept positions (sorted `kept`) below `limit`.
int64_t keptBelow(const std::vector<int64_t>& kept, int64_t limit) {
    return std::lower_bound(kept.begin(), kept.end(), limit) - kept.begin();
}

class SplitOp final : public OpDef {
public:
    LayerKind layerKind(const Node&) const override { return LayerKind::Other; }
    std::vector<Shape> inferShapes(const Node& node, const std::vector<Shape>& in) const override {
        const Shape& x = onlyInput(in);
        const auto d = static_cast<size_t>(concatDim(node, x.size()));
        if (d == 0) throw Error("splitting the batch is not supported");
        const std::vector<int64_t>& sizes = node.attrs.getInts("sizes");
        int64_t total = 0;
        std::vector<Shape> out;
        for (const int64_t s : sizes) {
            if (s < 1) throw Error("split sizes must be positive");
            Shape piece = x;
            piece[d] = s;
            out.push_back(piece);
            total += s;
        }
        if (total != x[d])
            throw Error("split sizes " + toString(sizes) + " do not add up to " +
                        std::to_string(x[d]));
        return out;
    }
    TensorList forward(const Node& node, const TensorList& in, const ParamMap&,
                       bool) const override {
        return torch::split_with_sizes(in[0], node.attrs.getInts("sizes"),
                                       concatDim(node, static_cast<size_t>(in[0].dim())));
    }
    void propagateChannels(const Node& node, ChannelAnalysis& analysis) const override {
        const ChannelMap& in = analysis.map(node.inputs[0]);
        const int d =
            static_cast<int>(concatDim(node, analysis.graph().tensor(node.inputs[0]).shape.size()));
        const std::vector<int64_t>& sizes = node.attrs.getInts("sizes");
        int64_t offset = 0;
        for (size_t i = 0; i < sizes.size(); ++i) {
            if (in.axis == d) {
                ChannelMap piece{d,
                                 {in.atoms.begin() + offset, in.atoms.begin() + offset + sizes[i]}};
                analysis.setMap(node.outputs[i], piece);
            } else {
                analysis.setMap(node.outputs[i], in);
            }
            offset += sizes[i];
        }
    }
    void prune(Node& node, const PruneContext& ctx) const override {
        if (ctx.axisIn[0] != concatDim(node, ctx.oldInputShapes[0].size())) return;
        std::vector<int64_t> sizes;
        for (const auto& kept : ctx.keptOut) sizes.push_back(static_cast<int64_t>(kept.size()));
        node.attrs.set("sizes", sizes);
    }
};

class SliceOp final : public OpDef {
public:
    LayerKind layerKind(const Node&) const override { return LayerKind::Other; }
    std::vector<Shape> inferShapes(const Node& node, const std::vector<Shape>& in) const override {
        Shape x = onlyInput(in);
        const SliceRange r = sliceRange(node, x);
        if (r.dim == 0) throw Error("slicing the batch is not supported");
        if (r.step < 1) throw Error("slice step must be positive");
        if (r.end <= r.start) throw Error("slice is empty");
        x[static_cast<size_t>(r.dim)] = (r.end - r.start + r.step - 1) / r.step;
        return {x};
    }
    TensorList forward(const Node& node, const TensorList& in, const ParamMap&,
                       bool) const override {
        const SliceRange r = sliceRange(node, in[0].sizes().vec());
        return {in[0].slice(r.dim, r.start, r.end, r.step)};
    }
    void propagateChannels(const Node& node, ChannelAnalysis& analysis) const override {
        const ChannelMap& in = analysis.map(node.inputs[0]);
        const SliceRange r = sliceRange(node, analysis.graph().tensor(node.inputs[0]).shape);
        if (in.axis != r.dim) {
            analysis.setMap(node.outputs[0], in);
            return;
        }
        if (r.step != 1) {
            analysis.fixTensor(node.inputs[0]);
            analysis.setMap(node.outputs[0], {});
            return;
        }
        analysis.setMap(node.outputs[0],
                        {in.axis, {in.atoms.begin() + r.start, in.atoms.begin() + r.end}});
    }
    void prune(Node& node, const PruneContext& ctx) const override {
        const SliceRange r = sliceRange(node, ctx.oldInputShapes[0]);
        if (ctx.axisIn[0] != r.dim) return;
        node.attrs.set("start", keptBelow(ctx.keptIn[0], r.start));
        node.attrs.set("end", keptBelow(ctx.keptIn[0], r.end));
    }
};

}  // namespace

void registerConcatOps(OpRegistry& registry) {
    registry.add("cat", std::make_shared<CatOp>());
    registry.add("stack", std::make_shared<StackOp>());
    registry.add("split", std::make_shared<SplitOp>());
    registry.add("slice", std::make_shared<SliceOp>());
}

}  // namespace secateur
