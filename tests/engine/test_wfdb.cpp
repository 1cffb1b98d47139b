// The WFDB reader against the MIT-BIH Arrhythmia Database and against small hand-made files.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "engine/data/wfdb.h"
#include "engine/util/error.h"
#include "tests/engine/test_support.h"

namespace secateur::wfdb {
namespace {

namespace fs = std::filesystem;

std::string mitdbDir() {
    const char* env = std::getenv("SECATEUR_DATA");
    const fs::path root = env != nullptr && *env != '\0'
                              ? fs::path(env)
                              : fs::path(SECATEUR_SOURCE_DIR "/../shared/data");
    return (root / "mitdb").string();
}

testing::AssertionResult dataPresent(const std::string& dir) {
    if (fs::exists(fs::path(dir) / "RECORDS")) return testing::AssertionSuccess();
    return testing::AssertionFailure()
           << "the MIT-BIH data is missing: no RECORDS in " << dir
           << "; set SECATEUR_DATA to the folder holding mitdb/ or run `secateur data get ecg`";
}

std::vector<std::string> records(const std::string& dir) {
    std::ifstream in(fs::path(dir) / "RECORDS");
    std::vector<std::string> names;
    for (std::string name; in >> name;) names.push_back(name);
    return names;
}

fs::path freshDir(const std::string& name) {
    const fs::path dir = fs::path(testing::TempDir()) / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

void writeBytes(const fs::path& path, const std::vector<uint8_t>& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
}

void writeText(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

// Appends one little-endian annotation word.
void word(std::vector<uint8_t>& bytes, int code, int operand) {
    const int value = (code << 10) | operand;
    bytes.push_back(static_cast<uint8_t>(value & 0xFF));
    bytes.push_back(static_cast<uint8_t>(value >> 8));
}

TEST(Wfdb, AllRecordsParseAndMatchTheirChecksums) {
    const std::string dir = mitdbDir();
    ASSERT_TRUE(dataPresent(dir));
    const std::vector<std::string> names = records(dir);
    ASSERT_EQ(names.size(), 48u);
    for (const std::string& name : names) {
        const Header header = readHeader(dir + "/" + name + ".hea");
        EXPECT_EQ(header.record, name);
        EXPECT_EQ(header.frequency, 360.0) << name;
        EXPECT_EQ(header.samplesPerSignal, 650000) << name;
        ASSERT_EQ(header.signals.size(), 2u) << name;
        std::vector<std::vector<int16_t>> signals;
        EXPECT_NO_THROW(signals = readSignals(dir, header)) << name;
        ASSERT_EQ(signals.size(), 2u) << name;
        for (size_t s = 0; s < 2; ++s) {
            EXPECT_TRUE(header.signals[s].hasChecksum) << name;
            ASSERT_EQ(signals[s].size(), 650000u) << name;
            EXPECT_EQ(signals[s][0], header.signals[s].firstValue) << name;
        }
    }
}

TEST(Wfdb, Record100HeaderSaysWhatTheFileSays) {
    const std::string dir = mitdbDir();
    ASSERT_TRUE(dataPresent(dir));
    const Header header = readHeader(dir + "/100.hea");
    EXPECT_EQ(header.record, "100");
    EXPECT_EQ(header.frequency, 360.0);
    EXPECT_EQ(header.samplesPerSignal, 650000);
    ASSERT_EQ(header.signals.size(), 2u);
    const SignalSpec& first = header.signals[0];
    EXPECT_EQ(first.file, "100.dat");
    EXPECT_EQ(first.format, 212);
    EXPECT_EQ(first.gain, 200.0);
    EXPECT_EQ(first.resolution, 11);
    EXPECT_EQ(first.adcZero, 1024);
    EXPECT_EQ(first.baseline, 1024);
    EXPECT_EQ(first.firstValue, 995);
    EXPECT_EQ(first.checksum, -22131);
    EXPECT_EQ(first.description, "MLII");
    EXPECT_EQ(header.signals[1].firstValue, 1011);
    EXPECT_EQ(header.signals[1].checksum, 20052);
    EXPECT_EQ(header.signals[1].description, "V5");
    EXPECT_EQ(header.comments, (std::vector<std::string>{"69 M 1085 1629 x1", "Aldomet, Inderal"}));
}

TEST(Wfdb, AnnotationTotalsMatchTheDatasetReadme) {
    const std::string dir = mitdbDir();
    ASSERT_TRUE(dataPresent(dir));
    size_t total = 0;
    size_t beats = 0;
    for (const std::string& name : records(dir)) {
        const std::vector<Annotation> annotations = readAnnotations(dir + "/" + name + ".atr");
        total += annotations.size();
        for (size_t i = 0; i < annotations.size(); ++i) {
            if (isBeat(annotations[i].code)) ++beats;
            EXPECT_NE(annotationSymbol(annotations[i].code), '\0') << name << " #" << i;
            if (i > 0) {
                EXPECT_GE(annotations[i].sample, annotations[i - 1].sample) << name;
            }
        }
    }
    EXPECT_EQ(total, 112647u);
    EXPECT_EQ(beats, 109494u);
}

TEST(Wfdb, Record100StartsWithANormalRhythmThenNormalBeats) {
    const std::string dir = mitdbDir();
    ASSERT_TRUE(dataPresent(dir));
    const std::vector<Annotation> annotations = readAnnotations(dir + "/100.atr");
    ASSERT_GE(annotations.size(), 3u);
    EXPECT_EQ(annotations[0].sample, 18);
    EXPECT_EQ(annotationSymbol(annotations[0].code), '+');
    EXPECT_EQ(annotations[0].aux, "(N");
    EXPECT_EQ(annotations[1].sample, 77);
    EXPECT_EQ(annotationSymbol(annotations[1].code), 'N');
    EXPECT_EQ(aamiClass(annotations[1].code), 'N');
    EXPECT_EQ(annotations[1].aux, "");
}

TEST(Wfdb, TruncatedSignalFileNamesTheFile) {
    const std::string dir = mitdbDir();
    ASSERT_TRUE(dataPresent(dir));
    const fs::path tmp = freshDir("wfdb_truncated");
    fs::copy_file(fs::path(dir) / "100.hea", tmp / "100.hea");
    std::ifstream in(fs::path(dir) / "100.dat", std::ios::binary);
    std::vector<uint8_t> bytes(3000);
    in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    writeBytes(tmp / "100.dat", bytes);
    const Header header = readHeader((tmp / "100.hea").string());
    const std::string message = errorOf([&] { readSignals(tmp.string(), header); });
    EXPECT_NE(message.find("100.dat"), std::string::npos) << message;
    EXPECT_NE(message.find("byte offset 3000"), std::string::npos) << message;
    EXPECT_NE(message.find("secateur data get ecg"), std::string::npos) << message;
}

TEST(Wfdb, GarbageHeaderLineNamesTheLine) {
    const fs::path tmp = freshDir("wfdb_garbage");
    writeText(tmp / "bad.hea",
              "bad 2 360 650000\r\nbad.dat 212 200 11 1024 995 -22131 0 MLII\r\n"
              "this is not a signal line\r\n");
    const std::string message = errorOf([&] { readHeader((tmp / "bad.hea").string()); });
    EXPECT_NE(message.find("bad.hea line 3"), std::string::npos) << message;
    EXPECT_NE(message.find("this is not a signal line"), std::string::npos) << message;
}

TEST(Wfdb, MissingSignalLinesAreReported) {
    const fs::path tmp = freshDir("wfdb_short");
    writeText(tmp / "short.hea", "short 2 360 10\r\nshort.dat 212\r\n# only one signal\r\n");
    const std::string message = errorOf([&] { readHeader((tmp / "short.hea").string()); });
    EXPECT_NE(message.find("short.hea"), std::string::npos) << message;
    EXPECT_NE(message.find("2 signals"), std::string::npos) << message;
}

TEST(Wfdb, Format212SignExtendsAndChecksSums) {
    const fs::path tmp = freshDir("wfdb_212");
    // Frames (-1, 2047) and (-2048, 5), packed by hand.
    writeBytes(tmp / "syn.dat", {0xFF, 0x7F, 0xFF, 0x00, 0x08, 0x05});
    writeText(tmp / "syn.hea",
              "syn 2 360 2\nsyn.dat 212 200(0)/mV 12 0 -1 -2049 0 lead I\n"
              "syn.dat 212 100 12 0 2047 2052 0 lead II\n");
    const Header header = readHeader((tmp / "syn.hea").string());
    EXPECT_EQ(header.signals[0].baseline, 0);
    EXPECT_EQ(header.signals[0].description, "lead I");
    EXPECT_EQ(header.signals[1].gain, 100.0);
    const auto signals = readSignals(tmp.string(), header);
    EXPECT_EQ(signals[0], (std::vector<int16_t>{-1, -2048}));
    EXPECT_EQ(signals[1], (std::vector<int16_t>{2047, 5}));

    Header wrong = header;
    wrong.signals[1].checksum = 2053;
    const std::string message = errorOf([&] { readSignals(tmp.string(), wrong); });
    EXPECT_NE(message.find("syn.dat"), std::string::npos) << message;
    EXPECT_NE(message.find("checksum"), std::string::npos) << message;
}

TEST(Wfdb, OtherFormatsAreRefusedByName) {
    const fs::path tmp = freshDir("wfdb_16");
    writeText(tmp / "f16.hea", "f16 1 250 4\nf16.dat 16 200 16 0 0 0 0 ECG\n");
    const Header header = readHeader((tmp / "f16.hea").string());
    const std::string message = errorOf([&] { readSignals(tmp.string(), header); });
    EXPECT_NE(message.find("format 16"), std::string::npos) << message;
}

TEST(Wfdb, AnnotationsHandleSkipNumSubChnAndAux) {
    std::vector<uint8_t> bytes;
    word(bytes, 1, 10);  // N at 10
    word(bytes, 61, 3);  // SUB
    word(bytes, 62, 1);  // CHN, sticky
    word(bytes, 60, 5);  // NUM, sticky
    word(bytes, 59, 0);  // SKIP 100000 = 0x000186A0, high half first
    bytes.insert(bytes.end(), {0x01, 0x00, 0xA0, 0x86});
    word(bytes, 5, 7);   // V at 100017
    word(bytes, 28, 1);  // + at 100018
    word(bytes, 63, 3);  // AUX, 3 bytes plus a pad byte
    bytes.insert(bytes.end(), {'(', 'B', 'T', 0});
    word(bytes, 0, 0);
    const fs::path tmp = freshDir("wfdb_atr");
    writeBytes(tmp / "syn.atr", bytes);
    const std::vector<Annotation> annotations = readAnnotations((tmp / "syn.atr").string());
    ASSERT_EQ(annotations.size(), 3u);
    EXPECT_EQ(annotations[0].sample, 10);
    EXPECT_EQ(annotations[0].subtype, 3);
    EXPECT_EQ(annotations[0].channel, 1);
    EXPECT_EQ(annotations[0].num, 5);
    EXPECT_EQ(annotations[1].sample, 100017);
    EXPECT_EQ(annotations[1].code, 5);
    EXPECT_EQ(annotations[1].subtype, 0);
    EXPECT_EQ(annotations[1].channel, 1);
    EXPECT_EQ(annotations[1].num, 5);
    EXPECT_EQ(annotations[2].sample, 100018);
    EXPECT_EQ(annotations[2].aux, "(BT");

    bytes.resize(bytes.size() - 2);  // drop the end mark
    writeBytes(tmp / "cut.atr", bytes);
    const std::string message = errorOf([&] { readAnnotations((tmp / "cut.atr").string()); });
    EXPECT_NE(message.find("cut.atr"), std::string::npos) << message;
    EXPECT_NE(message.find("byte offset " + std::to_string(bytes.size())), std::string::npos)
        << message;
}

TEST(Wfdb, AuxPastTheEndNamesTheOffset) {
    std::vector<uint8_t> bytes;
    word(bytes, 28, 4);
    word(bytes, 63, 20);
    bytes.insert(bytes.end(), {'(', 'N'});
    const fs::path tmp = freshDir("wfdb_aux");
    writeBytes(tmp / "aux.atr", bytes);
    const std::string message = errorOf([&] { readAnnotations((tmp / "aux.atr").string()); });
    EXPECT_NE(message.find("aux.atr: at byte offset 2"), std::string::npos) << message;
}

TEST(Wfdb, SymbolsAndAamiClasses) {
    EXPECT_EQ(annotationSymbol(1), 'N');
    EXPECT_EQ(annotationSymbol(5), 'V');
    EXPECT_EQ(annotationSymbol(12), '/');
    EXPECT_EQ(annotationSymbol(31), '!');
    EXPECT_EQ(annotationSymbol(37), 'x');
    EXPECT_EQ(annotationSymbol(38), 'f');
    EXPECT_EQ(annotationSymbol(0), '\0');
    EXPECT_EQ(annotationSymbol(99), '\0');
    const std::string beats = "NLRaVFJASEj/QeBnfr?";
    for (int code = 0; code < 64; ++code) {
        const char symbol = annotationSymbol(code);
        const bool beat = symbol != '\0' && beats.find(symbol) != std::string::npos;
        EXPECT_EQ(isBeat(code), beat) << code;
    }
    EXPECT_EQ(aamiClass(2), 'N');   // L
    EXPECT_EQ(aamiClass(11), 'N');  // j
    EXPECT_EQ(aamiClass(4), 'S');   // a
    EXPECT_EQ(aamiClass(7), 'S');   // J
    EXPECT_EQ(aamiClass(10), 'V');  // E
    EXPECT_EQ(aamiClass(6), 'F');   // F
    EXPECT_EQ(aamiClass(38), 'Q');  // f
    EXPECT_EQ(aamiClass(28), 0);    // + is no beat
    EXPECT_EQ(aamiClass(37), 0);    // x neither
}

}  // namespace
}  // namespace secateur::wfdb
