#include "app/studio/background_jobs.h"

namespace secateur::studio {

void deliverLater(QObject* owner, std::function<void()> deliver) {
    QMetaObject::invokeMethod(owner, std::move(deliver), Qt::QueuedConnection);
}

QString errorMessage(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    } catch (...) {
        return QObject::tr("an unknown error stopped the work");
    }
}

BackgroundJobs::~BackgroundJobs() {
    for (auto& [id, thread] : threads_) thread->wait();
}

void BackgroundJobs::spawn(const QString& name, std::function<std::function<void()>()> work) {
    const uint64_t id = ++next_;
    // The thread touches nothing of the owner but the queued call, which runs on the owner's
    // thread after the work, and never once the owner is gone.
    std::unique_ptr<QThread> thread(QThread::create([this, id, work = std::move(work)] {
        std::function<void()> deliver = work();
        deliverLater(owner_, [this, id, deliver = std::move(deliver)] {
            join(id);
            deliver();
        });
    }));
    thread->setObjectName(name);
    thread->start();
    threads_.emplace(id, std::move(thread));
}

void BackgroundJobs::join(uint64_t id) {
    const auto it = threads_.find(id);
    if (it == threads_.end()) return;
    it->second->wait();  // its function is returning: at most a moment
    threads_.erase(it);
}

}  // namespace secateur::studio
