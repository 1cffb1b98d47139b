// Runs one search at a time on its own QThread. The engine publishes snapshots into a mailbox that
// the window empties on a timer, so the event queue cannot flood; pause and stop are atomic flags
// the engine reads between steps. Exceptions never leave the worker: they arrive as `failed`.
#pragma once

#include <QObject>
#include <QString>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "app/studio/engine_job.h"
#include "engine/project/project.h"
#include "engine/runs/run_summary.h"
#include "engine/search/search.h"

namespace secateur::studio {

class SearchWorker : public QObject {
    Q_OBJECT
public:
    explicit SearchWorker(QObject* parent = nullptr);  // destroying it stops a search and waits

    // Searches `seed` (the project's, already loaded) with the project's settings, from the
    // trained seed when the project has a "demo" budget (searchFromTrainedSeed), writing the
    // run into `runFolder`; false when a search is already running. `threads` 0: one fewer than
    // the machine's cores (leaves one for the interface).
    bool start(const Project& project, const Graph& seed, const QString& runFolder,
               int threads = 0);
    void pause();
    void resume();
    void stop();  // the engine writes a checkpoint, then the run ends as stopped
    bool isRunning() const;
    bool isPaused() const;

    // The newest step snapshot since the last call, if any.
    std::optional<Snapshot> takeStep();
    // Every epoch snapshot since the last call, oldest first.
    std::vector<Snapshot> takeEpochs();

Q_SIGNALS:
    void finished(const QString& runFolder);  // the run folder holds summary.json
    // Stopped while the seed trained: no run yet; the next start continues the seed's training.
    void stoppedBeforeSearch();
    void failed(const QString& message);

private:
    class Mailbox;

    std::shared_ptr<Mailbox> mailbox_;
    EngineJob job_{this};
};

}  // namespace secateur::studio
