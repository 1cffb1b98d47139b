// One process at a time per run folder: an exclusive lock (flock) on FOLDER/.lock, which holds the
// holder's pid. The system drops the lock when its process ends, however it ends, so a lock left
// by a killed run is simply taken.
#pragma once

#include <string>

namespace secateur {

class FolderLock {
public:
    // Throws an Error naming the process that holds the folder and the way out. `allowedHolder`:
    // a process that may hold it for us (a sweep's parent, for the points it starts); 0: none.
    explicit FolderLock(const std::string& folder, long allowedHolder = 0);
    ~FolderLock();
    FolderLock(FolderLock&& other) noexcept;
    FolderLock& operator=(FolderLock&&) = delete;
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;

    bool held() const { return fd_ >= 0; }  // false: the allowed holder has it

private:
    int fd_ = -1;
};

}  // namespace secateur
