// Many files over a few parallel connections: workers take the next request until none is left
// or one of them fails.
#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "engine/data/download.h"

namespace secateur {

namespace {

class Batch {
public:
    Batch(const std::vector<DownloadRequest>& requests,
          const std::function<void(const BatchProgress&)>& progress,
          const std::function<bool()>& keepGoing)
        : requests_(requests), progress_(progress), keepGoing_(keepGoing) {}

    void work() {
        try {
            DownloadConnection connection;
            for (size_t i = next_++; i < requests_.size() && !failed_; i = next_++) {
                DownloadProgress last;
                connection.fetch(
                    requests_[i],
                    [this, i, &last](const DownloadProgress& p) {
                        last = p;
                        report(i, p, false);
                    },
                    [this] { return goOn(); });
                report(i, last, true);
            }
        } catch (...) {
            const std::lock_guard<std::mutex> lock(mutex_);
            if (!failure_) failure_ = std::current_exception();
            failed_ = true;
        }
    }

    // Stops the workers, as a failure of theirs would.
    void abandon() { failed_ = true; }

    void rethrowFailure() const {
        if (failure_) std::rethrow_exception(failure_);
    }

private:
    bool goOn() const { return !failed_ && (!keepGoing_ || keepGoing_()); }

    void report(size_t index, const DownloadProgress& file, bool done) {
        const std::lock_guard<std::mutex> lock(mutex_);
        if (done) ++finished_;
        if (progress_) progress_({index, finished_, requests_.size(), file});
    }

    const std::vector<DownloadRequest>& requests_;
    const std::function<void(const BatchProgress&)>& progress_;
    const std::function<bool()>& keepGoing_;
    std::atomic<size_t> next_{0};
    std::atomic<bool> failed_{false};
    std::mutex mutex_;  // guards finished_, failure_ and the calls of progress_
    size_t finished_ = 0;
    std::exception_ptr failure_;
};

}  // namespace

void downloadAll(const std::vector<DownloadRequest>& requests,
                 const std::function<void(const BatchProgress&)>& progress,
                 const std::function<bool()>& keepGoing, size_t connections) {
    Batch batch(requests, progress, keepGoing);
    const size_t workers = std::clamp<size_t>(connections, 1, std::max<size_t>(1, requests.size()));
    if (workers == 1) {
        batch.work();
    } else {
        std::vector<std::thread> threads;
        threads.reserve(workers);
        try {
            for (size_t w = 0; w < workers; ++w) threads.emplace_back([&batch] { batch.work(); });
        } catch (...) {  // no thread to be had: the ones running finish their file and stop
            batch.abandon();
            for (std::thread& t : threads) t.join();
            throw;
        }
        for (std::thread& t : threads) t.join();
    }
    batch.rethrowFailure();
}

}  // namespace secateur
