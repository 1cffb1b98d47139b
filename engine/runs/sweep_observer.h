// What a sweep tells its caller while it runs, point by point; the seed's training (which also
// serves single searches) reports through the same observer.
#pragma once

#include <optional>
#include <string>

#include "engine/report/point_kind.h"
#include "engine/report/report.h"
#include "engine/search/search.h"

namespace secateur {

// One planned point of a sweep.
struct PointPlan {
    std::string name;  // "search-0.3", "width-0.5", "flash-16k"
    PointKind kind = PointKind::Search;
    double setting = 0.0;        // strength, width, or the value of `limit`
    std::optional<Limit> limit;  // a limit-sweep point: searched at the project's strength under it
};

class SweepObserver {
public:
    virtual ~SweepObserver() = default;
    virtual void onMessage(const std::string&) {}
    // The seed's training is point kSeedPoint ("seed"); then one call per point as it starts.
    virtual void onPointStart(const PointPlan&, int /*index*/, int /*total*/) {}
    virtual void onSnapshot(const std::string& /*point*/, const Snapshot&, bool /*epoch*/) {}
    virtual void onPointDone(const PointRecord&) {}
};

}  // namespace secateur
