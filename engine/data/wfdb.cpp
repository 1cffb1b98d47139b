#include "engine/data/wfdb.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>
#include <type_traits>
#include <utility>

#include "engine/util/error.h"

namespace secateur::wfdb {

namespace {

const std::string kRedownload = "re-download it with `secateur data get ecg`";

std::vector<uint8_t> readBytes(const std::string& path, const char* kind) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) {
        throw Error(path + ": cannot open " + kind + " file: " + std::strerror(errno) + "; " +
                    kRedownload);
    }
    std::vector<uint8_t> bytes(static_cast<size_t>(in.tellg()));
    in.seekg(0);
    if (!in.read(reinterpret_cast<char*>(bytes.data()),
                 static_cast<std::streamsize>(bytes.size()))) {
        throw Error(path + ": cannot read " + kind + " file; " + kRedownload);
    }
    return bytes;
}

struct Token {
    std::string text;
    size_t offset = 0;  // where it starts in the line
};

std::vector<Token> tokenize(const std::string& line) {
    std::vector<Token> tokens;
    size_t start = line.find_first_not_of(" \t");
    while (start != std::string::npos) {
        const size_t end = std::min(line.find_first_of(" \t", start), line.size());
        tokens.push_back({line.substr(start, end - start), start});
        start = line.find_first_not_of(" \t", end);
    }
    return tokens;
}

// One header line being parsed; its failures name the file and the line.
class Line {
public:
    Line(const std::string& path, int number, const std::string& text)
        : path_(path), number_(number), text_(text), tokens_(tokenize(text)) {}

    const std::string& text() const { return text_; }
    const std::vector<Token>& tokens() const { return tokens_; }
    bool has(size_t index) const { return index < tokens_.size(); }

    [[noreturn]] void fail(const std::string& what) const {
        throw Error(path_ + " line " + std::to_string(number_) + ": " + what +
                    " (the line reads \"" + text_ + "\"); fix the line or " + kRedownload);
    }

    // The whole of `text` as a T; fails naming `field` otherwise.
    template <typename T = int>
    T parse(const std::string& text, const char* field) const {
        T value{};
        const char* end = text.data() + text.size();
        const auto result = std::from_chars(text.data(), end, value);
        if (text.empty() || result.ec != std::errc() || result.ptr != end) {
            const char* kind = std::is_floating_point_v<T> ? "a number" : "an integer";
            fail(std::string(field) + " must be " + kind + ", not \"" + text + "\"");
        }
        return value;
    }

private:
    std::string path_;
    int number_;
    std::string text_;
    std::vector<Token> tokens_;
};

// `name[/segments] signals [frequency[/counter[(base)]] [samples [time [date]]]]`
void parseRecordLine(const Line& line, Header& header, size_t& signalCount) {
    const auto& tokens = line.tokens();
    if (tokens.size() < 2) line.fail("expected `record signals [frequency [samples]]`");
    header.record = tokens[0].text;
    if (header.record.find('/') != std::string::npos) {
        line.fail("multi-segment records are not supported");
    }
    const int64_t count = line.parse<int64_t>(tokens[1].text, "the signal count");
    if (count < 0 || count > 4096) line.fail("the signal count must be 0 to 4096");
    signalCount = static_cast<size_t>(count);
    header.frequency = 250.0;
    if (line.has(2)) {
        const std::string& text = tokens[2].text;
        header.frequency =
            line.parse<double>(text.substr(0, text.find_first_of("/(")), "the frequency");
        if (!(header.frequency > 0)) line.fail("the frequency must be positive");
    }
    if (line.has(3)) {
        header.samplesPerSignal = line.parse<int64_t>(tokens[3].text, "the sample count");
        if (header.samplesPerSignal < 0) line.fail("the sample count must not be negative");
    }
}

int parseFormat(const Line& line, const std::string& text) {
    const size_t digits = std::min(text.find_first_not_of("0123456789"), text.size());
    if (digits > 0 && digits < text.size() && std::strchr("x:+", text[digits]) != nullptr) {
        line.fail("format modifiers (samples per frame, skew, byte offset) are not supported");
    }
    return line.parse(text, "the format");
}

// `gain[(baseline)][/units]`; returns whether a baseline was given.
bool parseGain(const Line& line, const std::string& text, SignalSpec& spec) {
    const size_t paren = text.find('(');
    const size_t slash = text.find('/');
    spec.gain = line.parse<double>(text.substr(0, std::min(paren, slash)), "the gain");
    if (spec.gain == 0) spec.gain = 200.0;
    if (paren == std::string::npos || (slash != std::string::npos && slash < paren)) return false;
    const size_t close = text.find(')', paren);
    if (close == std::string::npos) line.fail("the baseline after the gain lacks its ')'");
    spec.baseline = line.parse(text.substr(paren + 1, close - paren - 1), "the baseline");
    return true;
}

// `file format [gain [bits [adc-zero [first [checksum [block [description]]]]]]]`
SignalSpec parseSignalLine(const Line& line) {
    const auto& tokens = line.tokens();
    if (tokens.size() < 2) {
        line.fail("expected a signal line `file format [gain [bits [zero [first [checksum ...`");
    }
    SignalSpec spec;
    spec.file = tokens[0].text;
    spec.format = parseFormat(line, tokens[1].text);
    const bool hasBaseline = line.has(2) && parseGain(line, tokens[2].text, spec);
    spec.resolution = line.has(3) ? line.parse(tokens[3].text, "the resolution") : 12;
    if (line.has(4)) spec.adcZero = line.parse(tokens[4].text, "the ADC zero");
    if (!hasBaseline) spec.baseline = spec.adcZero;
    spec.hasFirstValue = line.has(5);
    spec.firstValue = line.has(5) ? line.parse(tokens[5].text, "the first value") : spec.adcZero;
    spec.hasChecksum = line.has(6);
    if (line.has(6)) spec.checksum = line.parse(tokens[6].text, "the checksum");
    if (line.has(8)) {
        const std::string rest = line.text().substr(tokens[8].offset);
        spec.description = rest.substr(0, rest.find_last_not_of(" \t") + 1);
    }
    return spec;
}

std::string comment(const std::string& text) {
    const size_t start = text.find_first_not_of(" \t", text.find('#') + 1);
    return start == std::string::npos ? "" : text.substr(start);
}

int decode212(const uint8_t* pair, bool second) {
    const int value =
        second ? pair[2] | ((pair[1] & 0xF0) << 4) : pair[0] | ((pair[1] & 0x0F) << 8);
    return (value & 0x800) != 0 ? value - 0x1000 : value;
}

// Decodes the signals `indices` (interleaved in that order) from one format-212 file.
void readFile212(const std::string& path, const Header& header, const std::vector<size_t>& indices,
                 std::vector<std::vector<int16_t>>& out) {
    const std::vector<uint8_t> bytes = readBytes(path, "signal");
    const auto width = static_cast<int64_t>(indices.size());
    const auto actual = static_cast<int64_t>(bytes.size());
    // A header without a sample count leaves the file's size to tell it.
    const int64_t samples =
        header.samplesPerSignal > 0 ? header.samplesPerSignal : actual * 2 / 3 / width;
    const int64_t total = samples * width;
    const int64_t expected = (3 * total + 1) / 2;
    if (actual != expected) {
        throw Error(path + ": is " + std::to_string(actual) + " bytes, but the header asks for " +
                    std::to_string(expected) + " (" + std::to_string(samples) + " samples x " +
                    std::to_string(width) + " signals in format 212); it " +
                    (actual < expected ? "ends early, at" : "has extra bytes from") +
                    " byte offset " + std::to_string(std::min(actual, expected)) + "; " +
                    kRedownload);
    }
    std::vector<int16_t*> columns;
    for (const size_t index : indices) {
        out[index].resize(static_cast<size_t>(samples));
        columns.push_back(out[index].data());
    }
    const uint8_t* data = bytes.data();
    for (int64_t i = 0; i < total; ++i) {
        const int value = decode212(data + (i / 2) * 3, i % 2 == 1);
        columns[static_cast<size_t>(i % width)][i / width] = static_cast<int16_t>(value);
    }
}

std::string signalName(size_t index, const SignalSpec& spec) {
    return "signal " + std::to_string(index) +
           (spec.description.empty() ? "" : " (" + spec.description + ")");
}

void verify(const std::string& path, size_t index, const SignalSpec& spec,
            const std::vector<int16_t>& samples) {
    const std::string advice =
        "; the file is damaged or not the one the header describes; " + kRedownload;
    if (spec.hasFirstValue && !samples.empty() && samples[0] != spec.firstValue) {
        throw Error(path + ": " + signalName(index, spec) + " starts with " +
                    std::to_string(samples[0]) + " but the header says " +
                    std::to_string(spec.firstValue) + advice);
    }
    if (!spec.hasChecksum) return;
    uint16_t sum = 0;
    for (const int16_t sample : samples) sum = static_cast<uint16_t>(sum + sample);
    if (sum != static_cast<uint16_t>(spec.checksum)) {
        throw Error(path + ": " + signalName(index, spec) + " has checksum " +
                    std::to_string(static_cast<int16_t>(sum)) + " but the header says " +
                    std::to_string(spec.checksum) + advice);
    }
}

// Annotation words: the top 6 bits are the code, the low 10 bits the time step or the operand.
enum PseudoCode : int { kSkip = 59, kNum = 60, kSub = 61, kChn = 62 };  // 63 is AUX

class AnnotationReader {
public:
    explicit AnnotationReader(const std::string& path)
        : path_(path), bytes_(readBytes(path, "annotation")) {}

    std::vector<Annotation> read() {
        while (true) {
            const size_t at = pos_;
            const uint16_t word = next("an annotation word");
            const int code = word >> 10;
            const int operand = word & 0x3FF;
            if (code == 0 && operand == 0) return annotations_;
            if (code < kSkip) {
                time_ += operand;
                annotations_.push_back({time_, code, 0, channel_, num_, ""});
            } else {
                modify(code, operand, at);
            }
        }
    }

private:
    [[noreturn]] void fail(size_t offset, const std::string& what) const {
        throw Error(path_ + ": at byte offset " + std::to_string(offset) + ", " + what +
                    "; the file is damaged or truncated; " + kRedownload);
    }

    uint16_t next(const char* what) {
        if (pos_ + 2 > bytes_.size()) {
            fail(pos_, pos_ == bytes_.size() ? std::string("the file ends before its 0/0 end mark")
                                             : std::string("the file ends inside ") + what);
        }
        const auto word = static_cast<uint16_t>(bytes_[pos_] | (bytes_[pos_ + 1] << 8));
        pos_ += 2;
        return word;
    }

    // A pseudo-annotation word modifies the annotation before it; NUM and CHN also stick.
    void modify(int code, int operand, size_t at) {
        Annotation scratch;  // stands in for words before the first annotation
        Annotation& last = annotations_.empty() ? scratch : annotations_.back();
        if (code == kSkip) {
            const uint32_t high = next("a SKIP interval");
            time_ += static_cast<int32_t>((high << 16) | next("a SKIP interval"));
        } else if (code == kNum) {
            num_ = last.num = operand;
        } else if (code == kSub) {
            last.subtype = operand;
        } else if (code == kChn) {
            channel_ = last.channel = operand;
        } else {
            last.aux = readAux(static_cast<size_t>(operand), at);
        }
    }

    // AUX text follows its word, padded to an even byte count.
    std::string readAux(size_t length, size_t at) {
        if (pos_ + length > bytes_.size()) {
            fail(at, "AUX text of " + std::to_string(length) + " bytes runs past the end");
        }
        std::string text(bytes_.begin() + static_cast<std::ptrdiff_t>(pos_),
                         bytes_.begin() + static_cast<std::ptrdiff_t>(pos_ + length));
        pos_ += length + (length % 2);
        return text.erase(text.find_last_not_of('\0') + 1);
    }

    std::string path_;
    std::vector<uint8_t> bytes_;
    size_t pos_ = 0;
    int64_t time_ = 0;
    int channel_ = 0;
    int num_ = 0;
    std::vector<Annotation> annotations_;
};

// Symbols of codes 0..41, as WFDB's ecgcodes.h defines them; '\0' marks codes without one.
constexpr std::string_view kSymbols("\0NLRaVFJASEj/Q~\0|\0sT*D\"=pB^t+u?![]en@xf()r", 42);

// The beat symbols of each AAMI class.
constexpr std::array<std::pair<char, std::string_view>, 5> kAamiClasses = {
    {{'N', "NLRejBn"}, {'S', "AaJS"}, {'V', "VEr"}, {'F', "F"}, {'Q', "/fQ?"}}};

}  // namespace

Header readHeader(const std::string& heaPath) {
    const std::vector<uint8_t> bytes = readBytes(heaPath, "header");
    std::istringstream in(std::string(bytes.begin(), bytes.end()));
    Header header;
    bool haveRecordLine = false;
    size_t signalCount = 0;
    int number = 0;
    for (std::string text; std::getline(in, text);) {
        ++number;
        if (!text.empty() && text.back() == '\r') text.pop_back();
        const size_t first = text.find_first_not_of(" \t");
        if (first == std::string::npos) continue;
        if (text[first] == '#') {
            header.comments.push_back(comment(text));
            continue;
        }
        const Line line(heaPath, number, text);
        if (!haveRecordLine) {
            parseRecordLine(line, header, signalCount);
            haveRecordLine = true;
        } else if (header.signals.size() < signalCount) {
            header.signals.push_back(parseSignalLine(line));
        } else {
            line.fail("unexpected line after the " + std::to_string(signalCount) +
                      " signal lines (comments start with '#')");
        }
    }
    if (!haveRecordLine) throw Error(heaPath + ": no record line; " + kRedownload);
    if (header.signals.size() < signalCount) {
        throw Error(heaPath + ": the record line announces " + std::to_string(signalCount) +
                    " signals but only " + std::to_string(header.signals.size()) +
                    " signal lines follow; " + kRedownload);
    }
    return header;
}

std::vector<std::vector<int16_t>> readSignals(const std::string& folder, const Header& header) {
    const std::filesystem::path root(folder);
    std::vector<std::pair<std::string, std::vector<size_t>>> files;  // signals by file
    for (size_t i = 0; i < header.signals.size(); ++i) {
        const SignalSpec& spec = header.signals[i];
        if (spec.format != 212) {
            throw Error((root / spec.file).string() + ": " + signalName(i, spec) + " of record " +
                        header.record + " is in format " + std::to_string(spec.format) +
                        "; only format 212 can be read (convert the record, e.g. with WFDB's "
                        "`xform -O 212`)");
        }
        const auto same = [&](const auto& file) { return file.first == spec.file; };
        auto file = std::find_if(files.begin(), files.end(), same);
        if (file == files.end()) file = files.insert(file, {spec.file, {}});
        file->second.push_back(i);
    }
    std::vector<std::vector<int16_t>> out(header.signals.size());
    for (const auto& [file, indices] : files) {
        const std::string path = (root / file).string();
        readFile212(path, header, indices, out);
        for (const size_t i : indices) verify(path, i, header.signals[i], out[i]);
    }
    return out;
}

std::vector<Annotation> readAnnotations(const std::string& atrPath) {
    return AnnotationReader(atrPath).read();
}

char annotationSymbol(int code) {
    return code >= 0 && code < static_cast<int>(kSymbols.size())
               ? kSymbols[static_cast<size_t>(code)]
               : '\0';
}

bool isBeat(int code) {
    return aamiClass(code) != 0;
}

char aamiClass(int code) {
    const char symbol = annotationSymbol(code);
    if (symbol == '\0') return 0;
    for (const auto& [klass, members] : kAamiClasses) {
        if (members.find(symbol) != std::string_view::npos) return klass;
    }
    return 0;
}

}  // namespace secateur::wfdb
