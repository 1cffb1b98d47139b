// Files written whole or not at all: a temporary beside the target, then one rename.
#pragma once

#include <string>

namespace secateur {

// Writes `contents` to a temporary beside `path`, then renames it over `path`.
void writeFileAtomically(const std::string& path, const std::string& contents);
// A name part no other process, thread or call uses at the same time (for temporaries).
std::string uniqueSuffix();

}  // namespace secateur
