// One engine job at a time on a QThread of its own, with the SearchControl the engine polls
// between steps. The job's result (or its exception's text) reaches the owner's thread once the
// thread has ended; the destructor cancels a running job and waits for it.
#pragma once

#include <QObject>
#include <QString>
#include <QThread>
#include <functional>
#include <memory>

#include "engine/search/search.h"

namespace secateur::studio {

class EngineJob {
public:
    explicit EngineJob(QObject* owner) : owner_(owner) {}
    ~EngineJob();
    EngineJob(const EngineJob&) = delete;
    EngineJob& operator=(const EngineJob&) = delete;

    // Runs `work` on a new thread; the function it returns runs on the owner's thread afterwards,
    // or `failed` with the message of what it threw. False when a job is already running.
    bool start(const QString& name, std::function<std::function<void()>(SearchControl&)> work,
               std::function<void(const QString&)> failed);
    void stop();  // the engine writes its checkpoint and returns as cancelled
    void setPaused(bool paused);
    bool isRunning() const;
    bool isPaused() const;

private:
    QObject* owner_;
    std::shared_ptr<SearchControl> control_;
    std::unique_ptr<QThread> thread_;
};

// The threads a job gets when the caller asks for 0: all cores but one, which the interface keeps.
int jobThreads(int requested);

}  // namespace secateur::studio
