// secateur: the headless tool. `secateur --help` lists the commands, `secateur COMMAND --help`
// their options; both come from the declarations in the command files.
#include <cstdio>
#include <iostream>

#include "app/cli/command_line.h"

namespace {

constexpr const char* kDescription =
    "Secateur Studio's command-line tool: measures networks, searches smaller ones for "
    "microcontrollers (channels, kernels, dilations under memory limits), runs sweeps and "
    "exports the result.";

int runTool(int argc, char** argv) {
    using namespace secateur::cli;
    Globals globals;
    globals.args.assign(argv + 1, argv + argc);
    // `secateur help [COMMAND]` reads as `secateur [COMMAND] --help`.
    if (!globals.args.empty() && globals.args.front() == "help") {
        globals.args.erase(globals.args.begin());
        globals.args.emplace_back("--help");
    }

    CLI::App app(kDescription, "secateur");
    app.set_version_flag("--version", "secateur " SECATEUR_VERSION);
    app.set_help_all_flag("--help-all", "Print the help of every command and exit");
    app.require_subcommand(1);
    app.fallthrough();
    bool quiet = false, verbose = false;
    app.add_flag("-q,--quiet", quiet, "Print only errors and results, no progress");
    app.add_flag("-v,--verbose", verbose, "Print progress in detail")->excludes("--quiet");
    Runner run;
    addInfoCommand(app, run, globals);
    addSearchCommand(app, run, globals);
    addExportCommand(app, run, globals);
    addZooCommand(app, run, globals);
    addDimsCommand(app, run, globals);
    addDataCommand(app, run, globals);
    app.add_subcommand("completion", "Print a bash completion script")
        ->group("")  // not listed
        ->callback([&] {
            run = [&] {
                std::cout << bashCompletion(app);
                return 0;
            };
        });

    try {
        std::vector<std::string> reversed(globals.args.rbegin(), globals.args.rend());
        app.parse(reversed);
    } catch (const CLI::Success& e) {  // --help, --help-all, --version
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "secateur: error: " << explainParseError(app, e) << "\n";
        return 2;
    }
    globals.verbosity = quiet ? Verbosity::Quiet : verbose ? Verbosity::Verbose : Verbosity::Normal;
    try {
        return run ? run() : 0;
    } catch (const std::exception& e) {  // secateur::Error and anything from the libraries
        std::cerr << "secateur: error: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return runTool(argc, argv);
    } catch (const std::exception& e) {  // while declaring the commands: a bug, said plainly
        std::fprintf(stderr, "secateur: error: %s\n", e.what());
    } catch (...) {
        std::fputs("secateur: error: an unknown failure\n", stderr);
    }
    return 1;
}
