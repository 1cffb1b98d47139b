#include "engine/runs/folder_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "engine/util/error.h"

namespace secateur {
namespace {

long holderPid(int fd) {
    char text[32] = {};
    const ssize_t n = ::pread(fd, text, sizeof text - 1, 0);
    return n > 0 ? std::strtol(text, nullptr, 10) : 0;
}

}  // namespace

FolderLock::FolderLock(const std::string& folder, long allowedHolder) {
    std::filesystem::create_directories(folder);
    const std::string path = (std::filesystem::path(folder) / ".lock").string();
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) throw Error("cannot open " + path + ": " + std::strerror(errno));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const long holder = holderPid(fd);
        ::close(fd);
        if (allowedHolder != 0 && holder == allowedHolder) return;  // our parent holds it
        throw Error("run folder " + folder + " is in use by process " +
                    (holder > 0 ? std::to_string(holder) : std::string("(unknown)")) +
                    " (another secateur run); wait for it to end or stop it, or give another "
                    "folder");
    }
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
        ::close(fd);
        throw Error("cannot write " + path + ": " + std::strerror(errno));
    }
    fd_ = fd;
}

FolderLock::~FolderLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

FolderLock::FolderLock(FolderLock&& other) noexcept : fd_(other.fd_) {
    other.fd_ = -1;
}

}  // namespace secateur
