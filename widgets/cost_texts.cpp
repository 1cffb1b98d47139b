#include "widgets/cost_texts.h"

#include <QLocale>
#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>

#include "widgets/compact_number.h"

namespace secateur::widgets {
namespace {

struct Scale {
    double factor;  // of the base unit
    const char* name;
};

// About three significant digits, trailing zeros dropped: 41.2, 64, 0.52, 1000.
QString rounded(double value) {
    const double magnitude = std::abs(value);
    const int digits =
        magnitude >= 1.0 ? static_cast<int>(std::floor(std::log10(magnitude))) + 1 : 0;
    QString text = QString::number(value, 'f', std::max(0, 3 - digits));
    if (text.contains(QLatin1Char('.'))) {
        while (text.endsWith(QLatin1Char('0'))) text.chop(1);
        if (text.endsWith(QLatin1Char('.'))) text.chop(1);
    }
    return text;
}

// `value` (in the scale of factor 1) in the largest of `scales` (ascending) it reaches.
QString scaled(double value, std::initializer_list<Scale> scales) {
    const Scale* chosen = nullptr;
    for (const Scale& scale : scales)
        if (std::abs(value) >= scale.factor * 0.9995) chosen = &scale;
    if (chosen == nullptr) {  // zero stays in the base unit; tiny values take the smallest
        chosen = std::find_if(scales.begin(), scales.end(), [&](const Scale& scale) {
            return value != 0.0 || scale.factor == 1.0;
        });
    }
    return rounded(value / chosen->factor) + QLatin1Char(' ') + QString::fromUtf8(chosen->name);
}

bool isMicrojoule(const QString& unit) {
    return unit == QStringLiteral("µJ") || unit == QStringLiteral("uJ");
}

}  // namespace

void CostTexts::merge(const std::vector<secateur::CostInfo>& infos) {
    for (const secateur::CostInfo& info : infos)
        if (!find(QString::fromStdString(info.name))) infos_.push_back(info);
}

const secateur::CostInfo* CostTexts::find(const QString& name) const {
    const std::string key = name.toStdString();
    const auto it = std::find_if(infos_.begin(), infos_.end(),
                                 [&](const secateur::CostInfo& info) { return info.name == key; });
    return it == infos_.end() ? nullptr : &*it;
}

QString CostTexts::label(const QString& name) const {
    const secateur::CostInfo* info = find(name);
    return info ? QString::fromStdString(info->label) : name;
}

QString CostTexts::unit(const QString& name) const {
    const secateur::CostInfo* info = find(name);
    return info ? QString::fromStdString(info->unit) : QString();
}

QString CostTexts::description(const QString& name) const {
    const secateur::CostInfo* info = find(name);
    return info ? QString::fromStdString(info->description) : QString();
}

int CostTexts::rank(const QString& name) const {
    const secateur::CostInfo* info = find(name);
    return info ? static_cast<int>(info - infos_.data()) : static_cast<int>(infos_.size());
}

QStringList CostTexts::ordered(QStringList names) const {
    std::sort(names.begin(), names.end(), [this](const QString& a, const QString& b) {
        const int ra = rank(a), rb = rank(b);
        return ra != rb ? ra < rb : a < b;
    });
    return names;
}

QColor CostTexts::color(const QString& name) const {
    static constexpr std::array<QRgb, 8> colors{
        0x8e24aa,  // purple
        0xfb8c00,  // orange
        0x00897b,  // teal
        0x6d4c41,  // brown
        0xd81b60,  // pink
        0x3949ab,  // indigo
        0x7cb342,  // light green
        0x546e7a,  // blue grey
    };
    return QColor(colors[static_cast<size_t>(rank(name)) % colors.size()]);
}

QString CostTexts::valueText(const QString& name, double value) const {
    return costValueText(value, unit(name));
}

QString CostTexts::exactText(const QString& name, double value) const {
    return exactCostText(value, unit(name));
}

bool isNounUnit(const QString& unit) {
    return unit.size() > 2 && unit.front().isLetter() && unit.back().isLetter();
}

QString costValueText(double value, const QString& unit) {
    if (!std::isfinite(value)) return QStringLiteral("-");
    if (unit == QStringLiteral("byte")) {
        return scaled(value, {{1.0, "B"}, {1024.0, "kB"}, {1048576.0, "MB"}, {1073741824.0, "GB"}});
    }
    if (unit == QStringLiteral("ms")) return scaled(value, {{1e-3, "µs"}, {1.0, "ms"}, {1e3, "s"}});
    if (isMicrojoule(unit)) return scaled(value, {{1.0, "µJ"}, {1e3, "mJ"}, {1e6, "J"}});
    if (unit.isEmpty()) return compactNumber(value);
    return compactNumber(value) + QLatin1Char(' ') + unit +
           (isNounUnit(unit) && value != 1.0 ? QStringLiteral("s") : QString());
}

QString exactCostText(double value, const QString& unit) {
    if (!std::isfinite(value)) return QStringLiteral("-");
    if (unit == QStringLiteral("byte")) {
        return QStringLiteral("%1 bytes").arg(QLocale().toString(std::llround(value)));
    }
    const QString number = value == std::round(value) && std::abs(value) < 1e15
                               ? QLocale().toString(std::llround(value))
                               : QLocale().toString(value, 'g', 6);
    return unit.isEmpty() ? number : number + QLatin1Char(' ') + unit;
}

QString costCellText(double value, const QLocale& locale) {
    if (!std::isfinite(value)) return QStringLiteral("-");
    if (std::abs(value - std::round(value)) < 1e-9) return locale.toString(std::llround(value));
    return locale.toString(value, 'g', 4);
}

}  // namespace secateur::widgets
