// A finished sweep's points as things to pick and export: by name, or the best that meets given
// limits.
#pragma once

#include <string>
#include <vector>

#include "engine/runs/sweep.h"

namespace secateur {

// A sweep's run folder (it holds seed.json), as opposed to a single search's (final.json).
bool isSweepFolder(const std::string& folder);

// The finished point (search or baseline; not the seed) with the best `metric` (the task's
// headline metric when empty; lower is better for the task's error metrics) on the test split (the
// validation split for a task without one, the synthetic task) among those whose recorded costs
// meet every limit; of equal ones, the one with fewer parameters. Throws an Error when no point has
// the metric or none meets the limits, naming the cheapest point on each limit.
const PointRecord& bestPoint(const SweepRun& run, const std::string& metric,
                             const std::vector<Limit>& limits);

// "search-0.3: test accuracy 81.2 %, flash 14,487 bytes" (the metric and the run's costs).
std::string describePoint(const SweepRun& run, const PointRecord& point);

// Writes point `name` of `run` (its folder's points/NAME.graph.json) in `format` to `target`;
// throws an Error naming the finished points when there is no such point.
void exportPoint(const SweepRun& run, const std::string& name, const std::string& format,
                 const std::string& target);

}  // namespace secateur
