// HTTP(S) file downloads with resume (.part + Range), sha256 check and atomic rename (libcurl).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace secateur {

// Bytes of this file so far, including what a resumed .part already had; total is -1 when unknown.
struct DownloadProgress {
    int64_t received = 0;
    int64_t total = -1;
};

struct DownloadRequest {
    std::string url;
    std::string target;
    std::string sha256;  // expected, lower-case hex; empty: no check
};

// Downloads url to target through target + ".part": resumes an existing .part with a Range
// request (starting over when the server answers 200), verifies the sha256 of the complete file
// and renames the .part to target. Creates the target's folder and follows redirects.
// Throws an Error naming the URL and the reason on HTTP errors (>= 400), connection failures,
// timeouts and cancellation (keepGoing returned false); the .part is kept for a later resume.
// A checksum mismatch deletes the .part and throws an Error with both checksums.
// progress and keepGoing may be empty; both are called from the transfer.
void download(const DownloadRequest& request,
              const std::function<void(const DownloadProgress&)>& progress = {},
              const std::function<bool()>& keepGoing = {});

// A connection kept open between the files fetched through it (where the server allows).
// Not thread-safe: one per thread.
class DownloadConnection {
public:
    DownloadConnection();
    ~DownloadConnection();
    DownloadConnection(const DownloadConnection&) = delete;
    DownloadConnection& operator=(const DownloadConnection&) = delete;

    // As download() above.
    void fetch(const DownloadRequest& request,
               const std::function<void(const DownloadProgress&)>& progress = {},
               const std::function<bool()>& keepGoing = {});

private:
    struct Handle;
    std::unique_ptr<Handle> handle_;
};

struct BatchProgress {
    size_t index = 0;     // the request this report is about
    size_t finished = 0;  // requests complete (verified and renamed) so far
    size_t count = 0;     // all requests
    DownloadProgress file;
};

// Fetches several files over `connections` parallel connections (1: one after another, in
// order). progress is called from the transfer threads, one call at a time, and once more for
// each finished file; keepGoing may be called from several threads at once. The first failure
// stops the other transfers (their .part files are kept) and is thrown.
void downloadAll(const std::vector<DownloadRequest>& requests,
                 const std::function<void(const BatchProgress&)>& progress = {},
                 const std::function<bool()>& keepGoing = {}, size_t connections = 4);

}  // namespace secateur
