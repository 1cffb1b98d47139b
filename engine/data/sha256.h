// SHA-256 of files and byte strings (OpenSSL EVP), as lower-case hex.
#pragma once

#include <string>

namespace secateur {

// Streams the file in chunks; throws an Error naming the file when it cannot be read.
std::string sha256File(const std::string& path);

std::string sha256Bytes(const std::string& bytes);

}  // namespace secateur
