// Command-line options as the commands read them.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "app/cli/commands.h"

namespace secateur::cli {

struct Parsed {
    std::vector<std::string> positional;
    std::map<std::string, std::string> values;
    std::map<std::string, std::vector<std::string>> repeated;  // every value of each option
    std::set<std::string> flags;

    std::string value(const std::string& key, const std::string& fallback = "") const {
        const auto it = values.find(key);
        return it == values.end() ? fallback : it->second;
    }
    bool has(const std::string& key) const { return values.count(key) || flags.count(key); }
    std::vector<std::string> all(const std::string& key) const {
        const auto it = repeated.find(key);
        return it == repeated.end() ? std::vector<std::string>{} : it->second;
    }
};

// Splits `args` into positional arguments, options with a value and flags; an unknown option is
// an Error.
Parsed parse(const Args& args, const std::set<std::string>& valued,
             const std::set<std::string>& flags);

}  // namespace secateur::cli

namespace secateur {
struct Project;
}

namespace secateur::cli {

// `secateur search` with a budget: the sweep into --out (app/cli/sweep_command.cpp).
int sweepCommand(const Project& project, const Parsed& p, const Args& args);

}  // namespace secateur::cli
