// The studio's names as the desktop and QSettings see them.
#pragma once

namespace secateur::studio {
inline constexpr const char* kOrganisation = "Secateur";
inline constexpr const char* kApplication = "Secateur Studio";
}  // namespace secateur::studio
