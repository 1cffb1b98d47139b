#include "engine/runs/resume_check.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "engine/runs/sweep.h"
#include "engine/util/error.h"

namespace secateur {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The parts of a project that decide what a sweep computes: not its name nor its run history,
// and of its budgets only the one run.
json runIdentity(const Project& project, const std::string& budget, const fs::path& file) {
    json j = json::parse(project.toJson(file.string()));
    json identity{{"seed", j.value("seed", json::object())},
                  {"task", j.value("task", json())},
                  {"data", j.value("data", json::object())},
                  {"search", j.value("search", json::object())}};
    if (j.contains("budgets") && j["budgets"].contains(budget))
        identity["budget"] = j["budgets"][budget];
    return identity;
}

// "search.target: 'cortex-m7' in the folder, 'host' now" for every leaf that differs.
void differences(const json& recorded, const json& now, const std::string& path,
                 std::vector<std::string>& out) {
    if (recorded.is_object() && now.is_object()) {
        for (const auto& [key, value] : recorded.items())
            differences(value, now.contains(key) ? now[key] : json(),
                        path.empty() ? key : path + "." + key, out);
        for (const auto& [key, value] : now.items())
            if (!recorded.contains(key))
                differences(json(), value, path.empty() ? key : path + "." + key, out);
        return;
    }
    if (recorded != now)
        out.push_back(path + ": " + (recorded.is_null() ? "none" : recorded.dump()) +
                      " in the folder, " + (now.is_null() ? "none" : now.dump()) + " now");
}

}  // namespace

void checkResumable(const std::string& folder, const Project& project, const std::string& budget) {
    const fs::path projectFile = fs::path(folder) / "project.json";
    const std::string recordedBudget = sweepBudget(folder);
    if (!recordedBudget.empty() && recordedBudget != budget)
        throw Error("run folder " + folder + " holds a sweep of budget '" + recordedBudget +
                    "'; resuming it with budget '" + budget +
                    "' would mix two budgets in one report: resume with --budget " +
                    recordedBudget + ", or give another folder");
    if (!fs::exists(projectFile)) return;
    const Project recorded = Project::load(projectFile.string());
    std::vector<std::string> changed;
    differences(runIdentity(recorded, budget, projectFile),
                runIdentity(project, budget, projectFile), "", changed);
    if (changed.empty()) return;
    std::string list;
    for (size_t i = 0; i < changed.size() && i < 6; ++i) list += "\n  " + changed[i];
    if (changed.size() > 6) list += "\n  and " + std::to_string(changed.size() - 6) + " more";
    throw Error("run folder " + folder +
                " was started with other settings; resuming would mix two runs in one report "
                "(resume with the settings it was started with, or give another folder):" +
                list);
}

}  // namespace secateur
