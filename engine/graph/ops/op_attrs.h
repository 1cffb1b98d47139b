// Private header: how ops read their attributes. The forward passes and every export format read
// an op's geometry through these functions, so that a written file computes what the engine did.
// Each is defined in its op family's file; all throw an Error naming a malformed attribute.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/graph/ir.h"

namespace secateur {

// conv: padding per side, so that shrunk kernels keep every output position (negative crops).
struct ConvGeometry {
    size_t dims = 0;
    std::vector<int64_t> kernel, stride, dilation, padBegin, padEnd;
    int64_t groups = 1;
    int64_t outChannels = 0, inPerGroup = 0;
};
ConvGeometry convGeometry(const Node& node);
bool symmetricPadding(const ConvGeometry& g);  // torch's own padding argument can express it
// constant_pad_nd order (last dimension first); `positiveOnly` leaves out the crops.
std::vector<int64_t> convPadList(const ConvGeometry& g, bool positiveOnly);
// A shrunk kernel whose kept taps only read padding crops more than input `x` holds: it pads
// first and crops afterwards (constant_pad_nd alone refuses it).
bool cropsBeyondInput(const ConvGeometry& g, const Shape& x);

// conv_transpose: the weight is [in, out / groups, k...].
struct TransposedGeometry {
    size_t dims = 0;
    std::vector<int64_t> kernel, stride, padding, outputPadding, dilation;
    int64_t groups = 1, inChannels = 0, outChannels = 0;
};
TransposedGeometry transposedGeometry(const Node& node);

// max_pool, avg_pool (adaptive pools read "output_size" with spatialAttr).
struct PoolWindow {
    std::vector<int64_t> kernel, stride, padding, dilation;
    bool ceilMode = false;
};
size_t poolSpatialDims(const Shape& x);  // 1 or 2
PoolWindow poolWindow(const Node& node, size_t dims);

// cat, split, slice: the axis in an input of `rank`; stack: the axis in its output (rank + 1).
int64_t concatDim(const Node& node, size_t rank);
struct SliceRange {
    int64_t dim = 0, start = 0, end = 0, step = 1;  // start and end clamped into the input
};
SliceRange sliceRange(const Node& node, const Shape& x);

std::vector<int64_t> reducedDims(const Node& node, size_t rank);  // sorted, non-negative
std::vector<int64_t> permutation(const Node& node, size_t rank);  // permute and transpose
int64_t squeezeDim(const Node& node, size_t inRank);              // squeeze and unsqueeze
// reflection_pad / replication_pad take exactly the spatial dimensions, in torch order.
std::vector<int64_t> spatialPads(const Node& node, size_t rank);
std::optional<double> upsampleScale(const Node& node, size_t d);  // the user's scale factor

}  // namespace secateur
