// cortex-m4: int8 CMSIS-NN-style kernels on an STM32L4R5 at 120 MHz. Constants and their sources:
// docs/targets.md.
#include "engine/target/target_rates.h"

namespace secateur {

void registerCortexM4Target(TargetRegistry& registry) {
    Target t;
    t.name = "cortex-m4";
    t.label = "Arm Cortex-M4F, 120 MHz (int8)";
    t.description = "int8 weights and activations, int32 biases, CMSIS-NN-style kernels";
    t.clockMhz = 120.0;
    setKernelRates(t, {1.6, 3.0, 3000.0, 64});
    // Batch norm folds into the preceding convolution; activations fuse into its requantisation,
    // so only element-wise arithmetic of two tensors (residual adds) costs per element.
    setRate(t, LayerKind::Normalization, {0.0, 0.0, 0.0});
    setRate(t, LayerKind::Elementwise, {0.0, 1.5, 200.0});
    t.activePowerMw = 40.0;
    t.energyPerByteNj = 0.2;
    t.latencyError = "within 25 % of MLPerf Tiny's measured DS-CNN and ResNet-8 latencies";
    t.boards = {{"STM32L4R5", "Cortex-M4F 120 MHz", 640 * kKiB, 2048 * kKiB}};
    registry.add(std::move(t));
}

}  // namespace secateur
