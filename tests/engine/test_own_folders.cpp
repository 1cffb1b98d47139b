// The user's own folders beyond WAV and comma-separated files: every audio format libsndfile
// writes here (FLAC, Ogg/Vorbis, AIFF), and CSV series separated by semicolons (with decimal
// commas) or tabs.
#include <gtest/gtest.h>
#include <sndfile.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "engine/data/csv_table.h"
#include "engine/data/folder_scan.h"

namespace secateur {
namespace {

namespace fs = std::filesystem;

void writeTone(const fs::path& path, int format, int frames, double frequency) {
    fs::create_directories(path.parent_path());
    SF_INFO info{};
    info.samplerate = 8000;
    info.channels = 1;
    info.format = format;
    SNDFILE* file = sf_open(path.string().c_str(), SFM_WRITE, &info);
    ASSERT_NE(file, nullptr) << path << ": " << sf_strerror(nullptr);
    std::vector<float> samples(static_cast<size_t>(frames));
    for (int i = 0; i < frames; ++i)
        samples[static_cast<size_t>(i)] =
            0.5f * static_cast<float>(std::sin(2.0 * M_PI * frequency * i / 8000.0));
    EXPECT_EQ(sf_writef_float(file, samples.data(), frames), frames);
    sf_close(file);
}

TEST(DatasetsOwnFolders, audioInEveryFormatLibsndfileReads) {
    const fs::path root = fs::path(testing::TempDir()) / "secateur_own_audio";
    fs::remove_all(root);
    const std::pair<const char*, int> formats[] = {{".flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16},
                                                   {".ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS},
                                                   {".aiff", SF_FORMAT_AIFF | SF_FORMAT_PCM_16},
                                                   {".wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16}};
    for (int i = 0; i < 3; ++i)
        for (const auto& [extension, format] : formats) {
            const std::string name = std::to_string(i) + extension;
            writeTone(root / "low" / name, format, 4000, 200.0);
            writeTone(root / "high" / name, format, 4000 + 100 * i, 1500.0);
        }
    const FolderScan scan = scanDataFolder(root.string());
    EXPECT_TRUE(scan.usable());
    EXPECT_EQ(scan.format, FolderFormat::Audio);
    EXPECT_EQ(scan.counts, (std::vector<int64_t>{12, 12}));
    EXPECT_EQ(scan.shortest, 4000);
    EXPECT_EQ(scan.longest, 4200);
    fs::remove_all(root);
}

TEST(DatasetsOwnFolders, csvSeparatedBySemicolonsOrTabsReadsAsWithCommas) {
    const fs::path dir = fs::path(testing::TempDir()) / "secateur_own_csv_separators";
    fs::create_directories(dir);
    std::ofstream(dir / "comma.csv") << "a,b\n1.5,2\n-3,4.25\n";
    std::ofstream(dir / "semicolon.csv") << "a;b\n1,5;2\n-3;4,25\n";
    std::ofstream(dir / "tab.csv") << "a\tb\n1.5\t2\n-3\t4.25\n";
    int64_t rows = 0, columns = 0;
    const std::vector<float> expected = readNumericCsv((dir / "comma.csv").string(), rows, columns);
    EXPECT_EQ(expected, (std::vector<float>{1.5f, 2.0f, -3.0f, 4.25f}));
    for (const char* file : {"semicolon.csv", "tab.csv"}) {
        int64_t r = 0, c = 0;
        EXPECT_EQ(readNumericCsv((dir / file).string(), r, c), expected) << file;
        EXPECT_EQ(r, 2);
        EXPECT_EQ(c, 2);
    }
    fs::remove_all(dir);
}

}  // namespace
}  // namespace secateur
