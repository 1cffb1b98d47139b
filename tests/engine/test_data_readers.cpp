// Dataset readers on the real files under shared/data: audio (FSDD), IDX (Fashion-MNIST), CSV
// (UCI occupancy), plus small temporary files for the edge cases and errors.
#include <gtest/gtest.h>
#include <sndfile.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "engine/data/audio_file.h"
#include "engine/data/csv_table.h"
#include "engine/data/idx_file.h"
#include "engine/util/error.h"

namespace secateur {
namespace {

namespace fs = std::filesystem;

std::string dataDir() {
    if (const char* env = std::getenv("SECATEUR_DATA"); env != nullptr && *env != '\0') return env;
    return std::string(SECATEUR_SOURCE_DIR) + "/../shared/data";
}

// Sets `path` to `relative` under the data folder; fails, saying how to fix it, when missing.
::testing::AssertionResult findData(const std::string& relative, std::string& path) {
    path = dataDir() + "/" + relative;
    if (fs::exists(path)) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << "dataset file missing: " << path
           << " (set SECATEUR_DATA to the folder holding fsdd/, fashion-mnist/, "
              "occupancy-detection/ and room-occupancy-estimation/)";
}

// A fresh folder under the system temp folder, removed with everything in it at scope exit.
class TempDir {
public:
    TempDir() {
        static int counter = 0;
        path_ = fs::temp_directory_path() /
                ("secateur_readers_" + std::to_string(getpid()) + "_" + std::to_string(++counter));
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string file(const std::string& name) const { return (path_ / name).string(); }

    std::string write(const std::string& name, const std::string& contents) const {
        const std::string path = file(name);
        std::ofstream(path, std::ios::binary) << contents;
        return path;
    }

private:
    fs::path path_;
};

// Success when `action` throws an Error whose message holds every one of `parts`.
::testing::AssertionResult throwsError(const std::function<void()>& action,
                                       const std::vector<std::string>& parts) {
    try {
        action();
    } catch (const Error& error) {
        const std::string message = error.what();
        for (const std::string& part : parts) {
            if (message.find(part) == std::string::npos) {
                return ::testing::AssertionFailure() << "\"" << part << "\" not in: " << message;
            }
        }
        return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure() << "no secateur::Error thrown";
}

int zeroCrossings(const std::vector<float>& samples) {
    int crossings = 0;
    for (size_t i = 1; i < samples.size(); ++i) {
        if ((samples[i - 1] < 0.0f) != (samples[i] < 0.0f)) ++crossings;
    }
    return crossings;
}

void writeWav(const std::string& path, int rate, int channels, const std::vector<float>& frames) {
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = channels;
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
    ASSERT_NE(file, nullptr) << path << ": " << sf_strerror(nullptr);
    const auto count = static_cast<sf_count_t>(frames.size()) / channels;
    EXPECT_EQ(sf_writef_float(file, frames.data(), count), count);
    sf_close(file);
}

// ---- audio ----

TEST(AudioFile, ReadsFsddRecording) {
    std::string path;
    ASSERT_TRUE(findData("fsdd/recordings/0_jackson_0.wav", path));
    const Audio audio = readAudio(path);
    EXPECT_EQ(audio.sampleRate, 8000);
    EXPECT_EQ(audio.samples.size(), 5148u);  // Python's wave module: getnframes()
    float peak = 0.0f;
    for (const float s : audio.samples) {
        ASSERT_LE(std::abs(s), 1.0f);
        peak = std::max(peak, std::abs(s));
    }
    EXPECT_GT(peak, 0.05f);
}

TEST(AudioFile, ResampleDoublesLength) {
    std::string path;
    ASSERT_TRUE(findData("fsdd/recordings/7_jackson_32.wav", path));
    const Audio audio = readAudio(path);
    ASSERT_EQ(audio.samples.size(), 4301u);
    const std::vector<float> up = resample(audio.samples, 8000, 16000);
    EXPECT_NEAR(static_cast<double>(up.size()), 2.0 * audio.samples.size(), 1.0);
    EXPECT_EQ(resample(audio.samples, 8000, 8000), audio.samples);
}

TEST(AudioFile, ResamplePreservesSineFrequency) {
    const double pi = std::acos(-1.0);
    std::vector<float> sine(8000);  // one second of 440 Hz at 8 kHz
    for (size_t i = 0; i < sine.size(); ++i) {
        sine[i] = static_cast<float>(0.5 * std::sin(2.0 * pi * 440.0 * i / 8000.0 + 0.3));
    }
    const std::vector<float> up = resample(sine, 8000, 16000);
    ASSERT_NEAR(static_cast<double>(up.size()), 16000.0, 1.0);
    EXPECT_NEAR(zeroCrossings(sine), 880, 1);
    EXPECT_NEAR(zeroCrossings(up), 880, 2);
    const std::vector<float> down = resample(sine, 8000, 4000);
    EXPECT_NEAR(static_cast<double>(down.size()), 4000.0, 1.0);
    EXPECT_NEAR(zeroCrossings(down), 880, 2);
}

TEST(AudioFile, StereoWavReadsAsMono) {
    const TempDir dir;
    const std::string path = dir.file("stereo.wav");
    const double pi = std::acos(-1.0);
    std::vector<float> frames;
    for (int i = 0; i < 4410; ++i) {
        frames.push_back(static_cast<float>(0.5 * std::sin(2.0 * pi * 1000.0 * i / 44100.0)));
        frames.push_back(0.25f);
    }
    writeWav(path, 44100, 2, frames);
    const Audio audio = readAudio(path);
    EXPECT_EQ(audio.sampleRate, 44100);
    ASSERT_EQ(audio.samples.size(), 4410u);
    for (size_t i = 0; i < audio.samples.size(); ++i) {
        ASSERT_NEAR(audio.samples[i], (frames[2 * i] + frames[2 * i + 1]) / 2, 1e-3) << i;
    }
}

TEST(AudioFile, ErrorsNameTheFile) {
    const TempDir dir;
    const std::string missing = dir.file("missing.wav");
    EXPECT_TRUE(throwsError([&] { readAudio(missing); }, {missing}));

    const std::string text = dir.write("text.wav", "this is not audio\n");
    EXPECT_TRUE(throwsError([&] { readAudio(text); }, {text, "cannot read audio"}));

    const std::string empty = dir.file("empty.wav");
    writeWav(empty, 8000, 1, {});
    EXPECT_TRUE(throwsError([&] { readAudio(empty); }, {empty, "no samples"}));

    EXPECT_TRUE(throwsError([] { resample({0.0f}, 0, 8000); }, {"positive"}));
}

// ---- IDX ----

std::map<int, int> countValues(const std::vector<uint8_t>& values) {
    std::map<int, int> counts;
    for (const uint8_t v : values) ++counts[v];
    return counts;
}

TEST(IdxFile, FashionMnistTrain) {
    std::string labelsPath;
    std::string imagesPath;
    ASSERT_TRUE(findData("fashion-mnist/train-labels-idx1-ubyte.gz", labelsPath));
    ASSERT_TRUE(findData("fashion-mnist/train-images-idx3-ubyte.gz", imagesPath));

    const IdxArray labels = readIdx(labelsPath);
    EXPECT_EQ(labels.dims, std::vector<int64_t>{60000});
    ASSERT_EQ(labels.data.size(), 60000u);
    EXPECT_EQ(labels.data[0], 9);  // Python's gzip module: the first label is 9 (ankle boot)
    const std::map<int, int> counts = countValues(labels.data);
    ASSERT_EQ(counts.size(), 10u);
    for (const auto& [label, count] : counts) EXPECT_EQ(count, 6000) << "label " << label;

    const IdxArray images = readIdx(imagesPath);
    EXPECT_EQ(images.dims, (std::vector<int64_t>{60000, 28, 28}));
    ASSERT_EQ(images.data.size(), 47040000u);
    int firstImageSum = 0;
    for (int i = 0; i < 784; ++i) firstImageSum += images.data[static_cast<size_t>(i)];
    EXPECT_EQ(firstImageSum, 76247);  // Python's gzip module
}

TEST(IdxFile, FashionMnistTest) {
    std::string labelsPath;
    std::string imagesPath;
    ASSERT_TRUE(findData("fashion-mnist/t10k-labels-idx1-ubyte.gz", labelsPath));
    ASSERT_TRUE(findData("fashion-mnist/t10k-images-idx3-ubyte.gz", imagesPath));
    const IdxArray labels = readIdx(labelsPath);
    EXPECT_EQ(labels.dims, std::vector<int64_t>{10000});
    for (const auto& [label, count] : countValues(labels.data)) {
        EXPECT_EQ(count, 1000) << "label " << label;
    }
    EXPECT_EQ(readIdx(imagesPath).dims, (std::vector<int64_t>{10000, 28, 28}));
}

TEST(IdxFile, TruncatedGzipNamesTheFile) {
    std::string source;
    ASSERT_TRUE(findData("fashion-mnist/t10k-labels-idx1-ubyte.gz", source));
    std::ifstream in(source, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_GT(bytes.size(), 3000u);
    const TempDir dir;
    const std::string cut = dir.write("cut-labels-idx1-ubyte.gz", bytes.substr(0, 2500));
    EXPECT_TRUE(throwsError([&] { readIdx(cut); },
                            {cut, "truncated: expected 10000 bytes of labels, found"}));
}

std::string idxHeader(uint8_t type, const std::vector<uint32_t>& dims) {
    std::string header = {0, 0, static_cast<char>(type), static_cast<char>(dims.size())};
    for (const uint32_t d : dims) {
        for (int shift = 24; shift >= 0; shift -= 8) header += static_cast<char>(d >> shift);
    }
    return header;
}

TEST(IdxFile, PlainFileAndHeaderChecks) {
    const TempDir dir;
    const std::string plain = dir.write("plain.idx", idxHeader(0x08, {2, 3}) + "abcdef");
    const IdxArray array = readIdx(plain);
    EXPECT_EQ(array.dims, (std::vector<int64_t>{2, 3}));
    EXPECT_EQ(std::string(array.data.begin(), array.data.end()), "abcdef");

    const std::string floats = dir.write("floats.idx", idxHeader(0x0D, {1}) + "abcd");
    EXPECT_TRUE(throwsError([&] { readIdx(floats); }, {floats, "0x0d"}));

    const std::string text = dir.write("text.idx", "hello world");
    EXPECT_TRUE(throwsError([&] { readIdx(text); }, {text, "not an IDX file"}));

    const std::string shortPayload = dir.write("short.idx", idxHeader(0x08, {2, 3}) + "abcd");
    EXPECT_TRUE(throwsError([&] { readIdx(shortPayload); },
                            {"truncated: expected 6 bytes of data, found 4"}));

    const std::string longPayload = dir.write("long.idx", idxHeader(0x08, {2, 3}) + "abcdefg");
    EXPECT_TRUE(throwsError([&] { readIdx(longPayload); }, {longPayload, "holds more"}));

    const std::string missing = dir.file("missing.idx");
    EXPECT_TRUE(throwsError([&] { readIdx(missing); }, {missing, "cannot open"}));
}

// ---- CSV ----

TEST(CsvTable, OccupancyDetectionTraining) {
    std::string path;
    ASSERT_TRUE(findData("occupancy-detection/datatraining.txt", path));
    const CsvTable table = readCsv(path);
    ASSERT_EQ(table.header.size(), 7u);
    EXPECT_EQ(table.header[0], "date");
    ASSERT_EQ(table.rows.size(), 8143u);
    EXPECT_EQ(table.rows[0][0], "2015-02-04 17:51:00");  // the leading row number is dropped
    EXPECT_EQ(table.lines[0], 2);
    const int occupancy = table.column("Occupancy");
    EXPECT_EQ(occupancy, 6);
    int occupied = 0;
    for (size_t r = 0; r < table.rows.size(); ++r) {
        ASSERT_EQ(table.rows[r].size(), 7u) << "row " << r;
        occupied += static_cast<int>(table.number(r, occupancy));
    }
    EXPECT_EQ(occupied, 1729);
    EXPECT_NEAR(static_cast<double>(occupied) / table.rows.size(), 0.2123, 1e-4);
    EXPECT_DOUBLE_EQ(table.number(0, table.column("Temperature")), 23.18);

    EXPECT_TRUE(throwsError([&] { table.column("Occupied"); },
                            {path, "\"Occupied\"", "\"Temperature\"", "\"HumidityRatio\""}));
    EXPECT_TRUE(throwsError([&] { table.number(0, table.column("date")); },
                            {path, "line 2", "\"date\"", "\"2015-02-04 17:51:00\""}));
}

TEST(CsvTable, OccupancyDetectionUnquotedDates) {
    std::string path;
    ASSERT_TRUE(findData("occupancy-detection/datatest2.txt", path));
    const CsvTable table = readCsv(path);
    ASSERT_EQ(table.rows.size(), 9752u);
    EXPECT_EQ(table.rows[0][0], "2015-02-11 14:48:00");
    const int occupancy = table.column("Occupancy");
    int occupied = 0;
    for (size_t r = 0; r < table.rows.size(); ++r) {
        occupied += static_cast<int>(table.number(r, occupancy));
    }
    EXPECT_EQ(occupied, 2049);
}

TEST(CsvTable, RoomOccupancyEstimationCrlf) {
    std::string path;
    ASSERT_TRUE(findData("room-occupancy-estimation/Occupancy_Estimation.csv", path));
    const CsvTable table = readCsv(path);
    ASSERT_EQ(table.header.size(), 19u);
    EXPECT_EQ(table.header.back(), "Room_Occupancy_Count");  // no '\r' left over
    ASSERT_EQ(table.rows.size(), 10129u);
    const int label = table.column("Room_Occupancy_Count");
    std::map<int, int> counts;
    for (size_t r = 0; r < table.rows.size(); ++r)
        ++counts[static_cast<int>(table.number(r, label))];
    EXPECT_EQ(counts, (std::map<int, int>{{0, 8228}, {1, 459}, {2, 748}, {3, 694}}));
}

TEST(CsvTable, QuotedFieldsAndLineEndings) {
    const TempDir dir;
    const std::string path = dir.write("quoted.csv",
                                       "\xEF\xBB\xBFname,note,value\r\n"
                                       "\"Smith, J\",\"said \"\"hi\"\"\",1.5\r\n"
                                       "plain,\"two\nlines\",-2\n"
                                       ",\"\", +3e2 \n"
                                       "\n\r\n\n");
    const CsvTable table = readCsv(path);
    EXPECT_EQ(table.header, (std::vector<std::string>{"name", "note", "value"}));
    ASSERT_EQ(table.rows.size(), 3u);
    EXPECT_EQ(table.rows[0], (std::vector<std::string>{"Smith, J", "said \"hi\"", "1.5"}));
    EXPECT_EQ(table.rows[1], (std::vector<std::string>{"plain", "two\nlines", "-2"}));
    EXPECT_EQ(table.rows[2], (std::vector<std::string>{"", "", " +3e2 "}));
    EXPECT_EQ(table.lines, (std::vector<int64_t>{2, 3, 5}));
    const int value = table.column("value");
    EXPECT_DOUBLE_EQ(table.number(0, value), 1.5);
    EXPECT_DOUBLE_EQ(table.number(1, value), -2.0);
    EXPECT_DOUBLE_EQ(table.number(2, value), 300.0);
    EXPECT_TRUE(
        throwsError([&] { table.number(2, table.column("name")); }, {"line 5", "\"name\""}));

    const CsvTable semicolons = readCsv(dir.write("semi.csv", "a;b\n1,5;2\n"), ';');
    EXPECT_EQ(semicolons.rows.at(0), (std::vector<std::string>{"1,5", "2"}));
}

TEST(CsvTable, MalformedFilesNameTheLine) {
    const TempDir dir;
    const std::string ragged = dir.write("ragged.csv", "a,b\n1,2\n3\n4,5\n");
    EXPECT_TRUE(throwsError([&] { readCsv(ragged); }, {ragged, "line 3 has 1 field but"}));

    const std::string unclosed = dir.write("unclosed.csv", "a,b\n1,2\n\"3,4\n5,6\n");
    EXPECT_TRUE(throwsError([&] { readCsv(unclosed); }, {unclosed, "line 3"}));

    const std::string afterQuote = dir.write("after.csv", "a,b\n\"1\"x,2\n");
    EXPECT_TRUE(throwsError([&] { readCsv(afterQuote); }, {"line 2", "closing quote"}));

    const std::string empty = dir.write("empty.csv", "");
    EXPECT_TRUE(throwsError([&] { readCsv(empty); }, {empty, "empty"}));

    const std::string missing = dir.file("missing.csv");
    EXPECT_TRUE(throwsError([&] { readCsv(missing); }, {missing, "cannot open"}));
}

TEST(CsvTable, NumericCsv) {
    const TempDir dir;
    int64_t rows = 0;
    int64_t columns = 0;
    std::vector<float> values = readNumericCsv(
        dir.write("headed.csv", "x,y,z\r\n1,2,3\r\n4.5,-5,6e1\r\n\r\n"), rows, columns);
    EXPECT_EQ(rows, 2);
    EXPECT_EQ(columns, 3);
    EXPECT_EQ(values, (std::vector<float>{1, 2, 3, 4.5f, -5, 60}));

    values = readNumericCsv(dir.write("bare.csv", "1,2\n3,4\n5,6\n"), rows, columns);
    EXPECT_EQ(rows, 3);
    EXPECT_EQ(columns, 2);
    EXPECT_EQ(values, (std::vector<float>{1, 2, 3, 4, 5, 6}));

    const std::string mixed = dir.write("mixed.csv", "1,2\n3,4\n5\n");
    EXPECT_TRUE(throwsError([&] { readNumericCsv(mixed, rows, columns); }, {mixed, "line 3"}));

    const std::string word = dir.write("word.csv", "a,b\n1,2\n3,four\n");
    EXPECT_TRUE(
        throwsError([&] { readNumericCsv(word, rows, columns); }, {word, "line 3", "\"four\""}));
}

}  // namespace
}  // namespace secateur
