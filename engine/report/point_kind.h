// The kinds of a sweep's points as one typed vocabulary with one name table: the run folder's
// files spell them ("seed", "search", "baseline"), code compares the enum. Plain C++: no torch,
// no Qt.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace secateur {

enum class PointKind {
    Seed,      // the seed trained once; every point starts from it
    Search,    // a search from the trained seed (at one strength, or under one limit)
    Baseline,  // the trained seed scaled to one width and trained for the same epochs
};

struct PointKindName {
    PointKind kind;
    const char* name;  // as points/NAME.json and the report write it
};

inline constexpr std::array<PointKindName, 3> kPointKinds{
    {{PointKind::Seed, "seed"}, {PointKind::Search, "search"}, {PointKind::Baseline, "baseline"}}};

// The name of the seed's point (its training reports progress under it).
inline constexpr const char* kSeedPoint = "seed";

inline const char* pointKindName(PointKind kind) {
    for (const PointKindName& k : kPointKinds)
        if (k.kind == kind) return k.name;
    return "";
}

// The kind `name` spells; nullopt for an unknown one.
inline std::optional<PointKind> pointKindOf(std::string_view name) {
    for (const PointKindName& k : kPointKinds)
        if (name == k.name) return k.kind;
    return std::nullopt;
}

}  // namespace secateur
