// Where dataset files live, whether they are intact, and fetching the ones that are not.
#include <cstdlib>
#include <sstream>

#include "engine/data/dataset_def.h"
#include "engine/data/download.h"
#include "engine/data/sha256.h"
#include "engine/util/error.h"

namespace secateur {

const std::vector<std::pair<std::string, std::string>>& embeddedManifests();  // generated

namespace fs = std::filesystem;
namespace {

std::string environment(const char* name) {
    const char* v = std::getenv(name);
    return v ? std::string(v) : std::string();
}

fs::path home() {
    const std::string h = environment("HOME");
    return h.empty() ? fs::temp_directory_path() : fs::path(h);
}

fs::path userDataFolder() {
    const std::string xdg = environment("XDG_DATA_HOME");
    return (xdg.empty() ? home() / ".local" / "share" : fs::path(xdg)) / "secateur" / "data";
}

}  // namespace

std::vector<std::pair<std::string, std::string>> datasetManifest(const std::string& folder) {
    for (const auto& [name, text] : embeddedManifests()) {
        if (name != folder) continue;
        std::vector<std::pair<std::string, std::string>> files;
        std::istringstream lines(text);
        std::string line;
        while (std::getline(lines, line)) {
            if (line.size() < 67) continue;
            files.emplace_back(line.substr(0, 64), line.substr(66));
        }
        return files;
    }
    throw Error("no checksum list for dataset folder '" + folder +
                "' is built into this program (engine/data/manifests/" + folder + ".sha256)");
}

std::vector<fs::path> dataSearchPath() {
    std::vector<fs::path> path;
    const std::string env = environment("SECATEUR_DATA");
    if (!env.empty()) path.emplace_back(env);
    path.push_back(userDataFolder());
    return path;
}

fs::path dataDownloadRoot() {
    const std::string env = environment("SECATEUR_DATA");
    return env.empty() ? userDataFolder() : fs::path(env);
}

fs::path featureCacheRoot() {
    const std::string env = environment("SECATEUR_CACHE");
    if (!env.empty()) return fs::path(env) / "features";
    const std::string xdg = environment("XDG_CACHE_HOME");
    return (xdg.empty() ? home() / ".cache" : fs::path(xdg)) / "secateur" / "features";
}

bool DatasetCheck::complete() const {
    for (const FileCheck& f : files)
        if (f.state != FileCheck::State::Ok) return false;
    return true;
}

std::string DatasetCheck::problem(const DatasetInfo& info) const {
    std::vector<const FileCheck*> missing, corrupt;
    for (const FileCheck& f : files) {
        if (f.state == FileCheck::State::Missing) missing.push_back(&f);
        if (f.state == FileCheck::State::Corrupt) corrupt.push_back(&f);
    }
    if (missing.empty() && corrupt.empty()) return "";
    std::string text =
        "dataset '" + info.name + "' (" + info.title + ") in " + folder.string() + ":";
    if (!missing.empty()) {
        text += " " + std::to_string(missing.size()) + " of " + std::to_string(files.size()) +
                " files missing (";
        for (size_t i = 0; i < std::min<size_t>(3, missing.size()); ++i)
            text += (i ? ", " : "") + missing[i]->path;
        text += missing.size() > 3 ? ", ...)" : ")";
    }
    for (const FileCheck* f : corrupt)
        text +=
            " " + f->path + " is corrupt (sha256 " + f->actual + ", expected " + f->expected + ")";
    std::string looked;
    for (const fs::path& p : dataSearchPath()) looked += (looked.empty() ? "" : ", ") + p.string();
    text += ". Looked in " + looked + " (set SECATEUR_DATA to the folder holding " + info.folder +
            "/). Get it with `secateur data get " + info.name + "` (from " + info.source + ")";
    return text;
}

DatasetCheck verifyDataset(const DatasetInfo& info, bool hash) {
    DatasetCheck check;
    const std::vector<fs::path> roots = dataSearchPath();
    check.folder = roots.front() / info.folder;
    for (const fs::path& root : roots)
        if (fs::is_directory(root / info.folder)) {
            check.folder = root / info.folder;
            break;
        }
    for (const auto& [sum, path] : datasetManifest(info.folder)) {
        FileCheck f{path, FileCheck::State::Ok, sum, ""};
        const fs::path file = check.folder / path;
        if (!fs::is_regular_file(file)) {
            f.state = FileCheck::State::Missing;
        } else if (hash) {
            f.actual = sha256File(file.string());
            if (f.actual != f.expected) f.state = FileCheck::State::Corrupt;
        }
        check.files.push_back(f);
    }
    return check;
}

fs::path requireDataset(const DatasetInfo& info, bool hash) {
    const DatasetCheck check = verifyDataset(info, hash);
    if (!check.complete()) throw Error(check.problem(info));
    return check.folder;
}

fs::path fetchDataset(const DatasetInfo& info,
                      const std::function<void(const FetchProgress&)>& progress,
                      const std::function<bool()>& keepGoing) {
    const DatasetDef& def = datasetDef(info.name);
    fs::path folder = dataDownloadRoot() / info.folder;
    const std::string mirror = environment("SECATEUR_DATA_MIRROR");
    std::vector<DownloadRequest> requests;
    for (const auto& [sum, path] : datasetManifest(info.folder)) {
        const fs::path file = folder / path;
        if (fs::is_regular_file(file) && sha256File(file.string()) == sum) continue;
        const std::string url =
            mirror.empty() ? def.url(path) : mirror + "/" + info.folder + "/" + path;
        requests.push_back({url, file.string(), sum});
    }
    std::vector<std::string> paths;
    for (const DownloadRequest& r : requests)
        paths.push_back(fs::path(r.target).lexically_relative(folder).generic_string());
    downloadAll(
        requests,
        [&](const BatchProgress& p) {
            if (progress)
                progress({p.finished, p.count, p.file.received, p.file.total, paths.at(p.index)});
        },
        keepGoing);
    return folder;
}

}  // namespace secateur
