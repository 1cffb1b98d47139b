// Reading unsigned-byte IDX arrays (the MNIST format), plain or gzip-compressed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace secateur {

struct IdxArray {
    std::vector<int64_t> dims;  // outermost first, e.g. {60000, 28, 28}
    std::vector<uint8_t> data;  // row-major, product(dims) bytes
};

// Reads plain or .gz files alike. Checks the magic (0x0000080N: type 0x08, N dims), the dims and
// that the payload holds exactly product(dims) bytes; throws an Error naming the file and the
// fault.
IdxArray readIdx(const std::string& path);

}  // namespace secateur
