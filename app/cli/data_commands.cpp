// `secateur data list | verify NAME | get NAME | show NAME|DIR | inspect DIR`.
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>

#include "app/cli/command_line.h"
#include "app/cli/progress_line.h"
#include "engine/data/data_task.h"
#include "engine/data/dataset.h"
#include "engine/data/folder_scan.h"
#include "engine/project/project.h"
#include "engine/util/error.h"

namespace secateur::cli {
namespace {

namespace fs = std::filesystem;

int list() {
    for (const DatasetInfo& d : datasetList()) {
        const DatasetCheck check = verifyDataset(d, false);
        std::cout << std::left << std::setw(15) << d.name << std::setw(10)
                  << (check.complete() ? "present" : "missing") << d.title << "\n"
                  << std::setw(25) << "" << check.folder.string() << " (" << d.license << ")\n";
    }
    return 0;
}

int verify(const std::string& name) {
    const DatasetInfo info = findDataset(name);
    const DatasetCheck check = verifyDataset(info, true);
    if (!check.complete()) throw Error(check.problem(info));
    std::cout << info.name << ": all " << check.files.size() << " files in "
              << check.folder.string() << " match their sha256\n";
    return 0;
}

// `what`: a dataset's name, or a project file whose dataset it fetches.
int get(const std::string& what, Verbosity verbosity) {
    std::string name = what;
    if (fs::is_regular_file(what)) {
        const Project project = Project::load(what);
        const DataSpec spec = project.dataSpec();
        if (!project.usesData() || spec.dataset.empty()) {
            std::cout << what << ": nothing to download (task " << project.task << ")\n";
            return 0;
        }
        name = spec.dataset;
    }
    const DatasetInfo info = findDataset(name);
    fs::path folder;
    {
        ProgressLine progress(std::cerr, ProgressLine::isTerminal(2));
        folder = fetchDataset(info, [&](const FetchProgress& p) {
            if (verbosity == Verbosity::Quiet) return;
            std::string text = "[" + std::to_string(p.finished) + "/" + std::to_string(p.files) +
                               "] " + p.path + "  " + std::to_string(p.received / 1024) + " kB";
            if (p.total > 0) text += " of " + std::to_string(p.total / 1024) + " kB";
            progress.update(verbosity == Verbosity::Verbose ? p.path : std::string(), text);
        });
    }
    const DatasetCheck check = verifyDataset(info, true);
    if (!check.complete()) throw Error(check.problem(info));
    std::cout << info.name << ": complete in " << folder.string() << "\n";
    return 0;
}

int show(const std::string& what, Verbosity verbosity) {
    DataSpec spec;
    (fs::is_directory(what) ? spec.folder : spec.dataset) = what;
    const DataTask data = makeDataTask(spec, [verbosity](const std::string& m) {
        if (verbosity != Verbosity::Quiet) std::cerr << m << "\n";
    });
    const DataSummary& s = data.summary;
    std::cout << s.dataset << ": " << s.title << "\nsample shape";
    for (const int64_t d : s.sampleShape) std::cout << " " << d;
    std::cout << "\nfeatures " << s.featureNotes << "\ncache " << s.cacheFolder << "\n";
    for (const SplitSummary& split : s.splits) {
        std::cout << std::left << std::setw(11) << split.name << std::right << std::setw(7)
                  << split.samples << " samples";
        for (size_t c = 0; c < split.classCounts.size(); ++c)
            std::cout << "  " << s.classes.at(c) << ": " << split.classCounts[c];
        if (!split.groups.empty() && split.groups.size() <= 12) {
            std::cout << "  [";
            for (size_t g = 0; g < split.groups.size(); ++g)
                std::cout << (g ? " " : "") << split.groups[g];
            std::cout << "]";
        }
        std::cout << "\n";
    }
    return 0;
}

int inspect(const std::string& folder) {
    const FolderScan scan = scanDataFolder(folder);
    const bool audio = scan.format == FolderFormat::Audio;
    std::cout << folder << ": " << scan.classes.size() << " classes of "
              << folderFormatName(scan.format) << " files, lengths " << scan.shortest << " to "
              << scan.longest << (audio ? " samples" : " rows") << "\n";
    for (size_t c = 0; c < scan.classes.size(); ++c)
        std::cout << "  " << std::left << std::setw(20) << scan.classes[c] << std::right
                  << std::setw(6) << scan.counts[c] << " files\n";
    for (const FolderProblem& p : scan.problems)
        std::cout << (p.fatal ? "error: " : "warning: ") << p.file << ": " << p.what << "\n";
    if (!scan.usable()) {
        std::cerr << "secateur: error: " << folder << " cannot be used as data (see above)\n";
        return 1;
    }
    return 0;
}

// A data subcommand with one argument (a dataset name or a folder).
void addWithArgument(CLI::App* data, Runner& run, const char* name, const char* description,
                     const char* argument, const char* argumentText,
                     std::function<int(const std::string&)> action) {
    auto value = std::make_shared<std::string>();
    CLI::App* c = data->add_subcommand(name, description);
    c->group("Commands");
    c->add_option(argument, *value, argumentText)->required();
    c->callback([&run, value, action] { run = [value, action] { return action(*value); }; });
}

}  // namespace

void addDataCommand(CLI::App& app, Runner& run, const Globals& globals) {
    CLI::App* data = app.add_subcommand(
        "data",
        "The datasets: list them, check, download, show how a task reads one, or check a "
        "folder of your own");
    data->group("Commands");
    data->require_subcommand(1);
    data->add_subcommand("list", "List the datasets, where each lives and whether it is present")
        ->group("Commands")
        ->callback([&run] { run = list; });
    addWithArgument(data, run, "verify", "Check every file of a dataset against its sha256", "name",
                    "A dataset", verify);
    addWithArgument(data, run, "get",
                    "Download a dataset, or the one a project file needs (resumable), and check it",
                    "name", "A dataset or a project file",
                    [&globals](const std::string& name) { return get(name, globals.verbosity); });
    addWithArgument(data, run, "show", "Show the splits and features a task reads from a dataset",
                    "what", "A dataset or a folder",
                    [&globals](const std::string& what) { return show(what, globals.verbosity); });
    addWithArgument(data, run, "inspect", "Check a folder of your own data (one folder per class)",
                    "folder", "The folder", inspect);
}

}  // namespace secateur::cli
