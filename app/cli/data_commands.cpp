// `secateur data list | verify NAME | get NAME | show NAME|DIR | inspect DIR`.
#include <filesystem>
#include <iomanip>
#include <iostream>

#include "app/cli/commands.h"
#include "app/cli/options.h"
#include "engine/data/data_task.h"
#include "engine/data/dataset.h"
#include "engine/data/folder_scan.h"
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

int get(const std::string& name) {
    const DatasetInfo info = findDataset(name);
    size_t lastFile = SIZE_MAX;
    const fs::path folder = fetchDataset(info, [&](const FetchProgress& p) {
        if (p.file != lastFile) {
            if (lastFile != SIZE_MAX) std::cerr << "\n";
            lastFile = p.file;
        }
        std::cerr << "\r[" << p.file + 1 << "/" << p.files << "] " << p.path << "  "
                  << p.received / 1024 << " kB";
        if (p.total > 0) std::cerr << " of " << p.total / 1024 << " kB";
        std::cerr << std::flush;
    });
    if (lastFile != SIZE_MAX) std::cerr << "\n";
    const DatasetCheck check = verifyDataset(info, true);
    if (!check.complete()) throw Error(check.problem(info));
    std::cout << info.name << ": complete in " << folder.string() << "\n";
    return 0;
}

int show(const std::string& what) {
    DataSpec spec;
    (fs::is_directory(what) ? spec.folder : spec.dataset) = what;
    const DataTask data = makeDataTask(spec, [](const std::string& m) { std::cerr << m << "\n"; });
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
    std::cout << folder << ": " << scan.classes.size() << " classes of ." << scan.format
              << " files, lengths " << scan.shortest << " to " << scan.longest
              << (scan.format == "wav" ? " samples" : " rows") << "\n";
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

}  // namespace

int data(const Args& args) {
    if (args.empty())
        throw Error("give a data command: list, verify NAME, get NAME, show NAME|DIR, inspect DIR");
    const std::string& command = args[0];
    if (command == "list") return list();
    if (args.size() != 2)
        throw Error("`secateur data " + command + "` takes one argument (a dataset or a folder)");
    if (command == "verify") return verify(args[1]);
    if (command == "get") return get(args[1]);
    if (command == "show") return show(args[1]);
    if (command == "inspect") return inspect(args[1]);
    throw Error("unknown data command '" + command + "'; known: list, verify, get, show, inspect");
}

}  // namespace secateur::cli
