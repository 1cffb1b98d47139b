// The execution plan of one inference: the order in which nodes run and, for every activation
// buffer, the steps during which it holds a live value. A tensor lives from its producer to its
// last consumer (so a residual branch holds its buffer), a graph output to the end; an in-place
// node overwrites its input's buffer when nothing reads that input later, and a view shares it. The
// `peak_ram` cost prices this plan, and a static arena for generated code can be laid out from it.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/graph/ir.h"

namespace secateur {

// One activation buffer and the tensors that share it (the first one owns it).
struct PlanBuffer {
    std::vector<int> tensors;
    int64_t elements = 0;  // of the owner, batch 1
    int first = 0;         // step that writes it (0 for a graph input)
    int last = 0;          // last step that reads it (the final step for a graph output)
};

struct PlanStep {
    int node = 0;
    std::vector<int> live;     // buffers holding a value during the step, ascending
    int64_t liveElements = 0;  // their elements together
};

struct ExecutionPlan {
    std::vector<PlanStep> steps;  // one per node, in execution order
    std::vector<PlanBuffer> buffers;
    std::vector<int> bufferOf;  // tensor id -> buffer, -1 for a tensor nothing produces or reads

    // The first step with the most live elements (0 for an empty graph).
    int peakStep() const;
    int64_t peakElements() const;
};

// Elements of one sample of a tensor: its size without the batch dimension (shape[0]).
int64_t sampleElements(const Shape& shape);

// The plan of `graph` in its stored (topological) node order, batch 1.
ExecutionPlan planExecution(const Graph& graph);

}  // namespace secateur
