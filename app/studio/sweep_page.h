// The sweep tab: start, stop and resume a sweep of the project's budget, watch each point's
// progress, and read the result as a Pareto chart (the trained seed, the width baselines, the
// searches; validation or test metric). Clicking a point shows its architecture and replays its
// search from the run folder's snapshots, so runs of earlier sessions replay too.
#pragma once

#include <QString>
#include <QTimer>
#include <QWidget>

#include "app/studio/sweep_rows.h"
#include "app/studio/sweep_worker.h"
#include "engine/project/project.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace secateur::widgets {
class MaskTimeline;
class NetworkView;
class ParetoView;
class SweepTable;
}  // namespace secateur::widgets

namespace secateur::studio {

class SweepPage : public QWidget {
    Q_OBJECT
public:
    explicit SweepPage(QWidget* parent = nullptr);

    // The project a new sweep runs, and the folder new run folders go in (one per start,
    // named after the budget and the time).
    void setProject(const Project& project, const QString& runsFolder);
    // Shows what `folder` holds and makes it the folder Resume continues; false (and
    // `errorOccurred`) when it is not a sweep's run folder. While it is open and this page runs
    // nothing, the page follows what another process (`secateur search`) writes into it.
    bool openRun(const QString& folder);
    // Starts the budget chosen into a new folder, or (resume) continues the open folder.
    bool start(bool resume);
    void stop();
    // From start() until the page has taken in the sweep's end.
    bool isRunning() const { return running_; }

    QString folder() const { return folder_; }
    QString budget() const;
    void setBudget(const QString& name);
    QString selectedPoint() const { return selected_; }
    void selectPoint(const QString& name);
    const SweepState& state() const { return state_; }
    widgets::SweepTable* table() const { return table_; }
    widgets::ParetoView* pareto() const { return pareto_; }
    widgets::NetworkView* networkView() const { return network_; }
    widgets::MaskTimeline* timeline() const { return timeline_; }
    QLabel* statusLabel() const { return status_; }
    // How often an open folder another process writes is read again (2 s by default).
    void setWatchInterval(int milliseconds) { watch_.setInterval(milliseconds); }

Q_SIGNALS:
    void errorOccurred(const QString& title, const QString& text);
    void runningChanged(bool running);
    // A sweep ended (finished or stopped); the folder holds what it finished.
    void sweepEnded(const QString& folder, bool complete);

private:
    void poll();
    // An open folder another process writes to (`secateur search`): read again when it changed.
    void watchFolder();
    void reload();  // reads the folder again and redraws
    void redraw();
    void updateButtons();
    void onFinished(const QString& folder, int finished, int total, bool stopped);
    void onFailed(const QString& message);

    Project project_;
    QString runsFolder_, folder_, selected_;
    SweepState state_;
    bool running_ = false;
    SweepWorker worker_;
    QTimer poll_, watch_;
    QString watched_;  // the modification times the folder had when last read

    QComboBox* budget_ = nullptr;
    QLineEdit* folderEdit_ = nullptr;
    QPushButton* startButton_ = nullptr;
    QPushButton* resumeButton_ = nullptr;
    QPushButton* stopButton_ = nullptr;
    QPushButton* reportButton_ = nullptr;
    QLabel* status_ = nullptr;
    QLabel* pointTitle_ = nullptr;
    widgets::SweepTable* table_ = nullptr;
    widgets::ParetoView* pareto_ = nullptr;
    widgets::NetworkView* network_ = nullptr;
    widgets::MaskTimeline* timeline_ = nullptr;
};

}  // namespace secateur::studio
