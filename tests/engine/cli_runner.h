// Runs the built `secateur` with arguments and captures its exit status, stdout and stderr.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace secateur {

struct CliRun {
    int status = 0;
    std::string out, err;
};

// `scratch`: a folder for the captured streams (created if missing); `env`: "NAME=value ..." set
// for the run.
inline CliRun runCli(const std::string& args, const std::filesystem::path& scratch,
                     const std::string& env = "") {
    std::filesystem::create_directories(scratch);
    const std::filesystem::path out = scratch / "stdout.txt", err = scratch / "stderr.txt";
    const std::string command =
        env + " " + SECATEUR_CLI + " " + args + " > " + out.string() + " 2> " + err.string();
    const int status = std::system(command.c_str());
    const auto read = [](const std::filesystem::path& p) {
        std::ifstream in(p);
        return std::string(std::istreambuf_iterator<char>(in), {});
    };
    return {WEXITSTATUS(status), read(out), read(err)};
}

}  // namespace secateur
