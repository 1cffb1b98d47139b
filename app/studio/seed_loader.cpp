#include "app/studio/seed_loader.h"

#include <exception>
#include <memory>

#include "engine/import/torchscript_import.h"

namespace secateur::studio {

SeedLoader::SeedLoader(QObject* parent) : QObject(parent) {}

SeedLoader::~SeedLoader() = default;

void SeedLoader::load(const Project& project) {
    const uint64_t generation = ++loadGeneration_;
    loading_ = true;
    jobs_.spawn(
        QStringLiteral("seed reader"), [this, project, generation]() -> std::function<void()> {
            std::shared_ptr<const Graph> seed;
            QString message;
            try {
                // A zoo seed takes its input shape and classes from the project's data.
                seed = std::make_shared<const Graph>(
                    project.usesData() ? project.loadSeedAndTask().first : project.loadSeed());
            } catch (...) {
                message = errorMessage(std::current_exception());
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
    jobs_.spawn(QStringLiteral("submodule lister"),
                [this, file, generation]() -> std::function<void()> {
                    QStringList paths;
                    QList<qint64> params;
                    QString message;
                    try {
                        for (const SubmoduleInfo& m : listSubmodules(file.toStdString())) {
                            paths << QString::fromStdString(m.path);
                            params << static_cast<qint64>(m.params);
                        }
                    } catch (...) {
                        message = errorMessage(std::current_exception());
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
