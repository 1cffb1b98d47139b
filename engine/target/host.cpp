// host: float32 inference on a desktop CPU, one core. A rough model for comparisons, not calibrated
// on any machine (docs/targets.md).
#include "engine/target/target_rates.h"

namespace secateur {

void registerHostTarget(TargetRegistry& registry) {
    Target t;
    t.name = "host";
    t.label = "Desktop CPU (float32)";
    t.description = "float32 weights, biases and activations on one desktop core";
    t.weightBytes = 4;
    t.biasBytes = 4;
    t.activationBytes = 4;
    t.quantBytesPerChannel = 0;
    t.clockMhz = 3000.0;
    setKernelRates(t, {0.125, 0.5, 3000.0, 0});
    t.activePowerMw = 15000.0;
    t.energyPerByteNj = 0.01;
    t.latencyError = "uncalibrated: an order-of-magnitude figure for one desktop core";
    addTarget(registry, std::move(t));
}

}  // namespace secateur
