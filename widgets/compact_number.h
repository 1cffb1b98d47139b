// Short, readable numbers for costs: 950, 12.3k, 4.56M, 1.2G.
#pragma once

#include <QString>

namespace secateur::widgets {

// `value` with a k / M / G suffix and about `significant` digits; "-" for NaN or infinity.
QString compactNumber(double value, int significant = 3);
// Decimals needed to tell axis ticks `step` apart (0 for steps of 1 or more).
int decimalsForStep(double step);

}  // namespace secateur::widgets
