// Start, Pause/Resume and Stop, the run's progress (or a busy bar while the seed is read before
// it), and the timer that pulls the worker's newest snapshot about 20 times a second and hands it
// to the views.
#pragma once

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

#include "app/studio/search_worker.h"
#include "widgets/run_progress.h"

class QLabel;
class QProgressBar;
class QPushButton;

namespace secateur::studio {

class RunPanel : public QWidget {
    Q_OBJECT
public:
    explicit RunPanel(QWidget* parent = nullptr);

    bool start(const Project& project, const Graph& seed, const QString& runFolder);
    void pause();
    void resume();
    // Stops the run; while the seed is read, asks for that to be abandoned (importCancelRequested).
    void stop();
    // While the seed is read before a run: a busy bar, Start disabled, Stop abandons the import.
    void setImporting(bool importing);
    bool isImporting() const { return importing_; }
    // Until the run's end has reached the window (its folder handed on with `finished`).
    bool isRunning() const { return running_; }
    bool isPaused() const { return running_ && worker_.isPaused(); }
    // LibTorch threads for the next searches (0: one fewer than the machine's cores).
    void setThreads(int threads) { threads_ = threads; }
    // Whether Start is offered (the project is valid).
    void setStartable(bool startable);
    // Snapshots handed to the views so far in this run.
    int64_t deliveredSnapshots() const { return delivered_; }
    widgets::RunState state() const;
    QString stateText() const;  // runStateText(state()): "Running", "Finished", "Stopped"
    SearchWorker& worker() { return worker_; }

    QPushButton* startButton() const { return start_; }
    QPushButton* pauseButton() const { return pause_; }
    QPushButton* stopButton() const { return stop_; }
    QProgressBar* importBar() const { return importBar_; }

Q_SIGNALS:
    void startRequested();
    void importCancelRequested();
    void step(const secateur::Snapshot& snapshot);
    void epoch(const secateur::Snapshot& snapshot);
    void finished(const QString& runFolder);
    void failed(const QString& message);
    void runningChanged(bool running);

private:
    void poll();
    void updateButtons();

    SearchWorker worker_;
    QTimer timer_;
    QElapsedTimer elapsed_;
    widgets::RunProgress* progress_;
    QPushButton* start_;
    QPushButton* pause_;
    QPushButton* stop_;
    QWidget* importRow_;
    QProgressBar* importBar_;
    bool startable_ = true;
    bool running_ = false;
    bool importing_ = false;
    int threads_ = 0;
    int64_t delivered_ = 0;
};

}  // namespace secateur::studio
