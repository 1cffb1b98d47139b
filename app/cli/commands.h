// The headless command-line tool's commands. Each returns the process exit status.
#pragma once

#include <string>
#include <vector>

namespace secateur::cli {

using Args = std::vector<std::string>;

int info(const Args& args);
int search(const Args& args);
int exportRun(const Args& args);
int zoo(const Args& args);
int data(const Args& args);
int dims(const Args& args);  // app/cli/dims_command.cpp

}  // namespace secateur::cli
