#include "engine/data/sha256.h"

#include <openssl/evp.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <vector>

#include "engine/util/error.h"

namespace secateur {
namespace {

struct MdContextDeleter {
    void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

class Sha256 {
public:
    Sha256() : context_(EVP_MD_CTX_new()) {
        if (!context_ || EVP_DigestInit_ex(context_.get(), EVP_sha256(), nullptr) != 1)
            throw Error("OpenSSL could not start a sha256 digest; check the OpenSSL installation");
    }

    void update(const char* data, size_t size) {
        if (size > 0 && EVP_DigestUpdate(context_.get(), data, size) != 1)
            throw Error("OpenSSL failed while hashing data with sha256");
    }

    std::string hex() {
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        if (EVP_DigestFinal_ex(context_.get(), digest, &length) != 1)
            throw Error("OpenSSL failed to finish a sha256 digest");
        static const char digits[] = "0123456789abcdef";
        std::string text;
        text.reserve(2 * length);
        for (unsigned int i = 0; i < length; ++i) {
            text.push_back(digits[digest[i] >> 4]);
            text.push_back(digits[digest[i] & 0x0f]);
        }
        return text;
    }

private:
    std::unique_ptr<EVP_MD_CTX, MdContextDeleter> context_;
};

}  // namespace

std::string sha256File(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("Cannot open " + path + " to compute its sha256: " + std::strerror(errno) +
                    "; check that the file exists and is readable");
    Sha256 hash;
    std::vector<char> buffer(1 << 16);
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        hash.update(buffer.data(), static_cast<size_t>(in.gcount()));
    }
    if (in.bad())
        throw Error("Reading " + path + " failed while computing its sha256: " +
                    std::strerror(errno) + "; check that it is a readable regular file");
    return hash.hex();
}

std::string sha256Bytes(const std::string& bytes) {
    Sha256 hash;
    hash.update(bytes.data(), bytes.size());
    return hash.hex();
}

}  // namespace secateur
