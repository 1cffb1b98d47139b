#include "engine/data/folder_scan.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "engine/data/audio_file.h"
#include "engine/data/csv_table.h"
#include "engine/util/error.h"

namespace secateur {
namespace {

namespace fs = std::filesystem;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// Reads one file's shape; a problem instead of an exception when it cannot be read.
void readShape(const fs::path& root, FolderFile& f, FolderScan& scan) {
    try {
        if (scan.format == FolderFormat::Audio) {
            const Audio a = readAudio((root / f.path).string());
            f.length = static_cast<int64_t>(a.samples.size());
            f.channels = 1;
            f.sampleRate = a.sampleRate;
        } else {
            int64_t rows = 0, columns = 0;
            readNumericCsv((root / f.path).string(), rows, columns);
            f.length = rows;
            f.channels = columns;
        }
    } catch (const std::exception& e) {
        scan.problems.push_back({f.path, std::string("unreadable: ") + e.what(), true});
        f.length = 0;
    }
}

bool isAudio(const std::string& ext) {
    const std::vector<std::string>& known = audioExtensions();
    return std::find(known.begin(), known.end(), ext) != known.end();
}

}  // namespace

const std::vector<std::string>& audioExtensions() {
    static const std::vector<std::string> extensions{".wav",  ".flac", ".ogg", ".oga",
                                                     ".opus", ".aiff", ".aif", ".aifc",
                                                     ".au",   ".caf",  ".w64", ".mp3"};
    return extensions;
}

bool FolderScan::usable() const {
    return std::none_of(problems.begin(), problems.end(),
                        [](const FolderProblem& p) { return p.fatal; });
}

FolderScan scanDataFolder(const std::string& folder) {
    const fs::path root(folder);
    if (!fs::is_directory(root))
        throw Error("data folder '" + folder +
                    "' does not exist or is not a folder (give a folder with one subfolder per "
                    "class, see docs/data.md)");
    FolderScan scan;
    scan.folder = folder;
    std::vector<fs::path> classFolders;
    for (const auto& e : fs::directory_iterator(root))
        if (e.is_directory() && e.path().filename().string()[0] != '.')
            classFolders.push_back(e.path());
    std::sort(classFolders.begin(), classFolders.end());
    size_t audio = 0, csv = 0;
    std::vector<std::vector<fs::path>> perClass;
    for (const fs::path& c : classFolders) {
        std::vector<fs::path> files;
        for (const auto& e : fs::directory_iterator(c)) {
            if (!e.is_regular_file()) continue;
            const std::string ext = lower(e.path().extension().string());
            if (isAudio(ext)) ++audio;
            if (ext == ".csv") ++csv;
            if (isAudio(ext) || ext == ".csv") files.push_back(e.path());
        }
        std::sort(files.begin(), files.end());
        perClass.push_back(files);
    }
    scan.format = csv > audio ? FolderFormat::Csv : FolderFormat::Audio;
    if (classFolders.size() < 2)
        scan.problems.push_back({folder,
                                 "needs at least two class subfolders (found " +
                                     std::to_string(classFolders.size()) + ")",
                                 true});
    if (audio && csv)
        scan.problems.push_back({folder,
                                 "mixes audio (" + std::to_string(audio) + ") and .csv (" +
                                     std::to_string(csv) + ") files; only the " +
                                     folderFormatName(scan.format) + " files are used",
                                 false});
    std::set<int64_t> channelCounts;
    for (size_t c = 0; c < classFolders.size(); ++c) {
        scan.classes.push_back(classFolders[c].filename().string());
        int64_t count = 0;
        for (const fs::path& p : perClass[c]) {
            const std::string ext = lower(p.extension().string());
            if ((scan.format == FolderFormat::Csv) != (ext == ".csv")) continue;
            FolderFile f;
            f.path = p.lexically_relative(root).generic_string();
            f.label = static_cast<int>(c);
            readShape(root, f, scan);
            scan.fingerprint += f.path + " " + std::to_string(fs::file_size(p)) + " " +
                                std::to_string(fs::last_write_time(p).time_since_epoch().count()) +
                                "\n";
            if (f.length == 0) continue;
            channelCounts.insert(f.channels);
            scan.files.push_back(f);
            ++count;
        }
        scan.counts.push_back(count);
        if (count == 0)
            scan.problems.push_back({classFolders[c].filename().string() + "/",
                                     std::string("empty class: no readable ") +
                                         (scan.format == FolderFormat::Csv ? ".csv" : "audio") +
                                         " file",
                                     true});
    }
    if (channelCounts.size() > 1) {
        std::string which;
        for (const FolderFile& f : scan.files)
            if (f.channels != *channelCounts.begin()) {
                which = f.path + " has " + std::to_string(f.channels) + " columns, " +
                        std::to_string(*channelCounts.begin()) + " elsewhere";
                break;
            }
        scan.problems.push_back({folder, "mixed channel counts: " + which, true});
    }
    for (const FolderFile& f : scan.files) {
        scan.shortest = scan.shortest ? std::min(scan.shortest, f.length) : f.length;
        scan.longest = std::max(scan.longest, f.length);
    }
    return scan;
}

}  // namespace secateur
