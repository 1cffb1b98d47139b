// Export: the searched network as a plain, physically smaller IR that computes exactly what the
// searchable network computes in evaluation mode.
#pragma once

#include "engine/graph/ir.h"

namespace secateur {

class Space;

// Removes pruned channels from every tensor that carries them (slicing conv, linear, batch norm
// with its trained statistics, PReLU, concat offsets, splits and reshapes), cuts kernels to their
// kept taps with adjusted dilation and padding so every output shape is unchanged. The space's
// seed is already in canonical form (graph/rewrite.h), so the export is what a written file holds.
Graph exportPruned(const Space& space);

}  // namespace secateur
