// Reads seeds off the window's thread: the import of the project's seed before a search, and the
// list of a TorchScript file's submodules for the keep-whole list. Each request runs on a thread
// of its own; its result comes back as a signal on this object's thread, and only for the newest
// request of its kind: a newer request, or cancelLoad(), makes an older result stale and it is
// dropped. Neither LibTorch call can be interrupted, so stale threads run to their end; the
// destructor waits for them.
#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>

#include "engine/graph/ir.h"
#include "engine/project/project.h"

namespace secateur::studio {

class SeedLoader : public QObject {
    Q_OBJECT
public:
    explicit SeedLoader(QObject* parent = nullptr);
    ~SeedLoader() override;  // waits for the threads still reading

    // Imports project.loadSeed(); `seedLoaded` or `seedFailed` follows unless a newer load() or
    // cancelLoad() comes first.
    void load(const Project& project);
    void cancelLoad();
    bool isLoading() const { return loading_; }

    // Lists the submodules of the TorchScript file `file`; `submodulesListed` or `listFailed`
    // follows unless a newer list() or cancelList() comes first.
    void list(const QString& file);
    void cancelList();
    bool isListing() const { return listing_; }

    // Threads started and not yet joined (stale ones included).
    int threadCount() const { return static_cast<int>(threads_.size()); }

Q_SIGNALS:
    void seedLoaded(const secateur::Project& project, const secateur::Graph& seed);
    void seedFailed(const secateur::Project& project, const QString& message);
    void submodulesListed(const QString& file, const QStringList& paths,
                          const QList<qint64>& params);
    void listFailed(const QString& file, const QString& message);

private:
    // Runs `work` on a new thread; the function it returns then runs on this object's thread.
    void spawn(std::function<std::function<void()>()> work);
    void join(uint64_t id);

    std::map<uint64_t, std::unique_ptr<QThread>> threads_;
    uint64_t nextThread_ = 0;
    uint64_t loadGeneration_ = 0;
    uint64_t listGeneration_ = 0;
    bool loading_ = false;
    bool listing_ = false;
};

}  // namespace secateur::studio
