// `secateur export RUN_DIR [--format FORMAT] [--out FILE]`: writes the network a search left.
#include <filesystem>
#include <iostream>
#include <memory>

#include "app/cli/command_line.h"
#include "engine/export/format.h"
#include "engine/runs/run_summary.h"

namespace secateur::cli {
namespace {

namespace fs = std::filesystem;

struct ExportArgs {
    std::string run, format = "torchscript", out;
};

int exportRun(const ExportArgs& a) {
    const std::string extension = formatInfo(a.format).extension;  // refuses an unknown format
    const std::string target =
        a.out.empty() ? (fs::path(a.run) / ("final" + extension)).string() : a.out;
    secateur::exportRun(a.run, a.format, target);
    std::cout << "wrote " << target << "\n";
    return 0;
}

}  // namespace

void addExportCommand(CLI::App& app, Runner& run, const Globals&) {
    auto a = std::make_shared<ExportArgs>();
    CLI::App* c = app.add_subcommand("export", "Write the network a search left in a run folder");
    c->group("Commands");
    c->add_option("run", a->run, "The run folder a search wrote, e.g. runs/kws")->required();
    c->add_option("--format", a->format, "The file format." + oneOf(formatNames()))
        ->capture_default_str();
    c->add_option("--out", a->out,
                  "The file to write (default: RUN/final and the format's extension)");
    c->callback([&run, a] { run = [a] { return exportRun(*a); }; });
}

}  // namespace secateur::cli
