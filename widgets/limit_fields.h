// The project form's limit fields as typed ids, with the one table that maps each to its form
// field name and the engine cost it limits: the form, its errors and the studio's check of
// unreachable limits all read it.
#pragma once

#include <QString>
#include <array>
#include <optional>
#include <string_view>

namespace secateur::widgets {

enum class LimitField { Flash, Ram, Latency, Energy };

struct LimitFieldInfo {
    LimitField field;
    const char* name;   // the form field ("flash", "ram"): object name and error key
    const char* cost;   // the engine's cost ("flash", "peak_ram")
    double toCostUnit;  // from the field's unit (kB, ms, µJ) to the cost's (bytes, ms, µJ)
};

inline constexpr double kKiBytes = 1024.0;

// In form order.
inline constexpr std::array<LimitFieldInfo, 4> kLimitFields{
    {{LimitField::Flash, "flash", "flash", kKiBytes},
     {LimitField::Ram, "ram", "peak_ram", kKiBytes},
     {LimitField::Latency, "latency", "latency_ms", 1.0},
     {LimitField::Energy, "energy", "energy_uj", 1.0}}};

inline const LimitFieldInfo& limitFieldInfo(LimitField field) {
    for (const LimitFieldInfo& f : kLimitFields)
        if (f.field == field) return f;
    return kLimitFields.front();
}

// The form field's name ("ram" for LimitField::Ram).
inline QString limitFieldName(LimitField field) {
    return QString::fromLatin1(limitFieldInfo(field).name);
}

// The field that sets a limit on `cost`; nullopt for a cost the form has no field for.
inline std::optional<LimitField> limitFieldOfCost(std::string_view cost) {
    for (const LimitFieldInfo& f : kLimitFields)
        if (cost == f.cost) return f.field;
    return std::nullopt;
}

}  // namespace secateur::widgets
