// Private header: building blocks shared by several zoo models.
#pragma once

#include <cstdint>
#include <string>

#include "engine/graph/builder.h"

namespace secateur::zoo {

// Square 2-D conv options without bias (a batch norm follows).
ConvOptions conv2d(int64_t stride, int64_t padding, int64_t groups = 1);
// 1-D causal dilated conv options without bias.
ConvOptions causal1d(int64_t dilation);

int64_t channels(const GraphBuilder& b, int x);

// Depthwise 3x3 (stride) + BN + act, then pointwise 1x1 + BN + act.
int depthwiseSeparable(GraphBuilder& b, int x, int64_t outChannels, int64_t stride,
                       const std::string& activation, const std::string& name);

// ShuffleNet's channel shuffle of [N,C,H,W]: reshape [g, C/g, H, W], swap the two, reshape back.
int channelShuffle(GraphBuilder& b, int x, int64_t groups, const std::string& name);

}  // namespace secateur::zoo
