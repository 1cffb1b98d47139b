#include "engine/zoo/blocks.h"

namespace secateur::zoo {

ConvOptions conv2d(int64_t stride, int64_t padding, int64_t groups) {
    ConvOptions options;
    options.stride = {stride, stride};
    options.padding = {padding, padding};
    options.groups = groups;
    options.bias = false;
    return options;
}

ConvOptions causal1d(int64_t dilation) {
    ConvOptions options;
    options.causal = true;
    options.dilation = {dilation};
    options.bias = false;
    return options;
}

int64_t channels(const GraphBuilder& b, int x) {
    return b.shape(x).at(1);
}

int depthwiseSeparable(GraphBuilder& b, int x, int64_t outChannels, int64_t stride,
                       const std::string& activation, const std::string& name) {
    const int64_t in = channels(b, x);
    x = b.convBnAct(x, in, {3, 3}, conv2d(stride, 1, in), activation, name + ".dw");
    return b.convBnAct(x, outChannels, {1, 1}, conv2d(1, 0), activation, name + ".pw");
}

int channelShuffle(GraphBuilder& b, int x, int64_t groups, const std::string& name) {
    const Shape& s = b.shape(x);
    const int64_t c = s.at(1), h = s.at(2), w = s.at(3);
    x = b.reshape(x, {groups, c / groups, h, w}, name + ".split_groups");
    x = b.transpose(x, 1, 2, name + ".swap");
    return b.reshape(x, {c, h, w}, name + ".merge");
}

}  // namespace secateur::zoo
