#include "app/studio/seed_loader.h"

#include <exception>
#include <memory>
#include <optional>
#include <utility>

#include "engine/import/torchscript_import.h"
#include "engine/search/search.h"

namespace secateur::studio {
namespace {

// The first limit `seed` cannot meet under `search` (its cost and the engine's message), if any.
std::optional<std::pair<QString, QString>> unreachableLimit(const Graph& seed,
                                                            const SearchOptions& search) {
    for (const Limit& limit : search.limits) {
        SearchOptions one = search;
        one.limits = {limit};
        try {
            checkSearchable(seed, one);
        } catch (const std::exception& e) {
            return std::pair{QString::fromStdString(limit.cost), QString::fromUtf8(e.what())};
        }
    }
    return std::nullopt;
}

}  // namespace

SeedLoader::SeedLoader(QObject* parent) : QObject(parent) {}

SeedLoader::~SeedLoader() = default;

void SeedLoader::load(const Project& project) {
    const uint64_t generation = ++loadGeneration_;
    loading_ = true;
    jobs_.spawn(
        QStringLiteral("seed reader"), [this, project, generation]() -> std::function<void()> {
            std::shared_ptr<const Graph> seed;
            QString message;
            std::optional<std::pair<QString, QString>> unreachable;
            try {
                // A zoo seed takes its input shape and classes from the project's data.
                seed = std::make_shared<const Graph>(
                    project.usesData() ? project.loadSeedAndTask().first : project.loadSeed());
                unreachable = unreachableLimit(*seed, project.search);  // off the window's thread
            } catch (...) {
                message = errorMessage(std::current_exception());
                seed.reset();
            }
            return [this, project, generation, seed, message, unreachable] {
                if (generation != loadGeneration_) return;  // cancelled or replaced
                loading_ = false;
                if (!seed)
                    Q_EMIT seedFailed(project, message);
                else if (unreachable)
                    Q_EMIT limitUnreachable(project, unreachable->first, unreachable->second);
                else
                    Q_EMIT seedLoaded(project, *seed);
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
