#include "engine/util/atomic_file.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

#include "engine/util/error.h"

namespace secateur {

std::string uniqueSuffix() {
    const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
    const size_t thread = std::hash<std::thread::id>{}(std::this_thread::get_id());
    return std::to_string(static_cast<long>(::getpid())) + "-" + std::to_string(thread % 100000) +
           "-" + std::to_string(now);
}

void writeFileAtomically(const std::string& path, const std::string& contents) {
    const std::string temporary = path + ".part-" + uniqueSuffix();
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
        if (!out) {
            std::error_code ignored;
            std::filesystem::remove(temporary, ignored);
            throw Error("cannot write '" + path + "'");
        }
    }
    std::filesystem::rename(temporary, path);
}

}  // namespace secateur
