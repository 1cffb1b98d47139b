// cortex-m7: int8 CMSIS-NN-style kernels on an STM32F746 at 216 MHz (the MLPerf Tiny reference
// board). Constants and their sources: docs/targets.md.
#include "engine/target/target_rates.h"

namespace secateur {

void registerCortexM7Target(TargetRegistry& registry) {
    Target t;
    t.name = "cortex-m7";
    t.label = "Arm Cortex-M7, 216 MHz (int8)";
    t.description = "int8 weights and activations, int32 biases, CMSIS-NN-style kernels";
    t.clockMhz = 216.0;
    setKernelRates(t, {1.0, 2.0, 2000.0, 64});
    // Batch norm folds into the preceding convolution; activations fuse into its requantisation,
    // so only element-wise arithmetic of two tensors (residual adds) costs per element.
    setRate(t, LayerKind::Normalization, {0.0, 0.0, 0.0});
    setRate(t, LayerKind::Elementwise, {0.0, 1.0, 200.0});
    t.activePowerMw = 100.0;
    t.energyPerByteNj = 0.5;
    t.latencyError = "within 25 % of MLPerf Tiny's measured DS-CNN and ResNet-8 latencies";
    t.boards = {{"STM32F746", "Cortex-M7 216 MHz", 320 * kKiB, 1024 * kKiB},
                {"STM32H743", "Cortex-M7 480 MHz", 1024 * kKiB, 2048 * kKiB}};
    registry.add(std::move(t));
}

}  // namespace secateur
