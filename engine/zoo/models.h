// Private header: one builder per seed model, each in its own file; registry.cpp lists them.
#pragma once

#include <cstdint>

#include "engine/graph/ir.h"
#include "engine/zoo/zoo.h"

namespace secateur {

Graph buildDsCnn(const ZooOptions& o);
Graph buildResNet8(const ZooOptions& o);
Graph buildTempoNet(const ZooOptions& o);
Graph buildEcgTcn(const ZooOptions& o);
Graph buildMobileNetV1Tiny(const ZooOptions& o);
Graph buildMobileNetV2Tiny(const ZooOptions& o);
Graph buildSeNetTiny(const ZooOptions& o);
Graph buildFireNet(const ZooOptions& o);
Graph buildShuffleNetTiny(const ZooOptions& o);
Graph buildTwoHeadNet(const ZooOptions& o);
Graph buildMlpAutoencoder(const ZooOptions& o);
Graph buildKwsMixer(const ZooOptions& o);

}  // namespace secateur
