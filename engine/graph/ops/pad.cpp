// Padding in constant, reflect and replicate modes. Zero channels padded along the channel axis
// get atoms of their own: they carry zeros, so removing them changes nothing and they can join the
// channel group of the wider path they are added to.
#include "engine/graph/channels.h"
#include "engine/graph/ops/op.h"
#include "engine/graph/ops/op_attrs.h"
#include "engine/util/error.h"

namespace secateur {

std::vector<int64_t> spatialPads(const Node& node, size_t rank) {
    std::vector<int64_t> pads = node.attrs.getInts("pads");
    pads.resize(2 * (rank - 2), 0);
    return pads;
}

namespace {

// Per dimension of the input (batch included): amount before and after; negative crops.
struct PadAmounts {
    std::vector<int64_t> begin, end;
};

// `pads` is in torch order: last dimension first, (begin, end) pairs.
PadAmounts amounts(const Node& node, size_t rank) {
    const std::vector<int64_t>& pads = node.attrs.getInts("pads");
    if (pads.size() % 2 != 0) throw Error("pads must come in (begin, end) pairs");
    if (pads.size() / 2 > rank - 1) throw Error("padding the batch is not supported");
    PadAmounts a{std::vector<int64_t>(rank, 0), std::vector<int64_t>(rank, 0)};
    for (size_t i = 0; i < pads.size() / 2; ++i) {
        a.begin[rank - 1 - i] = pads[2 * i];
        a.end[rank - 1 - i] = pads[2 * i + 1];
    }
    return a;
}

std::vector<int64_t> torchOrder(const PadAmounts& a) {
    std::vector<int64_t> pads;
    for (size_t d = a.begin.size(); d-- > 1;) {
        pads.push_back(a.begin[d]);
        pads.push_back(a.end[d]);
    }
    while (!pads.empty() && pads.back() == 0 && pads[pads.size() - 2] == 0)
        pads.resize(pads.size() - 2);
    return pads;
}

class PadOp final : public OpDef {
public:
    LayerKind layerKind(const Node&) const override { return LayerKind::Other; }
    std::vector<Shape> inferShapes(const Node& node, const std::vector<Shape>& in) const override {
        const Shape& x = onlyInput(in);
        if (x.size() < 2) throw Error("expects at least 2-D input, got " + toString(x));
        const PadAmounts a = amounts(node, x.size());
        const std::string mode = node.attrs.getString("mode", "constant");
        if (mode != "constant") {
            if (mode != "reflect" && mode != "replicate")
                throw Error("unknown padding mode '" + mode + "'");
            if (x.size() != 3 && x.size() != 4)
                throw Error(mode + " padding needs a 1-D or 2-D feature map, got " + toString(x));
            if (a.begin[1] != 0 || a.end[1] != 0)
                throw Error(mode + " padding applies to the spatial dimensions only");
        }
        Shape out = x;
        for (size_t d = 1; d < x.size(); ++d) {
            if (mode == "reflect" && (a.begin[d] >= x[d] || a.end[d] >= x[d]))
                throw Error("reflect padding must be smaller than the padded size " +
                            std::to_string(x[d]));
            if (mode != "constant" && (a.begin[d] < 0 || a.end[d] < 0))
                throw Error(mode + " padding cannot be negative");
            out[d] = x[d] + a.begin[d] + a.end[d];
            if (out[d] < 1) throw Error("padding leaves nothing of " + toString(x));
        }
        return {out};
    }

    TensorList forward(const Node& node, const TensorList& in, const ParamMap&,
                       bool) const override {
        const std::string mode = node.attrs.getString("mode", "constant");
        const auto rank = static_cast<size_t>(in[0].dim());
        if (mode == "constant")
            return {torch::constant_pad_nd(in[0], node.attrs.getInts("pads"),
                                           node.attrs.getDouble("value", 0.0))};
        const std::vector<int64_t> pads = spatialPads(node, rank);
        if (mode == "reflect")
            return {rank == 3 ? torch::reflection_pad1d(in[0], pads)
                              : torch::reflection_pad2d(in[0], pads)};
        return {rank == 3 ? torch::replication_pad1d(in[0], pads)
                          : torch::replication_pad2d(in[0], pads)};
    }

    void propagateChannels(const Node& node, ChannelAnalysis& analysis) const override {
        const int x = node.inputs[0];
        ChannelMap map = analysis.map(x);
        const PadAmounts a = amounts(node, analysis.graph().tensor(x).shape.size());
        if (map.axis < 0 || (a.begin[static_cast<size_t>(map.axis)] == 0 &&
                             a.end[static_cast<size_t>(map.axis)] == 0)) {
            analysis.setMap(node.outputs[0], map);
            return;
        }
        const auto axis = static_cast<size_t>(map.axis);
        const bool zeros = node.attrs.getDouble("value", 0.0) == 0.0;
        std::vector<int> atoms = map.atoms;
        const int64_t cropBegin = std::max<int64_t>(-a.begin[axis], 0);
        const int64_t cropEnd = std::max<int64_t>(-a.end[axis], 0);
        atoms.erase(atoms.end() - cropEnd, atoms.end());
        atoms.erase(atoms.begin(), atoms.begin() + cropBegin);
        const auto added = [&](int64_t count) {
            std::vector<int> fresh;
            for (int64_t i = 0; i < count; ++i) {
                fresh.push_back(analysis.newAtom());
                if (!zeros) analysis.fix(fresh.back());  // a constant channel is not removable
            }
            return fresh;
        };
        const std::vector<int> before = added(a.begin[axis]), after = added(a.end[axis]);
        atoms.insert(atoms.begin(), before.begin(), before.end());
        atoms.insert(atoms.end(), after.begin(), after.end());
        analysis.setMap(node.outputs[0], {map.axis, atoms});
    }

    bool preservesZero(const Node& node, const Graph&) const override {
        return node.attrs.getString("mode", "constant") != "constant" ||
               node.attrs.getDouble("value", 0.0) == 0.0;
    }

    // Padded channels that were removed shrink the padding; cropped ones the crop.
    void prune(Node& node, const PruneContext& ctx) const override {
        if (ctx.axisIn[0] < 0 || ctx.axisIn[0] != ctx.axisOut[0]) return;
        const auto axis = static_cast<size_t>(ctx.axisIn[0]);
        PadAmounts a = amounts(node, ctx.oldInputShapes[0].size());
        const int64_t oldIn = ctx.oldInputShapes[0][axis], oldOut = ctx.oldOutputShapes[0][axis];
        const auto countIf = [](const std::vector<int64_t>& kept, auto predicate) {
            return static_cast<int64_t>(std::count_if(kept.begin(), kept.end(), predicate));
        };
        const int64_t begin = a.begin[axis], end = a.end[axis];
        a.begin[axis] = begin >= 0 ? countIf(ctx.keptOut[0], [&](int64_t i) { return i < begin; })
                                   : -countIf(ctx.keptIn[0], [&](int64_t i) { return i < -begin; });
        a.end[axis] = end >= 0
                          ? countIf(ctx.keptOut[0], [&](int64_t i) { return i >= oldOut - end; })
                          : -countIf(ctx.keptIn[0], [&](int64_t i) { return i >= oldIn + end; });
        node.attrs.set("pads", torchOrder(a));
    }
};

}  // namespace

void registerPadOps(OpRegistry& registry) {
    registry.add("pad", std::make_shared<PadOp>());
}

}  // namespace secateur
