// The datasets on the real files in SECATEUR_DATA: counts, shapes, disjoint splits, checksums,
// missing and corrupt files, download from a local server, folders of the user's own data.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "engine/data/data_task.h"
#include "engine/data/dataset.h"
#include "engine/data/folder_scan.h"
#include "engine/search/metrics.h"
#include "engine/util/error.h"
#include "tests/engine/local_server.h"
#include "tests/engine/test_support.h"

namespace secateur {
namespace {

namespace fs = std::filesystem;

// Sets an environment variable for the scope, then puts the old value back.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const std::string& value) : name_(name) {
        const char* old = std::getenv(name);
        if (old) old_ = old;
        had_ = old != nullptr;
        ::setenv(name, value.c_str(), 1);
    }
    ~ScopedEnv() {
        if (had_)
            ::setenv(name_, old_.c_str(), 1);
        else
            ::unsetenv(name_);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* name_;
    std::string old_;
    bool had_ = false;
};

DataSummary summaryOf(const std::string& name) {
    DataSpec spec;
    spec.dataset = name;
    return makeDataTask(spec).summary;
}

std::set<std::string> groupsOf(const DataSummary& s, size_t split) {
    return {s.splits.at(split).groups.begin(), s.splits.at(split).groups.end()};
}

void expectDisjoint(const DataSummary& s) {
    for (size_t a = 0; a < 3; ++a)
        for (size_t b = a + 1; b < 3; ++b)
            for (const std::string& g : groupsOf(s, a))
                EXPECT_EQ(groupsOf(s, b).count(g), 0U)
                    << s.dataset << ": " << g << " in " << s.splits[a].name << " and "
                    << s.splits[b].name;
}

int64_t total(const std::vector<int64_t>& counts) {
    int64_t n = 0;
    for (const int64_t c : counts) n += c;
    return n;
}

TEST(Datasets, EveryRegisteredDatasetIsComplete) {
    ASSERT_NE(std::getenv("SECATEUR_DATA"), nullptr)
        << "set SECATEUR_DATA to the folder holding the datasets (make test does)";
    for (const DatasetInfo& d : datasetList()) {
        const DatasetCheck check = verifyDataset(d, d.folder != "fsdd" && d.folder != "mitdb");
        EXPECT_TRUE(check.complete()) << check.problem(d);
    }
}

TEST(Datasets, KwsHoldsOutWholeSpeakers) {
    const DataSummary s = summaryOf("kws");
    EXPECT_EQ(s.sampleShape, (Shape{1, 49, 10}));
    EXPECT_EQ(s.classes.size(), 10U);
    EXPECT_EQ(s.splits[0].samples, 1500);  // 3 speakers x 500
    EXPECT_EQ(s.splits[1].samples, 500);
    EXPECT_EQ(s.splits[2].samples, 1000);
    EXPECT_EQ(groupsOf(s, 2), (std::set<std::string>{"nicolas", "theo"}));
    EXPECT_EQ(groupsOf(s, 1), (std::set<std::string>{"george"}));
    for (const SplitSummary& split : s.splits)
        for (const int64_t c : split.classCounts) EXPECT_EQ(c, split.samples / 10);
    expectDisjoint(s);
    const DataSummary customary = summaryOf("kws_customary");
    EXPECT_EQ(customary.splits[2].samples, 300);
    EXPECT_EQ(groupsOf(customary, 2).size(), 6U);  // shares every speaker with train
}

TEST(Datasets, EcgSplitsPatientsAndKeepsAamiClasses) {
    const DataSummary s = summaryOf("ecg");
    EXPECT_EQ(s.sampleShape, (Shape{3, 128}));
    ASSERT_EQ(s.classes.size(), 4U);
    EXPECT_EQ(groupsOf(s, 0).size() + groupsOf(s, 1).size(), 22U);  // DS1
    EXPECT_EQ(groupsOf(s, 2).size(), 22U);                          // DS2
    EXPECT_EQ(groupsOf(s, 1), (std::set<std::string>{"209", "215", "223"}));
    expectDisjoint(s);
    // DS2 beats of the four AAMI classes (first and last beat of each record dropped).
    EXPECT_EQ(s.splits[2].samples, 49661);
    for (const SplitSummary& split : s.splits)
        for (const int64_t c : split.classCounts) EXPECT_GT(c, 0) << split.name;
}

TEST(Datasets, SensorTasksUseTimeDisjointWindows) {
    const DataSummary presence = summaryOf("presence");
    EXPECT_EQ(presence.sampleShape, (Shape{16, 32}));
    expectDisjoint(presence);
    for (const SplitSummary& split : presence.splits) {
        ASSERT_EQ(split.classCounts.size(), 4U);
        for (const int64_t c : split.classCounts) EXPECT_GT(c, 0) << split.name;
    }
    const DataSummary occupancy = summaryOf("occupancy");
    EXPECT_EQ(occupancy.sampleShape, (Shape{5, 16}));
    // Windows of 16 rows, stride 1: rows - 15 per file.
    EXPECT_EQ(occupancy.splits[0].samples, 8143 - 15);
    EXPECT_EQ(occupancy.splits[1].samples, 2665 - 15);
    EXPECT_EQ(occupancy.splits[2].samples, 9752 - 15);
    expectDisjoint(occupancy);
}

TEST(Datasets, ImageHoldsOutEveryTenthTrainingImage) {
    const DataSummary s = summaryOf("image");
    EXPECT_EQ(s.sampleShape, (Shape{1, 28, 28}));
    EXPECT_EQ(s.splits[0].samples, 54000);
    EXPECT_EQ(s.splits[1].samples, 6000);
    EXPECT_EQ(total(s.splits[2].classCounts), 10000);
    for (const int64_t c : s.splits[2].classCounts) EXPECT_EQ(c, 1000);
}

TEST(Datasets, FeaturesAreCachedByTheirSettings) {
    DataSpec spec;
    spec.dataset = "occupancy";
    const DataSummary a = makeDataTask(spec).summary;
    spec.settings = R"({"window": 8})";
    const DataSummary b = makeDataTask(spec).summary;
    EXPECT_NE(a.featureKey, b.featureKey);
    EXPECT_NE(a.cacheFolder, b.cacheFolder);
    EXPECT_EQ(b.sampleShape, (Shape{5, 8}));
    EXPECT_TRUE(fs::exists(fs::path(a.cacheFolder) / "meta.json"));
    spec.settings = R"({"windw": 8})";
    const std::string message = errorOf([&] { makeDataTask(spec); });
    EXPECT_NE(message.find("unknown data setting 'windw'"), std::string::npos) << message;
    EXPECT_NE(message.find("did you mean 'window'"), std::string::npos) << message;
}

TEST(Datasets, ThreadsPreparingTheSameCacheAllGetIt) {
    // The studio's data tab and a sweep prepare the same features at once in one process.
    const fs::path root = fs::path(testing::TempDir()) / "secateur_shared_cache";
    fs::remove_all(root);
    const ScopedEnv cache("SECATEUR_CACHE", root.string());
    DataSpec spec;
    spec.dataset = "occupancy";
    std::vector<std::string> errors(4);
    std::vector<int64_t> sizes(4, 0);
    {
        std::vector<std::thread> threads;
        for (size_t i = 0; i < errors.size(); ++i)
            threads.emplace_back([&, i] {
                try {
                    sizes[i] = makeDataTask(spec).task.info().trainSize;
                } catch (const std::exception& e) {
                    errors[i] = e.what();
                }
            });
        for (std::thread& t : threads) t.join();
    }
    for (size_t i = 0; i < errors.size(); ++i) {
        EXPECT_EQ(errors[i], "") << "thread " << i;
        EXPECT_EQ(sizes[i], sizes[0]);
    }
    EXPECT_GT(sizes[0], 0);
    size_t folders = 0;  // one cache folder, no temporaries left behind
    for (const auto& entry : fs::directory_iterator(root / "features")) {
        ++folders;
        EXPECT_EQ(entry.path().string().find(".tmp-"), std::string::npos) << entry.path();
    }
    EXPECT_EQ(folders, 1u);
    fs::remove_all(root);
}

TEST(Datasets, MissingAndCorruptFilesNameTheFileAndTheWayOut) {
    const fs::path root = fs::path(testing::TempDir()) / "secateur_broken_data";
    fs::remove_all(root);
    fs::create_directories(root / "occupancy-detection");
    const fs::path source = fs::path(std::getenv("SECATEUR_DATA")) / "occupancy-detection";
    for (const char* f : {"datatraining.txt", "datatest.txt"})
        fs::copy_file(source / f, root / "occupancy-detection" / f);
    const ScopedEnv data("SECATEUR_DATA", root.string());
    const ScopedEnv cache("SECATEUR_CACHE", (root / "cache").string());
    DataSpec spec;
    spec.dataset = "occupancy";
    std::string message = errorOf([&] { makeDataTask(spec); });
    EXPECT_NE(message.find("datatest2.txt"), std::string::npos) << message;
    EXPECT_NE(message.find("secateur data get occupancy"), std::string::npos) << message;
    EXPECT_NE(message.find(root.string()), std::string::npos) << message;
    fs::copy_file(source / "datatest2.txt", root / "occupancy-detection" / "datatest2.txt");
    std::ofstream(root / "occupancy-detection" / "datatest.txt", std::ios::app) << "x";
    message = errorOf([&] { makeDataTask(spec); });
    EXPECT_NE(message.find("datatest.txt is corrupt"), std::string::npos) << message;
    const auto manifest = verifyDataset(findDataset("occupancy")).files;
    for (const FileCheck& f : manifest)
        if (f.path == "datatest.txt") {
            EXPECT_NE(message.find(f.expected), std::string::npos);
        }
    EXPECT_FALSE(fs::exists(root / "cache")) << "nothing is written for broken data";
    fs::remove_all(root);
}

TEST(Datasets, GetDownloadsFromAMirrorAndVerifies) {
    const RangeServer server(std::getenv("SECATEUR_DATA"), {});
    const fs::path root = fs::path(testing::TempDir()) / "secateur_download";
    fs::remove_all(root);
    fs::create_directories(root / "occupancy-detection");
    // A partial file is resumed, a corrupt one replaced.
    const fs::path source = fs::path(std::getenv("SECATEUR_DATA")) / "occupancy-detection";
    std::ifstream in(source / "datatest.txt", std::ios::binary);
    std::string half(1000, '\0');
    in.read(half.data(), 1000);
    std::ofstream(root / "occupancy-detection" / "datatest.txt.part", std::ios::binary) << half;
    std::ofstream(root / "occupancy-detection" / "datatest2.txt") << "not the data";
    const ScopedEnv data("SECATEUR_DATA", root.string());
    const ScopedEnv mirror("SECATEUR_DATA_MIRROR", server.base());
    int64_t reports = 0;
    fetchDataset(findDataset("occupancy"), [&](const FetchProgress&) { ++reports; });
    EXPECT_GT(reports, 0);
    EXPECT_TRUE(verifyDataset(findDataset("occupancy")).complete());
    EXPECT_FALSE(fs::exists(root / "occupancy-detection" / "datatest.txt.part"));
    fs::remove_all(root);
}

TEST(Metrics, ClassificationByHand) {
    // truth 0 0 0 1 1 2; predicted 0 0 1 1 2 2
    const ClassificationMetrics m =
        classificationMetrics({0, 0, 0, 1, 1, 2}, {0, 0, 1, 1, 2, 2}, 3);
    EXPECT_DOUBLE_EQ(m.accuracy, 4.0 / 6.0);
    EXPECT_DOUBLE_EQ(m.balancedAccuracy, (2.0 / 3.0 + 0.5 + 1.0) / 3.0);
    const double f1[] = {2.0 * 2 / (3 + 2), 2.0 * 1 / (2 + 2), 2.0 * 1 / (1 + 2)};
    EXPECT_NEAR(m.macroF1, (f1[0] + f1[1] + f1[2]) / 3.0, 1e-12);
    EXPECT_EQ(m.confusion[0], (std::vector<int64_t>{2, 1, 0}));
    EXPECT_THROW(classificationMetrics({3}, {0}, 3), Error);
}

void writeSeries(const fs::path& file, int rows, int columns, double offset) {
    fs::create_directories(file.parent_path());
    std::ofstream out(file);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < columns; ++c)
            out << offset + r * 0.1 + c << (c + 1 == columns ? "\n" : ",");
}

TEST(Datasets, OwnFolderOfCsvSeries) {
    const fs::path root = fs::path(testing::TempDir()) / "secateur_own_csv";
    fs::remove_all(root);
    for (int i = 0; i < 30; ++i) {
        writeSeries(root / "calm" / ("a" + std::to_string(i) + ".csv"), 20 + i % 5, 3, 0.0);
        writeSeries(root / "busy" / ("b" + std::to_string(i) + ".csv"), 20 + i % 5, 3, 5.0);
    }
    FolderScan scan = scanDataFolder(root.string());
    EXPECT_TRUE(scan.usable());
    EXPECT_EQ(scan.format, FolderFormat::Csv);
    EXPECT_EQ(scan.classes, (std::vector<std::string>{"busy", "calm"}));
    EXPECT_EQ(scan.shortest, 20);
    EXPECT_EQ(scan.longest, 24);
    DataSpec spec;
    spec.folder = root.string();
    const DataTask task = makeDataTask(spec);
    EXPECT_EQ(task.summary.sampleShape, (Shape{3, 24}));
    EXPECT_EQ(total(task.summary.splits[0].classCounts) +
                  total(task.summary.splits[1].classCounts) +
                  total(task.summary.splits[2].classCounts),
              60);
    // Problems, each with the file's name.
    fs::create_directories(root / "empty");
    writeSeries(root / "busy" / "wide.csv", 20, 4, 0.0);
    std::ofstream(root / "calm" / "broken.csv") << "1,2,3\n4,oops,6\n";
    scan = scanDataFolder(root.string());
    EXPECT_FALSE(scan.usable());
    std::string all;
    for (const FolderProblem& p : scan.problems) all += p.file + ": " + p.what + "\n";
    EXPECT_NE(all.find("empty/: empty class"), std::string::npos) << all;
    EXPECT_NE(all.find("calm/broken.csv: unreadable"), std::string::npos) << all;
    EXPECT_NE(all.find("mixed channel counts"), std::string::npos) << all;
    EXPECT_NE(all.find("wide.csv"), std::string::npos) << all;
    EXPECT_NE(errorOf([&] { makeDataTask(spec); }).find("cannot be used"), std::string::npos);
    fs::remove_all(root);
}

}  // namespace
}  // namespace secateur
