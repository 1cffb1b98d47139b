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
#include <cstdint>
#include <functional>

#include "app/studio/background_jobs.h"
#include "engine/graph/ir.h"
#include "engine/project/project.h"

namespace secateur::studio {

class SeedLoader : public QObject {
    Q_OBJECT
public:
    explicit SeedLoader(QObject* parent = nullptr);
    ~SeedLoader() override;  // waits for the threads still reading

    // Imports project.loadSeed() and checks that its limits can be met; `seedLoaded`,
    // `limitUnreachable` or `seedFailed` follows unless a newer load() or cancelLoad() comes first.
    void load(const Project& project);
    void cancelLoad();
    bool isLoading() const { return loading_; }

    // Lists the submodules of the TorchScript file `file`; `submodulesListed` or `listFailed`
    // follows unless a newer list() or cancelList() comes first.
    void list(const QString& file);
    void cancelList();
    bool isListing() const { return listing_; }

    // Threads started and not yet joined (stale ones included).
    int threadCount() const { return jobs_.count(); }

Q_SIGNALS:
    void seedLoaded(const secateur::Project& project, const secateur::Graph& seed);
    void seedFailed(const secateur::Project& project, const QString& message);
    // The seed loaded, but even the smallest network the search can reach breaks the limit on
    // `cost` (each limit checked alone, so the message belongs to one field).
    void limitUnreachable(const secateur::Project& project, const QString& cost,
                          const QString& message);
    void submodulesListed(const QString& file, const QStringList& paths,
                          const QList<qint64>& params);
    void listFailed(const QString& file, const QString& message);

private:
    BackgroundJobs jobs_{this};
    uint64_t loadGeneration_ = 0;
    uint64_t listGeneration_ = 0;
    bool loading_ = false;
    bool listing_ = false;
};

}  // namespace secateur::studio
