#include "app/studio/search_worker.h"

#include <QDir>
#include <algorithm>

#include "engine/runs/seed_training.h"
#include "engine/search/task.h"
#include "engine/util/error.h"

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

bool SearchWorker::start(const Project& project, const Graph& seed, const QString& runFolder,
                         int threads) {
    if (isRunning()) return false;
    auto mailbox = std::make_shared<Mailbox>();
    const auto work = [this, mailbox, project, seed, runFolder,
                       threads](SearchControl& control) -> std::function<void()> {
        Project p = project;
        const Task task = p.makeTask(seed);
        const std::string folder = runFolder.toStdString();
        p.search.threads = jobThreads(threads);
        p.search.checkpoint = folder + "/checkpoint.pt";
        QDir().mkpath(runFolder);
        const std::optional<SingleSearch> run =
            searchFromTrainedSeed(p, seed, task, mailbox.get(), &control);
        if (!run) return [this] { Q_EMIT stoppedBeforeSearch(); };
        p.search = run->options;  // project.json records the settings the search ran with
        writeRun(folder, p, run->start, run->result, task.info(), run->seedTrainedEpochs);
        return [this, runFolder] { Q_EMIT finished(runFolder); };
    };
    mailbox_ = mailbox;
    return job_.start(QStringLiteral("search"), work,
                      [this](const QString& message) { Q_EMIT failed(message); });
}

void SearchWorker::pause() {
    job_.setPaused(true);
}

void SearchWorker::resume() {
    job_.setPaused(false);
}

void SearchWorker::stop() {
    job_.stop();
}

bool SearchWorker::isRunning() const {
    return job_.isRunning();
}

bool SearchWorker::isPaused() const {
    return job_.isPaused();
}

std::optional<Snapshot> SearchWorker::takeStep() {
    return mailbox_ ? mailbox_->takeStep() : std::nullopt;
}

std::vector<Snapshot> SearchWorker::takeEpochs() {
    return mailbox_ ? mailbox_->takeEpochs() : std::vector<Snapshot>{};
}

}  // namespace secateur::studio
