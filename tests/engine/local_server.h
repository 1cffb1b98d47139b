// Test helpers: a child process ended on scope exit, and tests/data/range_server.py serving a
// folder on a free 127.0.0.1 port.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace secateur {

class FileDescriptor {
public:
    explicit FileDescriptor(int fd = -1) : fd_(fd) {}
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor() { reset(); }
    int get() const { return fd_; }
    void reset();

private:
    int fd_;
};

// Ends the child process (SIGTERM, then reaps it) when it goes out of scope.
class ChildProcess {
public:
    explicit ChildProcess(pid_t pid) : pid_(pid) {}
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;
    ~ChildProcess();

private:
    pid_t pid_;
};

pid_t spawnWithStdout(std::vector<std::string> args, int stdoutFd, int unusedFd);
std::string readLine(int fd, int timeoutMs);

// tests/data/range_server.py on a free 127.0.0.1 port, stopped on destruction.
class RangeServer {
public:
    RangeServer(const std::string& root, const std::vector<std::string>& options);
    std::string url(const std::string& path) const;
    std::string base() const;  // http://127.0.0.1:PORT

private:
    int makePipe();
    pid_t start(const std::string& root, const std::vector<std::string>& options);

    // Initialised in this order: the pipe, the child writing into it, the port read from it.
    int writeEnd_ = -1;
    FileDescriptor out_;
    ChildProcess child_;
    int port_;
};

}  // namespace secateur
