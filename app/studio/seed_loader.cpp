#include "app/studio/seed_loader.h"

#include <exception>

#include "engine/graph/torchscript_import.h"

namespace secateur::studio {
namespace {

// What a request's thread hands back when its work threw.
QString messageOf(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    } catch (...) {
        return SeedLoader::tr("an unknown error stopped the import");
    }
}

}  // namespace

SeedLoader::SeedLoader(QObject* parent) : QObject(parent) {}

SeedLoader::~SeedLoader() {
    // A thread that ends now posts its result to this object; Qt drops it with the object.
    for (auto& [id, thread] : threads_) thread->wait();
}

void SeedLoader::spawn(std::function<std::function<void()>()> work) {
    const uint64_t id = ++nextThread_;
    // The thread touches nothing of this object but the queued call, which runs on this
    // object's thread after the work, and never once the object is gone.
    std::unique_ptr<QThread> thread(QThread::create([this, id, work = std::move(work)] {
        std::function<void()> deliver = work();
        QMetaObject::invokeMethod(
            this,
            [this, id, deliver = std::move(deliver)] {
                join(id);
                deliver();
            },
            Qt::QueuedConnection);
    }));
    thread->setObjectName(QStringLiteral("seed reader"));
    thread->start();
    threads_.emplace(id, std::move(thread));
}

void SeedLoader::join(uint64_t id) {
    const auto it = threads_.find(id);
    if (it == threads_.end()) return;
    it->second->wait();  // its function is returning: at most a moment
    threads_.erase(it);
}

void SeedLoader::load(const Project& project) {
    const uint64_t generation = ++loadGeneration_;
    loading_ = true;
    spawn([this, project, generation]() -> std::function<void()> {
        std::shared_ptr<const Graph> seed;
        QString message;
        try {
            // A zoo seed takes its input shape and classes from the project's data.
            seed = std::make_shared<const Graph>(
                project.usesData() ? project.loadSeedAndTask().first : project.loadSeed());
        } catch (...) {
            message = messageOf(std::current_exception());
        }
        return [this, project, generation, seed, message] {
            if (generation != loadGeneration_) return;  // cancelled or replaced
            loading_ = false;
            if (seed)
                Q_EMIT seedLoaded(project, *seed);
            else
                Q_EMIT seedFailed(project, message);
        };
    });
}

void SeedLoader::cancelLoad() {
    ++loadGeneration_;
    loading_ = false;
}

void SeedLoader::list(const QString& file) {
    const uint64_t generation = ++listGeneration_;
    listing_ = true;
    spawn([this, file, generation]() -> std::function<void()> {
        QStringList paths;
        QList<qint64> params;
        QString message;
        try {
            for (const SubmoduleInfo& m : listSubmodules(file.toStdString())) {
                paths << QString::fromStdString(m.path);
                params << static_cast<qint64>(m.params);
            }
        } catch (...) {
            message = messageOf(std::current_exception());
        }
        const bool ok = message.isEmpty();
        return [this, file, generation, paths, params, message, ok] {
            if (generation != listGeneration_) return;  // another file since
            listing_ = false;
            if (ok)
                Q_EMIT submodulesListed(file, paths, params);
            else
                Q_EMIT listFailed(file, message);
        };
    });
}

void SeedLoader::cancelList() {
    ++listGeneration_;
    listing_ = false;
}

}  // namespace secateur::studio
