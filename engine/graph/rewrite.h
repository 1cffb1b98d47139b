// Graph rewrites that remove nodes: the graph is rebuilt in order, consumers of a removed node read
// that node's input 0 instead, and shapes are inferred again.
#pragma once

#include <functional>

#include "engine/graph/ir.h"

namespace secateur {

// `bypass(i)`: node i goes, its output 0 replaced by its input 0 (its other outputs must be
// unused). `edit(i, node)`: changes a kept node before it is added (its inputs already renamed).
Graph bypassNodes(const Graph& graph, const std::function<bool(size_t)>& bypass,
                  const std::function<void(size_t, Node&)>& edit = {});

// Zero constant pads that one convolution alone reads fold into its padding, as the TorchScript
// importer folds F.pad: a network built in code or read from IR has the form an import of its
// export has, and so the same cost. A crop (negative pad) folds only where the convolution pads
// nothing itself; pads of the channel or batch dimension stay nodes.
Graph foldPadsIntoConvs(const Graph& graph);

// Without identity nodes (dropout at inference) and without nodes whose outputs nothing reads (a
// compiled file holds neither).
Graph withoutIdleNodes(const Graph& graph);

// Clamps as an import reads them: clamp(0, 6) and hardtanh(0, 6) are relu6, clamp(min 0) relu,
// a clamp without bounds an identity.
Graph withCanonicalClamps(const Graph& graph);

// The form an import of the graph's TorchScript export has: clamps named as an import names them,
// idle nodes removed, pads folded into convs. A Space holds its seed in this form, so that the
// search prices what a written file holds.
Graph canonicalGraph(const Graph& graph);

}  // namespace secateur
