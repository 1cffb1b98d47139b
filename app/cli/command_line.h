// The command line declared once (CLI11): each command file adds its subcommand and options to the
// program's CLI::App, and parsing, --help, the man page (help2man reads --help-all) and the bash
// completion all come from those declarations.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace secateur::cli {

// What a parsed command runs after parsing succeeded; the process exit status.
using Runner = std::function<int()>;

// How much a command reports on stderr: -q only errors, default progress, -v also details.
enum class Verbosity { Quiet, Normal, Verbose };

struct Globals {
    Verbosity verbosity = Verbosity::Normal;
    std::vector<std::string> args;  // the command line after the program's name
};

// Every command of `secateur`; each sets `run` when it is the one parsed.
void addInfoCommand(CLI::App& app, Runner& run, const Globals& globals);
void addZooCommand(CLI::App& app, Runner& run, const Globals& globals);
void addSearchCommand(CLI::App& app, Runner& run, const Globals& globals);
void addExportCommand(CLI::App& app, Runner& run, const Globals& globals);
void addDataCommand(CLI::App& app, Runner& run, const Globals& globals);
void addDimsCommand(CLI::App& app, Runner& run, const Globals& globals);

// An option whose value is kept only when given.
template <class T>
CLI::Option* addOptional(CLI::App* command, const std::string& names, std::optional<T>& target,
                         const std::string& description) {
    return command->add_option_function<T>(
        names, [&target](const T& value) { target = value; }, description);
}

// " One of: a, b, c." for an option's description, from a registry's names.
std::string oneOf(const std::vector<std::string>& names);

// A whole number of at least `minimum`; the message names the text that is not one.
CLI::Validator wholeNumber(int minimum);

// One line for a parse error: the culprit, the nearest valid option or command, and where to look.
std::string explainParseError(const CLI::App& app, const CLI::ParseError& error);

// A bash completion script for `app`: its commands, their subcommands and options.
std::string bashCompletion(const CLI::App& app);

}  // namespace secateur::cli
