#include "app/studio/sweep_worker.h"

#include <mutex>
#include <utility>

#include "engine/runs/sweep.h"

namespace secateur::studio {

class SweepWorker::Mailbox : public SweepObserver {
public:
    void onMessage(const std::string& text) override {
        const std::lock_guard<std::mutex> lock(mutex_);
        events_.messages.push_back(text);
    }
    void onPointStart(const PointPlan& plan, int /*index*/, int /*total*/) override {
        const std::lock_guard<std::mutex> lock(mutex_);
        events_.started.push_back(plan.name);
        events_.current = plan.name;
    }
    void onSnapshot(const std::string& point, const Snapshot& s, bool /*epoch*/) override {
        const std::lock_guard<std::mutex> lock(mutex_);
        events_.latest[point] = s;
    }
    void onPointDone(const PointRecord& record) override {
        const std::lock_guard<std::mutex> lock(mutex_);
        events_.finished.push_back(record.name);
    }
    SweepEvents take() {
        const std::lock_guard<std::mutex> lock(mutex_);
        SweepEvents taken = std::exchange(events_, {});
        events_.current = taken.current;
        return taken;
    }

private:
    std::mutex mutex_;
    SweepEvents events_;
};

SweepWorker::SweepWorker(QObject* parent) : QObject(parent) {}

bool SweepWorker::start(const Project& project, const QString& folder, const QString& budget,
                        bool resume, int threads) {
    if (isRunning()) return false;
    auto mailbox = std::make_shared<Mailbox>();
    const auto work = [this, mailbox, project, folder, budget, resume,
                       threads](SearchControl& control) -> std::function<void()> {
        SweepOptions options;
        options.out = folder.toStdString();
        options.budget = budget.toStdString();
        options.resume = resume;
        options.threads = jobThreads(threads);
        const SweepOutcome outcome = runSweep(project, options, mailbox.get(), &control);
        return [this, folder, outcome] {
            Q_EMIT finished(folder, outcome.finished, outcome.total, outcome.cancelled);
        };
    };
    mailbox_ = mailbox;
    return job_.start(QStringLiteral("sweep"), work,
                      [this](const QString& message) { Q_EMIT failed(message); });
}

void SweepWorker::stop() {
    job_.stop();
}

bool SweepWorker::isRunning() const {
    return job_.isRunning();
}

SweepEvents SweepWorker::take() {
    return mailbox_ ? mailbox_->take() : SweepEvents{};
}

}  // namespace secateur::studio
