#include "tests/engine/local_server.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>

extern char** environ;

namespace secateur {

void FileDescriptor::reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

ChildProcess::~ChildProcess() {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
}

pid_t spawnWithStdout(std::vector<std::string> args, int stdoutFd, int unusedFd) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, stdoutFd, STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, unusedFd);
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " + args[0]);
    return pid;
}

std::string readLine(int fd, int timeoutMs) {
    std::string line;
    while (true) {
        pollfd ready{fd, POLLIN, 0};
        if (::poll(&ready, 1, timeoutMs) <= 0) throw std::runtime_error("server did not answer");
        char c = 0;
        if (::read(fd, &c, 1) != 1) throw std::runtime_error("server exited before its port");
        if (c == '\n') return line;
        line.push_back(c);
    }
}

RangeServer::RangeServer(const std::string& root, const std::vector<std::string>& options)
    : out_(makePipe()),
      child_(start(root, options)),
      port_(std::stoi(readLine(out_.get(), 5000))) {}

std::string RangeServer::base() const {
    return "http://127.0.0.1:" + std::to_string(port_);
}

std::string RangeServer::url(const std::string& path) const {
    return base() + "/" + path;
}

int RangeServer::makePipe() {
    int fds[2] = {-1, -1};
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    writeEnd_ = fds[1];
    return fds[0];
}

pid_t RangeServer::start(const std::string& root, const std::vector<std::string>& options) {
    std::vector<std::string> args = {"/usr/bin/python3",
                                     SECATEUR_SOURCE_DIR "/tests/data/range_server.py", root};
    args.insert(args.end(), options.begin(), options.end());
    const FileDescriptor writeEnd(writeEnd_);
    return spawnWithStdout(args, writeEnd.get(), out_.get());
}

}  // namespace secateur
