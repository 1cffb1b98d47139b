#include "app/studio/sweep_page.h"

#include <QComboBox>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QUrl>
#include <QVBoxLayout>

#include "engine/cost/cost.h"
#include "engine/runs/run_folder.h"
#include "engine/runs/run_summary.h"
#include "engine/util/error.h"
#include "widgets/mask_timeline.h"
#include "widgets/network_view.h"
#include "widgets/pareto_view.h"
#include "widgets/sweep_table.h"

namespace secateur::studio {
namespace {

std::map<std::string, Budget> budgetsOf(const Project& project) {
    std::map<std::string, Budget> budgets = defaultBudgets();
    for (const auto& [name, b] : project.budgets) budgets[name] = b;
    return budgets;
}

std::vector<widgets::MaskFrame> replayFrames(const QString& file) {
    std::vector<widgets::MaskFrame> frames;
    for (const Snapshot& s : readSnapshotLog(file.toStdString()).snapshots)
        frames.push_back({s.step, QString::fromStdString(s.phase), s.decisions, s.layerCosts});
    return frames;
}

}  // namespace

SweepPage::SweepPage(QWidget* parent) : QWidget(parent) {
    budget_ = new QComboBox;
    budget_->setToolTip(
        tr("The project's budgets: how long the seed trains, which strengths and "
           "widths the sweep tries"));
    folderEdit_ = new QLineEdit;
    folderEdit_->setReadOnly(true);
    folderEdit_->setPlaceholderText(tr("no run folder open"));
    startButton_ = new QPushButton(tr("Start sweep"));
    resumeButton_ = new QPushButton(tr("Resume"));
    resumeButton_->setToolTip(tr("Continue the open run folder: finished points are kept"));
    stopButton_ = new QPushButton(tr("Stop"));
    reportButton_ = new QPushButton(tr("Open report"));
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Budget")));
    controls->addWidget(budget_);
    controls->addWidget(startButton_);
    controls->addWidget(resumeButton_);
    controls->addWidget(stopButton_);
    controls->addWidget(new QLabel(tr("Run folder")));
    controls->addWidget(folderEdit_, 1);
    controls->addWidget(reportButton_);
    status_ =
        new QLabel(tr("Start a sweep, or open a sweep's run folder (File > Open Run "
                      "Folder)"));
    status_->setWordWrap(true);

    table_ = new widgets::SweepTable;
    table_->setCostInfo(costCatalog());
    pareto_ = new widgets::ParetoView;
    pareto_->setCostInfo(costCatalog());
    network_ = new widgets::NetworkView;
    timeline_ = new widgets::MaskTimeline;
    pointTitle_ = new QLabel(tr("Click a point to see its architecture and replay its search"));
    pointTitle_->setWordWrap(true);
    auto* left = new QSplitter(Qt::Vertical);
    left->addWidget(table_);
    left->addWidget(pareto_);
    left->setStretchFactor(0, 1);
    left->setStretchFactor(1, 3);
    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(pointTitle_);
    rightLayout->addWidget(network_, 1);
    rightLayout->addWidget(timeline_);
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({560, 440});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(status_);
    layout->addWidget(split, 1);

    connect(startButton_, &QPushButton::clicked, this, [this] { start(false); });
    connect(resumeButton_, &QPushButton::clicked, this, [this] { start(true); });
    connect(stopButton_, &QPushButton::clicked, this, &SweepPage::stop);
    connect(reportButton_, &QPushButton::clicked, this, [this] {
        QDesktopServices::openUrl(
            QUrl::fromLocalFile(QDir(folder_).filePath(QStringLiteral("report.html"))));
    });
    connect(budget_, &QComboBox::currentTextChanged, this, [this] {
        if (!isRunning() && !state_.run) {
            const auto budgets = budgetsOf(project_);
            const auto it = budgets.find(budget().toStdString());
            state_.plan = it == budgets.end() ? std::vector<PointPlan>{} : planPoints(it->second);
            redraw();
        }
    });
    connect(table_, &widgets::SweepTable::pointClicked, this, &SweepPage::selectPoint);
    connect(pareto_, &widgets::ParetoView::pointClicked, this, &SweepPage::selectPoint);
    connect(
        timeline_, &widgets::MaskTimeline::frameChosen, this,
        [this](const widgets::MaskFrame& frame, bool) { network_->setDecisions(frame.decisions); });
    connect(&worker_, &SweepWorker::finished, this, &SweepPage::onFinished);
    connect(&worker_, &SweepWorker::failed, this, &SweepPage::onFailed);
    poll_.setInterval(250);
    connect(&poll_, &QTimer::timeout, this, &SweepPage::poll);
    watch_.setInterval(2000);
    connect(&watch_, &QTimer::timeout, this, &SweepPage::watchFolder);
    updateButtons();
}

void SweepPage::setProject(const Project& project, const QString& runsFolder) {
    project_ = project;
    runsFolder_ = runsFolder;
    const QString chosen = budget().isEmpty() ? QStringLiteral("demo") : budget();
    {
        const QSignalBlocker block(budget_);
        budget_->clear();
        for (const auto& [name, b] : budgetsOf(project_))
            budget_->addItem(QString::fromStdString(name));
    }
    setBudget(budget_->findText(chosen) >= 0 ? chosen : budget_->itemText(0));
}

QString SweepPage::budget() const {
    return budget_->currentText();
}

void SweepPage::setBudget(const QString& name) {
    const int index = budget_->findText(name);
    if (index < 0) return;
    if (index == budget_->currentIndex())
        Q_EMIT budget_->currentTextChanged(name);
    else
        budget_->setCurrentIndex(index);
}

bool SweepPage::openRun(const QString& folder) {
    if (isRunning()) {
        Q_EMIT errorOccurred(tr("A sweep is running"), tr("Stop it before opening another run."));
        return false;
    }
    const std::string dir = folder.toStdString();
    std::string budgetName;
    try {
        state_ = {};
        if (QFileInfo::exists(QDir(folder).filePath(QStringLiteral("seed.json")))) {
            SweepRun run = loadSweepRun(dir);
            state_.plan = run.plan;
            budgetName = run.budget;
            state_.run = std::move(run);
        } else {  // stopped while the seed trained: only the plan is known
            budgetName = sweepBudget(dir);
            const Project project =
                Project::load(QDir(folder).filePath(QStringLiteral("project.json")).toStdString());
            if (budgetName.empty() || !project.budgets.count(budgetName))
                throw Error("'" + dir +
                            "' is not a sweep's run folder (no seed.json or sweep.json)");
            state_.plan = planPoints(project.budgets.at(budgetName));
        }
    } catch (const std::exception& e) {
        Q_EMIT errorOccurred(tr("Cannot open the run %1").arg(folder),
                             QString::fromStdString(e.what()));
        return false;
    }
    folder_ = QFileInfo(folder).absoluteFilePath();
    folderEdit_->setText(folder_);
    watched_.clear();
    watchFolder();
    watch_.start();
    setBudget(QString::fromStdString(budgetName));
    selected_.clear();
    timeline_->setFrames({});
    network_->setDecisions({});
    const int done = state_.run ? static_cast<int>(state_.run->points.size()) : 0;
    status_->setText(!state_.run ? tr("The seed was still training when this sweep stopped; Resume "
                                      "continues it")
                     : state_.plan.empty() || done < static_cast<int>(state_.plan.size())
                         ? tr("%1 points finished; Resume continues the rest").arg(done)
                         : tr("All %1 points finished").arg(done));
    redraw();
    return true;
}

bool SweepPage::start(bool resume) {
    if (isRunning()) return false;
    Project project = project_;
    QString budgetName = budget();
    QString folder;
    if (resume) {
        if (folder_.isEmpty()) {
            Q_EMIT errorOccurred(tr("Nothing to resume"), tr("Open a sweep's run folder first."));
            return false;
        }
        folder = folder_;
        try {
            project =
                Project::load(QDir(folder).filePath(QStringLiteral("project.json")).toStdString());
        } catch (const std::exception& e) {
            Q_EMIT errorOccurred(tr("Cannot resume %1").arg(folder),
                                 QString::fromStdString(e.what()));
            return false;
        }
        if (state_.run && !state_.run->budget.empty())
            budgetName = QString::fromStdString(state_.run->budget);
    } else {
        const QString stamp =
            QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
        folder = QDir(runsFolder_).filePath(QStringLiteral("sweep-%1-%2").arg(budgetName, stamp));
        for (int n = 2; QFileInfo::exists(folder); ++n)
            folder = QDir(runsFolder_)
                         .filePath(QStringLiteral("sweep-%1-%2-%3").arg(budgetName, stamp).arg(n));
        state_ = {};
    }
    const auto budgets = budgetsOf(project);
    const auto it = budgets.find(budgetName.toStdString());
    if (it == budgets.end()) {
        Q_EMIT errorOccurred(tr("Unknown budget"),
                             tr("The project has no budget '%1'.").arg(budgetName));
        return false;
    }
    state_.plan = planPoints(it->second);
    state_.current.clear();
    state_.latest.clear();
    state_.failure.clear();
    if (!worker_.start(project, folder, budgetName, resume)) return false;
    running_ = true;
    watch_.stop();
    state_.elsewhere.clear();
    folder_ = QDir(folder).absolutePath();
    folderEdit_->setText(folder_);
    status_->setText(tr("Training the seed (cached once per project and budget)…"));
    poll_.start();
    redraw();
    Q_EMIT runningChanged(true);
    return true;
}

void SweepPage::stop() {
    if (!isRunning()) return;
    worker_.stop();
    status_->setText(tr("Stopping after the current step…"));
    stopButton_->setEnabled(false);
}

void SweepPage::poll() {
    SweepEvents events = worker_.take();
    const bool seedDone = !state_.run && !events.current.empty() && events.current != kSeedPoint;
    state_.current = events.current;
    for (auto& [point, snapshot] : events.latest) state_.latest[point] = std::move(snapshot);
    if (!events.messages.empty()) status_->setText(QString::fromStdString(events.messages.back()));
    if (!events.finished.empty() || seedDone) {
        reload();
        return;
    }
    if (!events.started.empty() && events.current != kSeedPoint)
        status_->setText(tr("Running %1").arg(QString::fromStdString(events.current)));
    redraw();
    if (selected_ == QString::fromStdString(state_.current)) {
        if (const auto it = state_.latest.find(state_.current); it != state_.latest.end())
            network_->setDecisions(it->second.decisions);
    }
}

void SweepPage::watchFolder() {
    if (running_ || folder_.isEmpty()) return;
    const QString signature = folderSignature(folder_);
    if (signature == watched_) return;
    watched_ = signature;
    reload();
    state_.elsewhere.clear();
    for (auto& [name, snapshot] : runningElsewhere(folder_, state_.run ? &*state_.run : nullptr)) {
        state_.elsewhere.insert(name);
        state_.latest[name] = std::move(snapshot);
    }
    redraw();
}

void SweepPage::reload() {
    if (QFileInfo::exists(QDir(folder_).filePath(QStringLiteral("seed.json")))) {
        try {
            SweepRun run = loadSweepRun(folder_.toStdString());
            if (!run.plan.empty()) state_.plan = run.plan;
            state_.run = std::move(run);
        } catch (const std::exception& e) {
            status_->setText(QString::fromStdString(e.what()));
        }
    }
    redraw();
}

void SweepPage::redraw() {
    const std::string metric = state_.run ? state_.run->metric : "accuracy";
    const QString label = QString::fromStdString(metricLabel(metric));
    table_->setMetric(label, state_.run && state_.run->lowerIsBetter);
    table_->setRows(sweepRows(state_));
    pareto_->setMetricName(label, state_.run && state_.run->lowerIsBetter);
    for (const CostInfo& cost : costCatalog())
        pareto_->setCostLimit(QString::fromStdString(cost.name),
                              state_.run ? limitOn(state_.run->limits, cost.name) : 0.0);
    pareto_->setPoints(state_.run ? sweepParetoPoints(*state_.run)
                                  : std::vector<widgets::ParetoPoint>{});
    pareto_->setSelected(selected_);
    table_->setSelected(selected_);
    updateButtons();
}

void SweepPage::updateButtons() {
    const bool running = isRunning();
    const bool complete =
        state_.run && !state_.plan.empty() && state_.run->points.size() >= state_.plan.size();
    startButton_->setEnabled(!running);
    budget_->setEnabled(!running);
    resumeButton_->setEnabled(!running && !folder_.isEmpty() && !complete);
    stopButton_->setEnabled(running);
    reportButton_->setEnabled(!folder_.isEmpty() && QFileInfo::exists(QDir(folder_).filePath(
                                                        QStringLiteral("report.html"))));
}

void SweepPage::selectPoint(const QString& name) {
    selected_ = name;
    table_->setSelected(name);
    pareto_->setSelected(name);
    if (name == QLatin1String(kSeedPoint)) {
        network_->setDecisions({});
        timeline_->setFrames({});
        pointTitle_->setText(
            tr("The trained seed: every channel of the seed network, trained "
               "with the budget's seed epochs; each point starts from it."));
        return;
    }
    const QDir dir(folder_);
    const QString pointFile = dir.filePath(QStringLiteral("points/%1.json").arg(name));
    timeline_->setFrames(
        replayFrames(dir.filePath(QStringLiteral("snapshots/%1.jsonl").arg(name))));
    if (QFileInfo::exists(pointFile)) {
        try {
            const RunSummary summary = loadRunSummary(pointFile.toStdString());
            network_->setDecisions(summary.decisions);
            pointTitle_->setText(tr("%1: the exported network; drag the timeline to replay its "
                                    "training")
                                     .arg(name));
        } catch (const std::exception& e) {
            pointTitle_->setText(QString::fromStdString(e.what()));
        }
    } else if (!timeline_->frames().empty()) {
        network_->setDecisions(timeline_->frames().back().decisions);
        pointTitle_->setText(tr("%1: not finished; its newest snapshot").arg(name));
    } else {
        network_->setDecisions({});
        pointTitle_->setText(tr("%1 has not started").arg(name));
    }
}

void SweepPage::onFinished(const QString& folder, int finished, int total, bool stopped) {
    poll_.stop();
    running_ = false;
    poll();
    state_.current.clear();
    reload();
    status_->setText(stopped ? tr("Stopped: %1 of %2 points finished; Resume continues the rest")
                                   .arg(finished)
                                   .arg(total)
                             : tr("Sweep finished: %1 of %2 points").arg(finished).arg(total));
    updateButtons();
    Q_EMIT runningChanged(false);
    Q_EMIT sweepEnded(folder, !stopped && finished == total);
}

void SweepPage::onFailed(const QString& message) {
    poll_.stop();
    running_ = false;
    state_.failure = message.toStdString();
    reload();
    status_->setText(tr("The sweep stopped with an error; fix it and press Resume"));
    updateButtons();
    Q_EMIT runningChanged(false);
    Q_EMIT errorOccurred(tr("The sweep stopped with an error"), message);
}

}  // namespace secateur::studio
