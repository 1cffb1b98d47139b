// The studio's names as the desktop and QSettings see them.
#pragma once

namespace secateur::studio {
// QSettings and QStandardPaths: ~/.config/secateur/studio.conf and ~/.local/share/secateur/studio,
// beside the command-line tool's ~/.local/share/secateur/data.
inline constexpr const char* kOrganisation = "secateur";
inline constexpr const char* kApplication = "studio";
inline constexpr const char* kDisplayName = "Secateur Studio";
}  // namespace secateur::studio
