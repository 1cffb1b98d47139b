// The HTML report's inline SVG: test metric against params (log scale), search front, baselines.
#pragma once

#include <string>

#include "engine/report/report.h"

namespace secateur {

// Every marker (one per point with finite positive params and finite test metric, and the seed)
// has class "pt" and a <title> tooltip; the SVG has no xmlns, scripts or external references.
std::string reportPlotSvg(const ReportInput& input);

}  // namespace secateur
