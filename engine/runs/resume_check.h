// A sweep folder records what it was started with (project.json, sweep.json); a resume must run
// the same, or one report would mix two runs.
#pragma once

#include <string>

#include "engine/project/project.h"

namespace secateur {

// Throws an Error naming every difference (the budget, the seed, the task, the data, the search
// settings with the target and the limits, the budget's fields) between the run recorded in
// `folder` and `project` run with `budget`, and the way out. Folders of older versions without
// a record pass.
void checkResumable(const std::string& folder, const Project& project, const std::string& budget);

}  // namespace secateur
