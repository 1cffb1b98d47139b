// Private header: helpers for the target files, which fill a Target's tables by layer kind.
#pragma once

#include "engine/target/target.h"
#include "engine/util/registry.h"

namespace secateur {

inline void setRate(Target& t, LayerKind kind, KernelRate rate) {
    t.rates[static_cast<size_t>(kind)] = rate;
}
inline void setLayerFlash(Target& t, LayerKind kind, int64_t bytes) {
    t.flashPerLayer[static_cast<size_t>(kind)] = bytes;
}
// The same cycles per MAC for the weighted kinds other than depthwise (standard, pointwise,
// grouped, transposed, linear and kept-whole submodules), twice as many for depthwise, and one
// descriptor size for every layer kind that runs code.
struct KernelRates {
    double cyclesPerMac = 1.0;
    double cyclesPerElement = 1.0;
    double cyclesPerLayer = 0.0;
    int64_t descriptorBytes = 0;
};
void setKernelRates(Target& t, const KernelRates& r);

// A microcontroller running int8 CMSIS-NN-style kernels: int8 weights and activations, int32
// biases, 8 bytes of requantisation metadata per output channel; batch norm folds into the
// preceding convolution and activations fuse into its requantisation, so only arithmetic of two
// tensors (residual adds) costs per element.
struct IntegerTargetSpec {
    std::string name, label;
    double clockMhz = 1.0;
    KernelRates rates;
    double addCyclesPerElement = 1.0;
    double activePowerMw = 0.0, energyPerByteNj = 0.0;
    std::vector<BoardPreset> boards;
};
Target integerTarget(const IntegerTargetSpec& spec);

using TargetRegistry = Registry<Target>;
// Registers `target` under its own name.
inline void addTarget(TargetRegistry& registry, Target target) {
    const std::string name = target.name;
    registry.add(name, std::make_shared<const Target>(std::move(target)));
}

}  // namespace secateur
