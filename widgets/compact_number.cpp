#include "widgets/compact_number.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace secateur::widgets {

QString compactNumber(double value, int significant) {
    if (!std::isfinite(value)) return QStringLiteral("-");
    static constexpr std::array<std::pair<double, char>, 3> units{
        {{1e9, 'G'}, {1e6, 'M'}, {1e3, 'k'}}};
    const double magnitude = std::abs(value);
    for (const auto& [scale, suffix] : units) {
        if (magnitude >= scale * 0.9995) {
            return QString::number(value / scale, 'g', significant) + QLatin1Char(suffix);
        }
    }
    return QString::number(value, 'g', std::max(significant, 3));
}

int decimalsForStep(double step) {
    if (!(step > 0) || step >= 1.0) return 0;
    return std::min(4, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)));
}

}  // namespace secateur::widgets
