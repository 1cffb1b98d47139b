// Work the window must not wait for: each job runs on a thread of its own, and the function it
// returns then runs on the owner's thread. Jobs cannot be interrupted; the destructor waits for
// those still running, and a result that arrives after the owner is gone is dropped.
#pragma once

#include <QObject>
#include <QString>
#include <QThread>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>

namespace secateur::studio {

// Runs `deliver` on `owner`'s thread, later (queued); dropped when the owner is gone first.
void deliverLater(QObject* owner, std::function<void()> deliver);

// The text of a job's exception, for the owner to show.
QString errorMessage(const std::exception_ptr& error);

class BackgroundJobs {
public:
    explicit BackgroundJobs(QObject* owner) : owner_(owner) {}
    ~BackgroundJobs();
    BackgroundJobs(const BackgroundJobs&) = delete;
    BackgroundJobs& operator=(const BackgroundJobs&) = delete;

    void spawn(const QString& name, std::function<std::function<void()>()> work);
    int count() const { return static_cast<int>(threads_.size()); }  // not yet joined

private:
    void join(uint64_t id);

    QObject* owner_;
    std::map<uint64_t, std::unique_ptr<QThread>> threads_;
    uint64_t next_ = 0;
};

}  // namespace secateur::studio
