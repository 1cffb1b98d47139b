// Deployment targets: what a device stores and how fast and frugally it runs each kind of layer.
// Each target is one file registering itself in engine/target/registry.cpp; the constants and their
// sources are in docs/targets.md. Plain data (no torch), for the engine's costs, the CLI and the
// studio's target panel.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "engine/graph/layer_kind.h"

namespace secateur {

constexpr int64_t kKiB = 1024;  // board memories are in binary kB
constexpr size_t kLayerKindCount = std::size(detail::kLayerKinds);

// Cycles of one layer of a kind: perMac x MACs + perElement x (input + output elements) + perLayer.
struct KernelRate {
    double cyclesPerMac = 0.0;
    double cyclesPerElement = 0.0;
    double cyclesPerLayer = 0.0;
};

// A board: the limits its presets fill in.
struct BoardPreset {
    std::string name;  // "STM32F746"
    std::string core;  // "Cortex-M7 216 MHz"
    int64_t ramBytes = 0;
    int64_t flashBytes = 0;
};

struct Target {
    std::string name;         // "cortex-m7"
    std::string label;        // "Arm Cortex-M7 (int8, CMSIS-NN)"
    std::string description;  // one sentence
    // Storage widths in bytes: weights, biases and other per-channel values, activations.
    int weightBytes = 1;
    int biasBytes = 4;
    int activationBytes = 1;
    // Quantisation metadata per output channel of a weighted layer (multiplier and shift).
    int quantBytesPerChannel = 8;
    std::array<int64_t, kLayerKindCount> flashPerLayer{};  // descriptor bytes by layer kind
    double clockMhz = 1.0;
    std::array<KernelRate, kLayerKindCount> rates{};
    double activePowerMw = 0.0;    // whole device while computing
    double energyPerByteNj = 0.0;  // per byte of weights read and activations read or written
    std::string latencyError;      // the documented error of the latency estimate
    std::vector<BoardPreset> boards;

    const KernelRate& rate(LayerKind kind) const { return rates[static_cast<size_t>(kind)]; }
    int64_t layerFlash(LayerKind kind) const { return flashPerLayer[static_cast<size_t>(kind)]; }
    bool quantised() const { return weightBytes < 4; }
};

// The target used when a project or command names none.
inline const char* const kDefaultTarget = "cortex-m7";

// Every registered target, in registration order.
const std::vector<Target>& targetCatalog();
std::vector<std::string> targetNames();
// A registered target, or a measured one for a name "[BASE:]FILE.csv". Throws an Error naming the
// unknown target, the nearest known one and all of them (or the file, line and field at fault).
Target target(const std::string& name);

// "FILE.csv" or "BASE:FILE.csv": a target fitted to measured layer latencies.
bool isMeasuredTargetName(const std::string& name);
// Its base target ("" for the default) and its file.
std::pair<std::string, std::string> measuredTargetParts(const std::string& name);
// The CSV's columns are kind (a layer kind name, e.g. standard_conv, depthwise_conv, linear,
// pooling, elementwise), macs, elements (input + output elements of the layer) and latency_ms.
// Storage widths, power and energy are BASE's (default cortex-m7); the rates are fitted per kind
// (docs/targets.md#measured-targets).
Target measuredTarget(const std::string& name);

}  // namespace secateur
