#include "engine/plan/plan.h"

#include <algorithm>

#include "engine/graph/ops/op.h"

namespace secateur {
int64_t sampleElements(const Shape& shape) {
    return shape.empty() ? 1 : numel(shape) / std::max<int64_t>(shape[0], 1);
}

int ExecutionPlan::peakStep() const {
    int peak = 0;
    for (size_t s = 1; s < steps.size(); ++s)
        if (steps[s].liveElements > steps[static_cast<size_t>(peak)].liveElements)
            peak = static_cast<int>(s);
    return peak;
}

int64_t ExecutionPlan::peakElements() const {
    return steps.empty() ? 0 : steps[static_cast<size_t>(peakStep())].liveElements;
}

ExecutionPlan planExecution(const Graph& graph) {
    const auto& nodes = graph.nodes();
    const int finalStep = std::max<int>(static_cast<int>(nodes.size()) - 1, 0);
    std::vector<int> lastUse(graph.tensors().size(), -1);
    for (size_t n = 0; n < nodes.size(); ++n)
        for (const int t : nodes[n].inputs) lastUse[static_cast<size_t>(t)] = static_cast<int>(n);
    std::vector<bool> isOutput(graph.tensors().size(), false);
    for (const int t : graph.outputs()) {
        isOutput[static_cast<size_t>(t)] = true;
        lastUse[static_cast<size_t>(t)] = finalStep;
    }

    ExecutionPlan plan;
    plan.bufferOf.assign(graph.tensors().size(), -1);
    const auto ownBuffer = [&](int tensor, int step) {
        const int use = lastUse[static_cast<size_t>(tensor)];
        plan.buffers.push_back(
            {{tensor}, sampleElements(graph.tensor(tensor).shape), step, std::max(use, step)});
        plan.bufferOf[static_cast<size_t>(tensor)] = static_cast<int>(plan.buffers.size()) - 1;
    };
    for (const int t : graph.inputs()) ownBuffer(t, 0);
    for (size_t n = 0; n < nodes.size(); ++n) {
        const Node& node = nodes[n];
        const int step = static_cast<int>(n);
        for (size_t o = 0; o < node.outputs.size(); ++o) {
            const int out = node.outputs[o];
            const OutputBuffer use = o == 0 && !node.inputs.empty()
                                         ? opDef(node.op).outputBuffer(node)
                                         : OutputBuffer::Own;
            const int shared =
                use == OutputBuffer::Own ? -1 : plan.bufferOf[static_cast<size_t>(node.inputs[0])];
            bool reuse = shared >= 0 && sampleElements(graph.tensor(out).shape) ==
                                            plan.buffers[static_cast<size_t>(shared)].elements;
            if (reuse && use == OutputBuffer::InPlace) {
                // Overwriting is safe only when no tensor of the buffer is read after this step.
                const PlanBuffer& b = plan.buffers[static_cast<size_t>(shared)];
                for (const int t : b.tensors)
                    reuse = reuse && !isOutput[static_cast<size_t>(t)] &&
                            lastUse[static_cast<size_t>(t)] <= step;
            }
            if (!reuse) {
                ownBuffer(out, step);
                continue;
            }
            PlanBuffer& b = plan.buffers[static_cast<size_t>(shared)];
            b.tensors.push_back(out);
            b.last = std::max({b.last, step, lastUse[static_cast<size_t>(out)]});
            plan.bufferOf[static_cast<size_t>(out)] = shared;
        }
    }

    for (size_t n = 0; n < nodes.size(); ++n) {
        PlanStep step{static_cast<int>(n), {}, 0};
        for (size_t b = 0; b < plan.buffers.size(); ++b) {
            const PlanBuffer& buffer = plan.buffers[b];
            if (buffer.first <= step.node && step.node <= buffer.last) {
                step.live.push_back(static_cast<int>(b));
                step.liveElements += buffer.elements;
            }
        }
        plan.steps.push_back(std::move(step));
    }
    return plan;
}

}  // namespace secateur
