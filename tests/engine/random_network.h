// A seeded generator of small random networks built from the pieces the engine supports, for
// property tests of the invariants in docs/architecture.md.
#pragma once

#include <cstdint>
#include <string>

#include "engine/graph/ir.h"

namespace secateur {

// A valid network: a 1-D ([N,C,L]) or 2-D ([N,C,H,W]) conv net, or an MLP over [N,F] or [N,T,F].
// Convs with random kernels, strides, dilations, groups, padding modes and biases; batch, group
// and instance norms, activations and PReLUs; pools, sometimes after an explicit constant,
// reflect or replicate pad; residual adds and subs, with projected or zero-channel-padded
// (subsampled) shortcuts; squeeze-excitation gates; concats and channel splits; supernet mixed
// ops (2-3 candidates stacked, then averaged or summed); hand-written normalisation
// (x - mean) / (std + eps) or / sqrt(var + eps); nearest and (bi)linear upsampling followed by a
// conv; stride-2 transposed convs, alone or as a U-Net-like decoder padded back and merged; layer
// norms over channels last (also in ConvNeXt blocks) and over MLP features (pre- and post-norm
// residuals); clamps, |x|, RMS norms, exp of bounded values, softmax and log_softmax
// mid-network; x / exp(s) gates; reshapes, permutes and linear heads after means, global max (or
// min) pooling, statistics (mean, std) pooling or max + average pooling; sometimes log_softmax
// over the classes, sometimes a second output. The same seed always gives the same network.
Graph randomNetwork(uint64_t seed);

// One line per node: name, op, attributes, parameter shapes and input -> output shapes; enough to
// rebuild a failing network by hand.
std::string describeNetwork(const Graph& graph);

}  // namespace secateur
