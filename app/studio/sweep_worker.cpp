#include "app/studio/sweep_worker.h"

#include "app/studio/background_jobs.h"

#include <mutex>
#include <utility>

#include "engine/project/sweep.h"

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

SweepWorker::~SweepWorker() {
    if (thread_) {
        control_->cancel = true;
        thread_->wait();
    }
}

bool SweepWorker::start(const Project& project, const QString& folder, const QString& budget,
                        bool resume, int threads) {
    if (isRunning()) return false;
    if (thread_) thread_->wait();
    mailbox_ = std::make_shared<Mailbox>();
    control_ = std::make_shared<SearchControl>();
    if (threads <= 0) threads = std::max(1, QThread::idealThreadCount() - 1);
    thread_.reset(QThread::create([this, project, folder, budget, resume, threads] {
        run(project, folder, budget, resume, threads);
    }));
    thread_->setObjectName(QStringLiteral("sweep"));
    thread_->start();
    return true;
}

void SweepWorker::run(const Project& project, const QString& folder, const QString& budget,
                      bool resume, int threads) {
    try {
        SweepOptions options;
        options.out = folder.toStdString();
        options.budget = budget.toStdString();
        options.resume = resume;
        options.threads = threads;
        const SweepOutcome outcome = runSweep(project, options, mailbox_.get(), control_.get());
        deliverLater(this, [this, folder, outcome] {
            thread_->wait();
            Q_EMIT finished(folder, outcome.finished, outcome.total, outcome.cancelled);
        });
    } catch (const std::exception& e) {
        deliverLater(this, [this, message = QString::fromStdString(e.what())] {
            thread_->wait();
            Q_EMIT failed(message);
        });
    }
}

void SweepWorker::stop() {
    if (control_) control_->cancel = true;
}

bool SweepWorker::isRunning() const {
    return thread_ && !thread_->isFinished();
}

SweepEvents SweepWorker::take() {
    return mailbox_ ? mailbox_->take() : SweepEvents{};
}

}  // namespace secateur::studio
