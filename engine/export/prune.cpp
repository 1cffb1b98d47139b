#include "engine/export/prune.h"

#include "engine/space/space_impl.h"
#include "engine/util/error.h"

namespace secateur {
namespace {

// A quantised layer's bits per output channel follow its kept rows, unless the precision
// dimension wrote them for the pruned layer already.
void sliceWeightBits(Node& node, size_t rowsBefore, const PruneContext& ctx) {
    if (!node.attrs.has("weight_bits") || ctx.keptOut.empty()) return;
    const std::vector<int64_t> bits = node.attrs.getInts("weight_bits");
    if (bits.size() != rowsBefore || ctx.keptOut.front().size() == rowsBefore) return;
    std::vector<int64_t> kept;
    for (const int64_t row : ctx.keptOut.front()) kept.push_back(bits.at(static_cast<size_t>(row)));
    node.attrs.set("weight_bits", kept);
}

}  // namespace

Graph exportPruned(const Space& space) {
    const SpaceImpl& s = space.impl();
    const Graph old = space.currentWeights();
    const std::vector<bool> keep = s.keptChannels();
    const auto kept = [&](int tensor) {
        if (s.groups.axis(tensor) >= 0) return s.groups.keptPositions(tensor, keep);
        return std::vector<int64_t>{};
    };
    std::vector<TensorInfo> tensors = old.tensors();
    std::vector<Node> nodes = old.nodes();
    for (size_t n = 0; n < nodes.size(); ++n) {
        Node& node = nodes[n];
        PruneContext ctx;
        for (const int t : node.inputs) {
            ctx.keptIn.push_back(kept(t));
            ctx.axisIn.push_back(s.groups.axis(t));
            ctx.oldInputShapes.push_back(old.tensor(t).shape);
            ctx.newInputShapes.push_back(tensors[static_cast<size_t>(t)].shape);
        }
        for (const int t : node.outputs) {
            ctx.keptOut.push_back(kept(t));
            ctx.axisOut.push_back(s.groups.axis(t));
            ctx.oldOutputShapes.push_back(old.tensor(t).shape);
        }
        for (const auto& state : s.states) state->prepareExport(s, n, node, ctx);
        const auto weight = node.params.find("weight");
        const size_t rowsBefore = weight == node.params.end() || weight->second.shape.empty()
                                      ? 0
                                      : static_cast<size_t>(weight->second.shape.front());
        const OpDef& op = opDef(node.op);
        op.prune(node, ctx);
        if (node.op == "conv" || node.op == "linear") sliceWeightBits(node, rowsBefore, ctx);
        const std::vector<Shape> shapes = op.inferShapes(node, ctx.newInputShapes);
        for (size_t i = 0; i < shapes.size(); ++i)
            tensors[static_cast<size_t>(node.outputs[i])].shape = shapes[i];
    }
    try {
        return Graph::fromParts(std::move(tensors), std::move(nodes), old.inputs(), old.outputs());
    } catch (const Error& e) {
        throw Error(
            std::string("export produced an inconsistent network (a bug, please report it): ") +
            e.what());
    }
}

}  // namespace secateur
