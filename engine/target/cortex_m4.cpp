// cortex-m4: int8 CMSIS-NN-style kernels on an STM32L4R5 at 120 MHz. Constants and their sources:
// docs/targets.md.
#include "engine/target/target_rates.h"

namespace secateur {

void registerCortexM4Target(TargetRegistry& registry) {
    addTarget(registry,
              integerTarget({"cortex-m4",
                             "Arm Cortex-M4F, 120 MHz (int8)",
                             120.0,
                             {1.6, 3.0, 3000.0, 64},
                             1.5,
                             40.0,
                             0.2,
                             {{"STM32L4R5", "Cortex-M4F 120 MHz", 640 * kKiB, 2048 * kKiB}}}));
}

}  // namespace secateur
