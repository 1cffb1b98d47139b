#include "app/studio/engine_job.h"

#include <algorithm>
#include <exception>

#include "app/studio/background_jobs.h"

namespace secateur::studio {

EngineJob::~EngineJob() {
    if (thread_) {
        control_->cancel = true;
        thread_->wait();
    }
}

bool EngineJob::start(const QString& name,
                      std::function<std::function<void()>(SearchControl&)> work,
                      std::function<void(const QString&)> failed) {
    if (isRunning()) return false;
    if (thread_) thread_->wait();
    control_ = std::make_shared<SearchControl>();
    thread_.reset(QThread::create(
        [this, control = control_, work = std::move(work), failed = std::move(failed)] {
            std::function<void()> deliver;
            try {
                deliver = work(*control);
            } catch (...) {
                deliver = [failed, message = errorMessage(std::current_exception())] {
                    failed(message);
                };
            }
            deliverLater(owner_, [this, deliver = std::move(deliver)] {
                thread_->wait();  // its function is returning: at most a moment
                if (deliver) deliver();
            });
        }));
    thread_->setObjectName(name);
    thread_->start();
    return true;
}

void EngineJob::stop() {
    if (control_) control_->cancel = true;
}

void EngineJob::setPaused(bool paused) {
    if (control_) control_->pause = paused;
}

bool EngineJob::isRunning() const {
    return thread_ && !thread_->isFinished();
}

bool EngineJob::isPaused() const {
    return isRunning() && control_->pause;
}

int jobThreads(int requested) {
    return requested > 0 ? requested : std::max(1, QThread::idealThreadCount() - 1);
}

}  // namespace secateur::studio
