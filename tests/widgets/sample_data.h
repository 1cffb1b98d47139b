// Plain engine values for widget tests, made up without running the engine.
#pragma once

#include <string>

#include "engine/project/run_summary.h"
#include "engine/search/search.h"

namespace secateur::test {

// A five-layer network (conv1d x3 with kernels and dilations, a depthwise conv, a linear head)
// at search progress `progress` in [0, 1]: later snapshots keep fewer channels and shorter
// kernels, so views must change between them.
Snapshot sampleSnapshot(double progress, const std::string& phase = "search");

// A finished run of the same network; `shrink` in (0, 1] is the share of channels kept.
RunSummary sampleRun(const std::string& id, double shrink, double accuracy);

// Where tests write rendered PNGs (created if needed).
std::string testOutputPath(const std::string& fileName);

}  // namespace secateur::test
