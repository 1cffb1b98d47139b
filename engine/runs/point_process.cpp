#include "engine/runs/point_process.h"

#include <spawn.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "engine/util/error.h"

extern char** environ;  // NOLINT: POSIX

namespace secateur {
namespace {

// Set for the points a sweep starts: the parent's pid.
constexpr const char* kSweepParentVariable = "SECATEUR_SWEEP_PARENT";

}  // namespace

pid_t startPointProcess(const std::vector<std::string>& command, const std::string& point,
                        int threads) {
    std::vector<std::string> args = command;
    args.insert(args.end(), {"--point", point, "--threads", std::to_string(threads)});
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    // The child runs under this process's folder lock: it learns the holder from its environment.
    std::string parent = std::string(kSweepParentVariable) + "=" + std::to_string(::getpid());
    std::vector<char*> env;
    for (char** e = environ; *e; ++e)
        if (std::strncmp(*e, kSweepParentVariable, std::strlen(kSweepParentVariable)) != 0)
            env.push_back(*e);
    env.push_back(parent.data());
    env.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), env.data()) != 0)
        throw Error("cannot start " + args[0] + " for point " + point);
    return pid;
}

long sweepParentPid() {
    const char* parent = std::getenv(kSweepParentVariable);
    return parent ? std::atol(parent) : 0;
}

}  // namespace secateur
