// cortex-m7: int8 CMSIS-NN-style kernels on an STM32F746 at 216 MHz (the MLPerf Tiny reference
// board). Constants and their sources: docs/targets.md.
#include "engine/target/target_rates.h"

namespace secateur {

void registerCortexM7Target(TargetRegistry& registry) {
    addTarget(registry,
              integerTarget({"cortex-m7",
                             "Arm Cortex-M7, 216 MHz (int8)",
                             216.0,
                             {1.0, 2.0, 2000.0, 64},
                             1.0,
                             100.0,
                             0.5,
                             {{"STM32F746", "Cortex-M7 216 MHz", 320 * kKiB, 1024 * kKiB},
                              {"STM32H743", "Cortex-M7 480 MHz", 1024 * kKiB, 2048 * kKiB}}}));
}

}  // namespace secateur
