#include "app/studio/search_worker.h"

#include "app/studio/background_jobs.h"

#include <QDir>
#include <algorithm>

#include "engine/graph/error.h"
#include "engine/search/task.h"

namespace secateur::studio {

class SearchWorker::Mailbox : public SearchObserver {
public:
    void onStep(const Snapshot& s) override {
        const std::lock_guard<std::mutex> lock(mutex_);
        step_ = s;
    }
    void onEpoch(const Snapshot& s) override {
        const std::lock_guard<std::mutex> lock(mutex_);
        step_ = s;
        epochs_.push_back(s);
    }
    std::optional<Snapshot> takeStep() {
        const std::lock_guard<std::mutex> lock(mutex_);
        return std::exchange(step_, std::nullopt);
    }
    std::vector<Snapshot> takeEpochs() {
        const std::lock_guard<std::mutex> lock(mutex_);
        return std::exchange(epochs_, {});
    }

private:
    std::mutex mutex_;
    std::optional<Snapshot> step_;
    std::vector<Snapshot> epochs_;
};

SearchWorker::SearchWorker(QObject* parent) : QObject(parent) {}

SearchWorker::~SearchWorker() {
    if (thread_) {
        control_->cancel = true;
        thread_->wait();
    }
}

bool SearchWorker::start(const Project& project, const Graph& seed, const QString& runFolder,
                         int threads) {
    if (isRunning()) return false;
    if (thread_) thread_->wait();
    mailbox_ = std::make_shared<Mailbox>();
    control_ = std::make_shared<SearchControl>();
    if (threads <= 0) threads = std::max(1, QThread::idealThreadCount() - 1);
    thread_.reset(QThread::create(
        [this, project, seed, runFolder, threads] { run(project, seed, runFolder, threads); }));
    thread_->start();
    return true;
}

void SearchWorker::run(Project project, const Graph& seed, const QString& runFolder, int threads) {
    try {
        const Task task = project.makeTask(seed);
        QDir().mkpath(runFolder);
        const std::string folder = runFolder.toStdString();
        project.search.threads = threads;
        project.search.checkpoint = folder + "/checkpoint.pt";
        const SearchResult result =
            runSearch(seed, task, project.search, mailbox_.get(), control_.get());
        writeRun(folder, project, seed, result, task.info().name);
        deliverLater(this, [this, runFolder] {
            thread_->wait();
            Q_EMIT finished(runFolder);
        });
    } catch (const std::exception& e) {
        deliverLater(this, [this, message = QString::fromStdString(e.what())] {
            thread_->wait();
            Q_EMIT failed(message);
        });
    }
}

void SearchWorker::pause() {
    if (control_) control_->pause = true;
}

void SearchWorker::resume() {
    if (control_) control_->pause = false;
}

void SearchWorker::stop() {
    if (control_) control_->cancel = true;
}

bool SearchWorker::isRunning() const {
    return thread_ && !thread_->isFinished();
}

bool SearchWorker::isPaused() const {
    return isRunning() && control_ && control_->pause;
}

std::optional<Snapshot> SearchWorker::takeStep() {
    return mailbox_ ? mailbox_->takeStep() : std::nullopt;
}

std::vector<Snapshot> SearchWorker::takeEpochs() {
    return mailbox_ ? mailbox_->takeEpochs() : std::vector<Snapshot>{};
}

}  // namespace secateur::studio
