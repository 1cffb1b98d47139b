// Run folders that cannot be mixed up: a resume with other settings refuses and says what
// differs, and one process at a time holds a folder (a killed holder's lock is taken over).
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "engine/project/project.h"
#include "engine/runs/folder_lock.h"
#include "engine/runs/sweep.h"
#include "engine/runs/sweep_points.h"
#include "engine/util/error.h"
#include "tests/engine/cli_runner.h"

extern char** environ;

namespace secateur {
namespace {

namespace fs = std::filesystem;

fs::path scratch(const std::string& name) {
    const fs::path p = fs::path(testing::TempDir()) / ("secateur_folders_" + name);
    fs::remove_all(p);
    fs::create_directories(p);
    return p;
}

// A folder that a sweep of `project` with budget "demo" was started in: its record only.
void startedFolder(const fs::path& folder, const std::string& projectFile) {
    Project p = Project::load(projectFile);
    std::map<std::string, Budget> budgets = defaultBudgets();
    for (const auto& [name, b] : p.budgets) budgets[name] = b;
    p.budgets = budgets;
    fs::create_directories(folder);
    p.save((folder / "project.json").string());
    std::ofstream(folder / "sweep.json") << R"({"budget": "demo"})";
}

const std::string kProject = std::string(SECATEUR_SOURCE_DIR) + "/projects/default.json";

TEST(SweepFolders, aResumeWithAnotherBudgetRefuses) {
    const fs::path dir = scratch("budget");
    startedFolder(dir / "run", kProject);
    const CliRun run = runCli(
        "search " + kProject + " --budget full --resume --out " + (dir / "run").string(), dir);
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.err.find("holds a sweep of budget 'demo'"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("--budget demo"), std::string::npos) << run.err;
    fs::remove_all(dir);
}

TEST(SweepFolders, aResumeWithOtherSettingsSaysWhatDiffers) {
    const fs::path dir = scratch("settings");
    startedFolder(dir / "run", kProject);
    const CliRun run = runCli("search " + kProject +
                                  " --budget demo --target host --limit flash=20k --resume --out " +
                                  (dir / "run").string(),
                              dir);
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.err.find("was started with other settings"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("search.target: \"cortex-m7\" in the folder, \"host\" now"),
              std::string::npos)
        << run.err;
    EXPECT_NE(run.err.find("search.limits.flash"), std::string::npos) << run.err;
    fs::remove_all(dir);
}

TEST(SweepFolders, oneProcessAtATimeHoldsAFolder) {
    const fs::path dir = scratch("lock");
    {
        const FolderLock held((dir / "run").string());
        const CliRun run = runCli(
            "search " + kProject + " --budget demo --resume --out " + (dir / "run").string(), dir);
        EXPECT_EQ(run.status, 1);
        EXPECT_NE(run.err.find("is in use by process " + std::to_string(::getpid())),
                  std::string::npos)
            << run.err;
        try {
            const FolderLock second((dir / "run").string());
            ADD_FAILURE() << "a second lock in this process was granted";
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find(std::to_string(::getpid())), std::string::npos);
        }
    }
    const FolderLock again((dir / "run").string());  // released with its holder
    EXPECT_TRUE(again.held());
}

TEST(SweepFolders, aKilledHoldersLockIsTakenOver) {
    const fs::path dir = scratch("stale");
    fs::create_directories(dir / "run");
    const std::string lockFile = (dir / "run" / ".lock").string();
    // flock(1) holds the lock as another process would (-o: not its child), and is then killed
    // without cleaning up.
    std::vector<char*> argv{
        const_cast<char*>("flock"), const_cast<char*>("-o"), const_cast<char*>(lockFile.c_str()),
        const_cast<char*>("sleep"), const_cast<char*>("5"),  nullptr};
    pid_t holder = 0;
    ASSERT_EQ(posix_spawnp(&holder, "flock", nullptr, nullptr, argv.data(), environ), 0);
    bool held = false;
    for (int i = 0; i < 500 && !held; ++i) {
        try {
            const FolderLock probe((dir / "run").string());
        } catch (const Error& e) {
            held = true;
            EXPECT_NE(std::string(e.what()).find("in use by process"), std::string::npos);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ::kill(holder, SIGKILL);
    ::waitpid(holder, nullptr, 0);
    ASSERT_TRUE(held) << "flock never took the lock";
    const FolderLock taken((dir / "run").string());
    EXPECT_TRUE(taken.held());
    fs::remove_all(dir);
}

TEST(SweepFolders, aFinishedSweepsPointsAreListedChosenAndExported) {
    const fs::path dir = scratch("points");
    const std::string out = (dir / "run").string();
    const CliRun sweep =
        runCli("-q search " + kProject + " --budget demo --threads 1 --out " + out, dir);
    ASSERT_EQ(sweep.status, 0) << sweep.err;
    EXPECT_NE(sweep.out.find("best: "), std::string::npos) << sweep.out;
    EXPECT_NE(sweep.out.find("export it with: secateur export " + out + " --point "),
              std::string::npos)
        << sweep.out;
    const SweepRun run = loadSweepRun(out);
    ASSERT_FALSE(run.points.empty());

    const CliRun info = runCli("info " + out, dir);
    ASSERT_EQ(info.status, 0) << info.err;
    for (const PointRecord& p : run.points) EXPECT_NE(info.out.find(p.name), std::string::npos);

    std::ifstream csv(dir / "run" / "points.csv");
    std::string header, row;
    std::getline(csv, header);
    EXPECT_EQ(header.rfind("name,kind,setting,params,macs,flash", 0), 0U) << header;
    size_t rows = 0;
    while (std::getline(csv, row)) ++rows;
    EXPECT_EQ(rows, run.points.size() + 1);  // and the seed

    const std::string name = run.points.front().name;
    const CliRun one = runCli("export " + out + " --point " + name, dir);
    ASSERT_EQ(one.status, 0) << one.err;
    EXPECT_TRUE(fs::exists(dir / "run" / (name + ".pt")));

    // The best point under a MAC limit between the smallest and the largest point's.
    double smallest = 1e300, largest = 0.0;
    for (const PointRecord& p : run.points) {
        smallest = std::min(smallest, p.costs.at("macs"));
        largest = std::max(largest, p.costs.at("macs"));
    }
    const double limit = (smallest + largest) / 2;
    const CliRun best = runCli("export " + out + " --best --max-macs " +
                                   std::to_string(static_cast<int64_t>(limit)) + " --out " +
                                   (dir / "best.pt").string(),
                               dir);
    ASSERT_EQ(best.status, 0) << best.err;
    const PointRecord& chosen = bestPoint(run, "", {{"macs", limit}});
    EXPECT_LE(chosen.costs.at("macs"), limit);
    EXPECT_NE(best.out.find("point " + chosen.name + ":"), std::string::npos) << best.out;
    EXPECT_TRUE(fs::exists(dir / "best.pt"));

    const CliRun none = runCli("export " + out + " --best --max-macs 1", dir);
    EXPECT_EQ(none.status, 1);
    EXPECT_NE(none.err.find("meets the limits; the cheapest on macs is"), std::string::npos)
        << none.err;
    const CliRun unnamed = runCli("export " + out, dir);
    EXPECT_NE(unnamed.err.find("--point NAME, or --best"), std::string::npos) << unnamed.err;
    fs::remove_all(dir);
}

}  // namespace
}  // namespace secateur
