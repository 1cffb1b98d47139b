#include "engine/data/idx_file.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <memory>

#include "engine/util/error.h"

namespace secateur {

namespace {

struct GzCloser {
    void operator()(gzFile_s* file) const { gzclose(file); }
};
using GzPtr = std::unique_ptr<gzFile_s, GzCloser>;

// Bigger arrays are taken as a corrupt header rather than allocated.
constexpr int64_t kMaxBytes = int64_t{1} << 36;
constexpr unsigned kChunk = 1u << 20;

std::string hex(unsigned value, int digits) {
    static const char* kDigits = "0123456789abcdef";
    std::string text = "0x";
    for (int i = digits - 1; i >= 0; --i) text += kDigits[(value >> (4 * i)) & 0xf];
    return text;
}

std::string typeName(unsigned type) {
    switch (type) {
        case 0x09:
            return "signed byte";
        case 0x0B:
            return "int16";
        case 0x0C:
            return "int32";
        case 0x0D:
            return "float32";
        case 0x0E:
            return "float64";
        default:
            return "unknown";
    }
}

std::string payloadName(size_t rank) {
    if (rank == 1) return "labels";
    if (rank == 3) return "pixels";
    return "data";
}

class GzReader {
public:
    explicit GzReader(const std::string& path) : path_(path) {
        errno = 0;
        file_.reset(gzopen(path.c_str(), "rb"));
        if (!file_) {
            const std::string reason = errno != 0 ? std::strerror(errno) : "out of memory";
            throw Error(path + ": cannot open IDX file: " + reason);
        }
        gzbuffer(file_.get(), 1u << 17);
    }

    // Reads up to `size` bytes; fewer only at the end of the data. A stream that stops early
    // (a cut-off .gz) counts as the end; the caller reports the shortfall.
    size_t read(uint8_t* out, size_t size) {
        size_t total = 0;
        while (total < size) {
            const auto want = static_cast<unsigned>(std::min<size_t>(size - total, kChunk));
            const int got = gzread(file_.get(), out + total, want);
            if (got < 0) {
                int code = Z_OK;
                const char* message = gzerror(file_.get(), &code);
                if (code == Z_BUF_ERROR) break;
                throw Error(path_ + ": cannot read IDX file: " +
                            (code == Z_ERRNO ? std::strerror(errno) : message) +
                            " (the gzip data is corrupt; download the file again)");
            }
            if (got == 0) break;
            total += static_cast<size_t>(got);
        }
        return total;
    }

    // zlib's note on why reading stopped, or "" when the data simply ended.
    std::string endNote() {
        int code = Z_OK;
        std::string message = gzerror(file_.get(), &code);
        if (code != Z_BUF_ERROR) return "";
        if (message.compare(0, path_.size() + 2, path_ + ": ") == 0) {
            message.erase(0, path_.size() + 2);  // zlib prefixes the path, already named
        }
        return " (" + message + ")";
    }

private:
    std::string path_;
    GzPtr file_;
};

}  // namespace

IdxArray readIdx(const std::string& path) {
    GzReader reader(path);
    std::array<uint8_t, 4> magic{};
    const size_t gotMagic = reader.read(magic.data(), magic.size());
    if (gotMagic < magic.size()) {
        throw Error(path + ": not an IDX file: only " + std::to_string(gotMagic) +
                    " bytes, too short for the 4-byte magic");
    }
    const unsigned magicValue = (unsigned{magic[0]} << 24) | (unsigned{magic[1]} << 16) |
                                (unsigned{magic[2]} << 8) | unsigned{magic[3]};
    if (magic[0] != 0 || magic[1] != 0) {
        throw Error(path + ": not an IDX file: magic " + hex(magicValue, 8) +
                    ", expected 0x0000080N (check that this is an *-idx?-ubyte file)");
    }
    if (magic[2] != 0x08) {
        throw Error(path + ": IDX type " + hex(magic[2], 2) + " (" + typeName(magic[2]) +
                    ") is not supported: only unsigned-byte IDX (type 0x08) is read");
    }
    const size_t rank = magic[3];
    if (rank == 0) throw Error(path + ": IDX header declares 0 dimensions (magic 0x00000800)");

    IdxArray array;
    std::vector<uint8_t> header(4 * rank);
    const size_t gotHeader = reader.read(header.data(), header.size());
    if (gotHeader < header.size()) {
        throw Error(path + ": truncated: the header needs " + std::to_string(header.size()) +
                    " bytes for " + std::to_string(rank) + " dimensions, found " +
                    std::to_string(gotHeader) + reader.endNote());
    }
    int64_t bytes = 1;
    for (size_t i = 0; i < rank; ++i) {
        const uint8_t* b = header.data() + 4 * i;
        const int64_t dim =
            (int64_t{b[0]} << 24) | (int64_t{b[1]} << 16) | (int64_t{b[2]} << 8) | int64_t{b[3]};
        array.dims.push_back(dim);
        if (dim > 0 && bytes > kMaxBytes / dim) {
            throw Error(path + ": IDX dimension " + std::to_string(i) + " is " +
                        std::to_string(dim) + ", making the array implausibly large " +
                        "(a corrupt header?)");
        }
        bytes *= dim;
    }

    array.data.resize(static_cast<size_t>(bytes));
    const size_t got = reader.read(array.data.data(), array.data.size());
    if (got < array.data.size()) {
        throw Error(path + ": truncated: expected " + std::to_string(bytes) + " bytes of " +
                    payloadName(rank) + ", found " + std::to_string(got) + reader.endNote() +
                    "; download the file again");
    }
    uint8_t extra = 0;
    if (reader.read(&extra, 1) != 0) {
        throw Error(path + ": expected " + std::to_string(bytes) + " bytes of " +
                    payloadName(rank) + " after the header, but the file holds more " +
                    "(wrong dims in the header, or two files joined?)");
    }
    return array;
}

}  // namespace secateur
