#include "widgets/pareto_front.h"

#include <algorithm>
#include <cmath>

namespace secateur::widgets {

std::vector<size_t> paretoFront(const std::vector<std::pair<double, double>>& costAccuracy) {
    std::vector<size_t> candidates;
    for (size_t i = 0; i < costAccuracy.size(); ++i) {
        const auto& [cost, accuracy] = costAccuracy[i];
        if (std::isfinite(cost) && std::isfinite(accuracy)) candidates.push_back(i);
    }
    // Cheapest first; among equal costs the most accurate first, so one sweep finds the front.
    std::sort(candidates.begin(), candidates.end(), [&](size_t a, size_t b) {
        const auto& pa = costAccuracy[a];
        const auto& pb = costAccuracy[b];
        if (pa.first != pb.first) return pa.first < pb.first;
        if (pa.second != pb.second) return pa.second > pb.second;
        return a < b;
    });
    std::vector<size_t> front;
    for (const size_t i : candidates) {
        if (front.empty()) {
            front.push_back(i);
            continue;
        }
        const auto& best = costAccuracy[front.back()];
        const auto& point = costAccuracy[i];
        if (point.second > best.second || point == best) front.push_back(i);
    }
    return front;
}

}  // namespace secateur::widgets
