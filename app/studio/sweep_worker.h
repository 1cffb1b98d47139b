// Runs one sweep at a time (the trained seed, then every point of a budget) on its own QThread,
// in this process. The engine's events go into a mailbox the sweep page empties on a timer;
// stop is an atomic flag the engine reads between steps, and the run folder keeps everything
// finished, so a stopped sweep resumes where it stopped. Exceptions arrive as `failed`.
#pragma once

#include <QObject>
#include <QString>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/studio/engine_job.h"
#include "engine/project/project.h"
#include "engine/search/search.h"

namespace secateur::studio {

// What happened since the last take(): points started and finished, the newest snapshot of the
// running point, the engine's messages.
struct SweepEvents {
    std::vector<std::string> started, finished, messages;
    std::string current;  // the point running now ("seed" while the seed trains)
    std::map<std::string, Snapshot> latest;
};

class SweepWorker : public QObject {
    Q_OBJECT
public:
    explicit SweepWorker(QObject* parent = nullptr);  // destroying it stops a sweep and waits

    // Runs `budget` of `project` into `folder` (resume: continue what is there); false when a
    // sweep is already running. `threads` 0: one fewer than the machine's cores.
    bool start(const Project& project, const QString& folder, const QString& budget, bool resume,
               int threads = 0);
    void stop();
    bool isRunning() const;
    SweepEvents take();

Q_SIGNALS:
    // The sweep ended: every point finished, or it was stopped (`stopped`).
    void finished(const QString& folder, int finishedPoints, int totalPoints, bool stopped);
    void failed(const QString& message);

private:
    class Mailbox;

    std::shared_ptr<Mailbox> mailbox_;
    EngineJob job_{this};
};

}  // namespace secateur::studio
