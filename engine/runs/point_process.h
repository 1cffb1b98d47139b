// The processes a sweep starts for its points (--jobs): each runs the sweep's own command with
// `--point NAME --threads T` appended, under the parent's folder lock.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace secateur {

// Starts `command` for `point` and returns its process id; throws an Error when it cannot.
pid_t startPointProcess(const std::vector<std::string>& command, const std::string& point,
                        int threads);

// The pid of the sweep that started this process (it holds the folder's lock); 0 when none did.
long sweepParentPid();

}  // namespace secateur
