#include "app/studio/run_panel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include "engine/runs/seed_training.h"
#include "widgets/run_progress.h"

namespace secateur::studio {

RunPanel::RunPanel(QWidget* parent)
    : QWidget(parent),
      progress_(new widgets::RunProgress(this)),
      start_(new QPushButton(tr("Start"), this)),
      pause_(new QPushButton(tr("Pause"), this)),
      stop_(new QPushButton(tr("Stop"), this)),
      importRow_(new QWidget(this)),
      importBar_(new QProgressBar(importRow_)) {
    pause_->setToolTip(tr("Hold the search between two steps; Resume continues exactly"));
    start_->setDefault(true);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(start_);
    buttons->addWidget(pause_);
    buttons->addWidget(stop_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    importBar_->setRange(0, 0);  // busy: an import reports no progress
    importBar_->setTextVisible(false);
    importBar_->setMaximumHeight(12);
    importBar_->setObjectName(QStringLiteral("import_progress"));
    auto* importLayout = new QHBoxLayout(importRow_);
    importLayout->setContentsMargins(0, 0, 0, 0);
    importLayout->addWidget(new QLabel(tr("Reading the seed network…"), importRow_));
    importLayout->addWidget(importBar_, 1);
    importRow_->hide();
    layout->addLayout(buttons);
    layout->addWidget(importRow_);
    layout->addWidget(progress_);

    connect(start_, &QPushButton::clicked, this, &RunPanel::startRequested);
    connect(pause_, &QPushButton::clicked, this, [this] { isPaused() ? resume() : pause(); });
    connect(stop_, &QPushButton::clicked, this, &RunPanel::stop);
    timer_.setInterval(50);
    connect(&timer_, &QTimer::timeout, this, &RunPanel::poll);
    connect(&worker_, &SearchWorker::finished, this, [this](const QString& folder) {
        poll();
        timer_.stop();
        running_ = false;
        progress_->setState(progress_->state() == widgets::RunState::Stopping
                                ? widgets::RunState::Stopped
                                : widgets::RunState::Finished);
        updateButtons();
        Q_EMIT runningChanged(false);
        Q_EMIT finished(folder);
    });
    connect(&worker_, &SearchWorker::stoppedBeforeSearch, this, [this] {
        poll();
        timer_.stop();
        running_ = false;
        progress_->setState(widgets::RunState::StoppedWhileSeedTrained);
        updateButtons();
        Q_EMIT runningChanged(false);
    });
    connect(&worker_, &SearchWorker::failed, this, [this](const QString& message) {
        timer_.stop();
        running_ = false;
        progress_->setState(widgets::RunState::Failed);
        updateButtons();
        Q_EMIT runningChanged(false);
        Q_EMIT failed(message);
    });
    updateButtons();
}

bool RunPanel::start(const Project& project, const Graph& seed, const QString& runFolder) {
    if (running_ || !worker_.start(project, seed, runFolder, threads_)) return false;
    running_ = true;
    const SearchOptions& o = project.search;
    const Budget* seedBudget = singleSearchSeedBudget(project);  // the seed trains as the warm-up
    progress_->reset(seedBudget ? seedBudget->seedEpochs : o.warmupEpochs, o.searchEpochs,
                     o.finetuneEpochs);
    progress_->setState(widgets::RunState::Running);
    delivered_ = 0;
    elapsed_.start();
    timer_.start();
    updateButtons();
    Q_EMIT runningChanged(true);
    return true;
}

void RunPanel::pause() {
    if (!isRunning()) return;
    worker_.pause();
    progress_->setState(widgets::RunState::Paused);
    updateButtons();
}

void RunPanel::resume() {
    if (!isRunning()) return;
    worker_.resume();
    progress_->setState(widgets::RunState::Running);
    updateButtons();
}

void RunPanel::setImporting(bool importing) {
    importing_ = importing;
    importRow_->setVisible(importing);
    updateButtons();
}

void RunPanel::stop() {
    if (importing_) {
        Q_EMIT importCancelRequested();
        return;
    }
    if (!isRunning()) return;
    worker_.stop();
    progress_->setState(widgets::RunState::Stopping);
    updateButtons();
}

void RunPanel::setStartable(bool startable) {
    startable_ = startable;
    updateButtons();
}

widgets::RunState RunPanel::state() const {
    return progress_->state();
}

QString RunPanel::stateText() const {
    return progress_->stateText();
}

void RunPanel::poll() {
    for (const Snapshot& s : worker_.takeEpochs()) Q_EMIT epoch(s);
    if (const std::optional<Snapshot> s = worker_.takeStep()) {
        progress_->setSnapshot(*s, static_cast<double>(elapsed_.elapsed()) / 1000.0);
        ++delivered_;
        Q_EMIT step(*s);
    }
}

void RunPanel::updateButtons() {
    const bool running = isRunning();
    start_->setEnabled(!running && !importing_ && startable_);
    start_->setToolTip(importing_   ? tr("The seed is being read; the search starts after it")
                       : startable_ ? tr("Search the project's seed with these settings (Ctrl+R)")
                                    : tr("Fix the fields marked in red first"));
    pause_->setEnabled(running);
    pause_->setText(isPaused() ? tr("Resume") : tr("Pause"));
    stop_->setEnabled(importing_ || (running && progress_->state() != widgets::RunState::Stopping));
    stop_->setToolTip(importing_ ? tr("Stop reading the seed; no search starts")
                                 : tr("End the search now: a checkpoint is written and the network "
                                      "found so far is kept as a stopped run"));
}

}  // namespace secateur::studio
