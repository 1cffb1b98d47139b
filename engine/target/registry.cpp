#include <algorithm>

#include "engine/target/target_rates.h"
#include "engine/util/error.h"
#include "engine/util/suggest.h"

namespace secateur {

// Each target registers itself; adding one is one file and one line here.
void registerCortexM4Target(TargetRegistry& registry);
void registerCortexM7Target(TargetRegistry& registry);
void registerHostTarget(TargetRegistry& registry);

namespace {

TargetRegistry makeBuiltinTargets() {
    TargetRegistry registry("target");
    registerCortexM7Target(registry);
    registerCortexM4Target(registry);
    registerHostTarget(registry);
    return registry;
}

}  // namespace

void setKernelRates(Target& t, const KernelRates& r) {
    for (const LayerKind kind : allLayerKinds()) {
        const bool weighted = isConvolution(kind) || kind == LayerKind::TransposedConv ||
                              kind == LayerKind::Linear || kind == LayerKind::Opaque;
        const double perMac = !weighted                          ? 0.0
                              : kind == LayerKind::DepthwiseConv ? 2.0 * r.cyclesPerMac
                                                                 : r.cyclesPerMac;
        setRate(t, kind, {perMac, r.cyclesPerElement, r.cyclesPerLayer});
        setLayerFlash(t, kind, r.descriptorBytes);
    }
}

Target integerTarget(const IntegerTargetSpec& spec) {
    Target t;
    t.name = spec.name;
    t.label = spec.label;
    t.description = "int8 weights and activations, int32 biases, CMSIS-NN-style kernels";
    t.clockMhz = spec.clockMhz;
    setKernelRates(t, spec.rates);
    setRate(t, LayerKind::Normalization, {0.0, 0.0, 0.0});
    setRate(t, LayerKind::Elementwise, {0.0, spec.addCyclesPerElement, 200.0});
    t.activePowerMw = spec.activePowerMw;
    t.energyPerByteNj = spec.energyPerByteNj;
    t.latencyError = "within 25 % of MLPerf Tiny's measured DS-CNN and ResNet-8 latencies";
    t.boards = spec.boards;
    return t;
}

const std::vector<Target>& targetCatalog() {
    static const std::vector<Target> catalog = [] {
        const TargetRegistry registry = makeBuiltinTargets();
        std::vector<Target> targets;
        for (const Target* t : registry.all()) targets.push_back(*t);
        return targets;
    }();
    return catalog;
}

std::vector<std::string> targetNames() {
    std::vector<std::string> names;
    for (const Target& t : targetCatalog()) names.push_back(t.name);
    return names;
}

Target target(const std::string& name) {
    if (isMeasuredTargetName(name)) return measuredTarget(name);
    const std::vector<Target>& all = targetCatalog();
    const auto it =
        std::find_if(all.begin(), all.end(), [&](const Target& t) { return t.name == name; });
    if (it != all.end()) return *it;
    const std::vector<std::string> known = targetNames();
    throw Error("unknown target '" + name + "'" + didYouMean(name, known) +
                "; known targets: " + joinNames(known) +
                ", or a CSV of measured layer latencies (FILE.csv or BASE:FILE.csv)");
}

}  // namespace secateur
