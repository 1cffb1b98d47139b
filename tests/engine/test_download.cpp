// The downloader and sha256 helpers against a local Range server (tests/data/range_server.py).
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "engine/data/download.h"
#include "engine/data/sha256.h"
#include "engine/util/error.h"
#include "tests/engine/local_server.h"

extern char** environ;

namespace secateur {
namespace {

namespace fs = std::filesystem;

// A 127.0.0.1 port that nothing listens on (bound, then released).
int freePort() {
    const FileDescriptor fd(::socket(AF_INET, SOCK_STREAM, 0));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof(address);
    if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
        ::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&address), &length) != 0)
        throw std::runtime_error("cannot find a free port");
    return ntohs(address.sin_port);
}

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeFile(const fs::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

std::string randomBytes(size_t size, uint32_t seed) {
    std::mt19937 generator(seed);
    std::string bytes(size, '\0');
    for (char& c : bytes) c = static_cast<char>(generator() & 0xff);
    return bytes;
}

std::string errorMessage(const std::function<void()>& action) {
    try {
        action();
    } catch (const Error& e) {
        return e.what();
    }
    ADD_FAILURE() << "no Error thrown";
    return "";
}

constexpr size_t kFileSize = 300000;  // many 16 KiB write chunks

class Download : public testing::Test {
protected:
    void SetUp() override {
        const std::string name = testing::UnitTest::GetInstance()->current_test_info()->name();
        dir_ = fs::path(testing::TempDir()) /
               ("secateur_download_" + name + "_" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_ / "serve");
        content_ = randomBytes(kFileSize, 7);
        writeFile(dir_ / "serve" / "blob.bin", content_);
        sha_ = sha256Bytes(content_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::string target(const std::string& name = "out/blob.bin") const {
        return (dir_ / name).string();
    }
    std::string root() const { return (dir_ / "serve").string(); }

    fs::path dir_;
    std::string content_;
    std::string sha_;
};

TEST_F(Download, Sha256MatchesKnownVectors) {
    EXPECT_EQ(sha256Bytes(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256Bytes("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha256File((dir_ / "serve" / "blob.bin").string()), sha_);
    const std::string missing = (dir_ / "missing.bin").string();
    EXPECT_NE(errorMessage([&] { sha256File(missing); }).find(missing), std::string::npos);
}

TEST_F(Download, FullDownloadMatchesChecksumAndLeavesNoPart) {
    const RangeServer server(root(), {});
    download({server.url("blob.bin"), target(), sha_});
    EXPECT_EQ(readFile(target()), content_);
    EXPECT_FALSE(fs::exists(target() + ".part"));
}

TEST_F(Download, ResumesAnExistingPart) {
    const RangeServer server(root(), {});
    fs::create_directories(dir_ / "out");
    writeFile(target() + ".part", content_.substr(0, kFileSize / 2));
    std::vector<DownloadProgress> seen;
    download({server.url("blob.bin"), target(), sha_},
             [&](const DownloadProgress& p) { seen.push_back(p); });
    EXPECT_EQ(readFile(target()), content_);
    EXPECT_FALSE(fs::exists(target() + ".part"));
    ASSERT_FALSE(seen.empty());
    EXPECT_EQ(seen.front().received, static_cast<int64_t>(kFileSize / 2));  // not started over
    EXPECT_EQ(seen.front().total, static_cast<int64_t>(kFileSize));
}

TEST_F(Download, ResumesAfterTheConnectionDrops) {
    const RangeServer server(root(), {"--fail-after", "100000"});
    const std::string url = server.url("blob.bin");
    const std::string message = errorMessage([&] { download({url, target(), sha_}); });
    EXPECT_NE(message.find(url), std::string::npos) << message;
    EXPECT_EQ(fs::file_size(target() + ".part"), 100000u);
    EXPECT_FALSE(fs::exists(target()));
    download({url, target(), sha_});
    EXPECT_EQ(readFile(target()), content_);
    EXPECT_FALSE(fs::exists(target() + ".part"));
}

TEST_F(Download, StartsOverWhenTheServerIgnoresTheRange) {
    const RangeServer server(root(), {"--no-range"});
    fs::create_directories(dir_ / "out");
    writeFile(target() + ".part", std::string(1000, 'x'));
    download({server.url("blob.bin"), target(), sha_});
    EXPECT_EQ(readFile(target()), content_);
}

TEST_F(Download, FinishesAPartThatIsAlreadyWhole) {
    const RangeServer server(root(), {});
    fs::create_directories(dir_ / "out");
    writeFile(target() + ".part", content_);  // the server answers 416 to the range
    int calls = 0;
    download({server.url("blob.bin"), target(), sha_}, [&](const DownloadProgress&) { ++calls; });
    EXPECT_EQ(calls, 0);  // nothing fetched again
    EXPECT_EQ(readFile(target()), content_);
    writeFile(target() + ".part", content_);  // without a checksum: fetched again
    download({server.url("blob.bin"), target(), ""});
    EXPECT_EQ(readFile(target()), content_);
    EXPECT_FALSE(fs::exists(target() + ".part"));
}

TEST_F(Download, WrongChecksumThrowsWithBothAndLeavesNothing) {
    const RangeServer server(root(), {});
    const std::string wrong(64, '0');
    const std::string url = server.url("blob.bin");
    const std::string message = errorMessage([&] { download({url, target(), wrong}); });
    EXPECT_NE(message.find(wrong), std::string::npos) << message;
    EXPECT_NE(message.find(sha_), std::string::npos) << message;
    EXPECT_NE(message.find(url), std::string::npos) << message;
    EXPECT_FALSE(fs::exists(target()));
    EXPECT_FALSE(fs::exists(target() + ".part"));
}

TEST_F(Download, NotFoundNamesTheUrl) {
    const RangeServer server(root(), {});
    const std::string url = server.url("missing.bin");
    const std::string message = errorMessage([&] { download({url, target(), ""}); });
    EXPECT_NE(message.find(url), std::string::npos) << message;
    EXPECT_NE(message.find("404"), std::string::npos) << message;
    EXPECT_FALSE(fs::exists(target()));
}

TEST_F(Download, UnreachablePortThrows) {
    const std::string url = "http://127.0.0.1:" + std::to_string(freePort()) + "/blob.bin";
    const std::string message = errorMessage([&] { download({url, target(), ""}); });
    EXPECT_NE(message.find(url), std::string::npos) << message;
    EXPECT_FALSE(fs::exists(target()));
}

TEST_F(Download, ProgressIncreasesToTheFileSize) {
    const RangeServer server(root(), {});
    std::vector<DownloadProgress> seen;
    download({server.url("blob.bin"), target(), ""},
             [&](const DownloadProgress& p) { seen.push_back(p); });
    ASSERT_GT(seen.size(), 2u);
    for (size_t i = 1; i < seen.size(); ++i) EXPECT_GT(seen[i].received, seen[i - 1].received);
    for (const DownloadProgress& p : seen) EXPECT_EQ(p.total, static_cast<int64_t>(kFileSize));
    EXPECT_EQ(seen.back().received, static_cast<int64_t>(kFileSize));
}

TEST_F(Download, CancelKeepsThePartForAResume) {
    const RangeServer server(root(), {});
    const std::string url = server.url("blob.bin");
    int64_t received = 0;
    const std::string message = errorMessage([&] {
        download(
            {url, target(), sha_}, [&](const DownloadProgress& p) { received = p.received; },
            [&] { return received == 0; });
    });
    EXPECT_NE(message.find("cancelled"), std::string::npos) << message;
    EXPECT_NE(message.find(url), std::string::npos) << message;
    EXPECT_FALSE(fs::exists(target()));
    ASSERT_TRUE(fs::exists(target() + ".part"));
    EXPECT_GT(fs::file_size(target() + ".part"), 0u);
    EXPECT_LT(fs::file_size(target() + ".part"), kFileSize);
    download({url, target(), sha_});
    EXPECT_EQ(readFile(target()), content_);
}

TEST_F(Download, FollowsRedirects) {
    const RangeServer server(root(), {});
    download({server.url("redirect/blob.bin"), target(), sha_});
    EXPECT_EQ(readFile(target()), content_);
}

TEST_F(Download, DownloadAllOverOneConnectionFetchesEveryFileInOrder) {
    const std::string second = randomBytes(5000, 11);
    writeFile(dir_ / "serve" / "second.bin", second);
    const RangeServer server(root(), {});
    std::vector<size_t> indices;
    std::vector<size_t> finished;
    downloadAll(
        {{server.url("blob.bin"), target(), sha_},
         {server.url("second.bin"), target("out/more/second.bin"), sha256Bytes(second)}},
        [&](const BatchProgress& p) {
            EXPECT_EQ(p.count, 2u);
            if (indices.empty() || indices.back() != p.index) indices.push_back(p.index);
            if (finished.empty() || finished.back() != p.finished) finished.push_back(p.finished);
        },
        {}, 1);
    EXPECT_EQ(readFile(target()), content_);
    EXPECT_EQ(readFile(target("out/more/second.bin")), second);
    EXPECT_EQ(indices, (std::vector<size_t>{0, 1}));
    EXPECT_EQ(finished, (std::vector<size_t>{0, 1, 2}));
}

// Several files, each written in many chunks, into a list of requests.
std::vector<DownloadRequest> manyFiles(const fs::path& dir, const RangeServer& server, int count,
                                       std::vector<std::string>& contents) {
    std::vector<DownloadRequest> requests;
    for (int i = 0; i < count; ++i) {
        const std::string name = "file" + std::to_string(i) + ".bin";
        contents.push_back(randomBytes(kFileSize, 100 + static_cast<uint32_t>(i)));
        writeFile(dir / "serve" / name, contents.back());
        requests.push_back(
            {server.url(name), (dir / "out" / name).string(), sha256Bytes(contents.back())});
    }
    return requests;
}

TEST_F(Download, DownloadAllUsesParallelConnections) {
    const RangeServer server(root(), {});
    std::vector<std::string> contents;
    const std::vector<DownloadRequest> requests = manyFiles(dir_, server, 8, contents);
    // Each transfer waits (up to 20 s) until another thread has a transfer running too.
    std::mutex mutex;
    std::condition_variable arrived;
    std::set<std::thread::id> threads;
    size_t lastFinished = 0;
    downloadAll(
        requests,
        [&](const BatchProgress& p) {
            EXPECT_GE(p.finished, lastFinished);
            lastFinished = p.finished;
        },
        [&] {
            std::unique_lock<std::mutex> lock(mutex);
            threads.insert(std::this_thread::get_id());
            arrived.notify_all();
            arrived.wait_for(lock, std::chrono::seconds(20), [&] { return threads.size() >= 2; });
            return true;
        },
        4);
    EXPECT_GE(threads.size(), 2u);
    EXPECT_LE(threads.size(), 4u);
    EXPECT_EQ(lastFinished, requests.size());
    for (size_t i = 0; i < requests.size(); ++i) {
        EXPECT_EQ(readFile(requests[i].target), contents[i]) << requests[i].target;
        EXPECT_FALSE(fs::exists(requests[i].target + ".part"));
    }
}

TEST_F(Download, DownloadAllStopsAtTheFirstFailureAndNamesIt) {
    const RangeServer server(root(), {});
    std::vector<std::string> contents;
    std::vector<DownloadRequest> requests = manyFiles(dir_, server, 6, contents);
    requests[2].url = server.url("missing.bin");
    const std::string message = errorMessage([&] { downloadAll(requests, {}, {}, 3); });
    EXPECT_NE(message.find("missing.bin"), std::string::npos) << message;
    EXPECT_NE(message.find("404"), std::string::npos) << message;
    EXPECT_FALSE(fs::exists(requests[2].target));
    // The files that did arrive are whole; the next call fetches only the rest.
    requests[2].url = server.url("blob.bin");
    requests[2].sha256 = sha_;
    contents[2] = content_;
    downloadAll(requests, {}, {}, 3);
    for (size_t i = 0; i < requests.size(); ++i)
        EXPECT_EQ(readFile(requests[i].target), contents[i]) << requests[i].target;
}

TEST_F(Download, DownloadAllCancelStopsEveryConnection) {
    const RangeServer server(root(), {});
    std::vector<std::string> contents;
    const std::vector<DownloadRequest> requests = manyFiles(dir_, server, 6, contents);
    std::atomic<int> calls{0};
    const std::string message = errorMessage([&] {
        downloadAll(
            requests, {}, [&] { return ++calls < 20; }, 3);
    });
    EXPECT_NE(message.find("cancelled"), std::string::npos) << message;
    EXPECT_FALSE(fs::exists(requests.back().target));
}

}  // namespace
}  // namespace secateur
