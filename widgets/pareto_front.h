// The Pareto front of (cost, accuracy) points: lower cost and higher accuracy are better.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace secateur::widgets {

// Indices of the non-dominated points, sorted by cost (then by index). A point is dominated when
// another is at least as good on both axes and strictly better on one, so exact duplicates of a
// front point are all kept. Points with a NaN or infinite coordinate are never on the front.
std::vector<size_t> paretoFront(const std::vector<std::pair<double, double>>& costAccuracy);

}  // namespace secateur::widgets
