// Private header: one builder per seed model, each in its own file; registry.cpp lists them.
#pragma once

#include <cstdint>

#include "engine/graph/ir.h"

namespace secateur {

Graph buildDsCnn(uint64_t seed);
Graph buildResNet8(uint64_t seed);
Graph buildTempoNet(uint64_t seed);
Graph buildEcgTcn(uint64_t seed);
Graph buildMobileNetV1Tiny(uint64_t seed);
Graph buildMobileNetV2Tiny(uint64_t seed);
Graph buildSeNetTiny(uint64_t seed);
Graph buildFireNet(uint64_t seed);
Graph buildShuffleNetTiny(uint64_t seed);
Graph buildTwoHeadNet(uint64_t seed);
Graph buildMlpAutoencoder(uint64_t seed);
Graph buildKwsMixer(uint64_t seed);

}  // namespace secateur
