#include "app/studio/main_window.h"

#include <QComboBox>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <map>
#include <utility>

#include "app/studio/data_page.h"
#include "app/studio/run_costs.h"
#include "app/studio/run_panel.h"
#include "app/studio/sweep_page.h"
#include "engine/cost/cost.h"
#include "engine/data/dataset.h"
#include "engine/report/report.h"
#include "engine/search/task.h"
#include "engine/target/target.h"
#include "engine/zoo/zoo.h"
#include "widgets/compare_view.h"
#include "widgets/layer_table.h"
#include "widgets/limit_gauges.h"
#include "widgets/mask_view.h"
#include "widgets/memory_timeline.h"
#include "widgets/network_view.h"
#include "widgets/pareto_view.h"
#include "widgets/project_panel.h"
#include "widgets/training_curves.h"

namespace secateur::studio {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("Secateur Studio"));
    resize(1400, 900);
    buildViews();
    buildMenus();
    connectSeedLoader();
    connect(&document_, &ProjectDocument::changed, this, &MainWindow::documentChanged);
    autosave_.setInterval(60 * 1000);
    connect(&autosave_, &QTimer::timeout, this, [this] {
        try {
            document_.writeAutosave();
        } catch (const std::exception& e) {
            statusBar()->showMessage(tr("Autosave failed: %1").arg(e.what()), 10000);
        }
    });
    autosave_.start();
    statusBar()->showMessage(tr("Ready: press Start to search the project's seed"));
}

MainWindow::~MainWindow() = default;

QWidget* MainWindow::explained(QWidget* view, const QString& explanation) {
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    auto* note = new QLabel(explanation, page);
    note->setWordWrap(true);
    note->setStyleSheet(QStringLiteral("color: palette(mid); padding: 2px 4px;"));
    layout->addWidget(note);
    layout->addWidget(view, 1);
    return page;
}

void MainWindow::buildViews() {
    projectPanel_ = new widgets::ProjectPanel;
    QStringList names, descriptions;
    for (const ZooEntry& e : zooModels()) {
        names << QString::fromStdString(e.name);
        descriptions << QString::fromStdString(e.description);
    }
    projectPanel_->setZooModels(names, descriptions);
    QStringList tasks{QStringLiteral("synthetic")};
    for (const DatasetInfo& d : datasetList()) tasks << QString::fromStdString(d.name);
    projectPanel_->setTasks(tasks);
    projectPanel_->setCosts(costCatalog());
    projectPanel_->setDimensions(dimensionCatalog());
    projectPanel_->setTargets(targetCatalog());
    runPanel_ = new RunPanel;
    auto* side = new QWidget;
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->addWidget(projectPanel_, 1);
    sideLayout->addWidget(runPanel_);
    auto* dock = new QDockWidget(tr("Project"), this);
    dock->setObjectName(QStringLiteral("projectDock"));
    dock->setFeatures(QDockWidget::DockWidgetMovable);
    dock->setWidget(side);
    addDockWidget(Qt::LeftDockWidgetArea, dock);

    maskView_ = new widgets::MaskView;
    networkView_ = new widgets::NetworkView;
    auto* maskScroll = new QScrollArea;
    maskScroll->setWidget(maskView_);
    maskScroll->setWidgetResizable(true);
    auto* liveSplit = new QSplitter(Qt::Vertical);
    liveSplit->addWidget(networkView_);
    liveSplit->addWidget(maskScroll);
    liveSplit->setStretchFactor(1, 3);
    liveBanner_ = new QLabel;
    followButton_ = new QPushButton(tr("Follow the running search"));
    auto* bannerRow = new QHBoxLayout;
    bannerRow->addWidget(liveBanner_, 1);
    bannerRow->addWidget(followButton_);
    auto* live = new QWidget;
    auto* liveLayout = new QVBoxLayout(live);
    liveLayout->setContentsMargins(0, 0, 0, 0);
    timeline_ = new widgets::MaskTimeline;
    gauges_ = new widgets::LimitGauges;
    liveLayout->addLayout(bannerRow);
    liveLayout->addWidget(gauges_);
    liveLayout->addWidget(liveSplit, 1);
    liveLayout->addWidget(timeline_);
    connect(followButton_, &QPushButton::clicked, this, [this] {
        followLive(true);
        timeline_->choose(timeline_->frameCount() - 1);
    });
    connect(timeline_, &widgets::MaskTimeline::frameChosen, this,
            [this](const widgets::MaskFrame& frame, bool newest) {
                showArchitecture(frame.decisions, frame.layerCosts);
                if (newest && runPanel_->isRunning()) {
                    followLive(true);
                    return;
                }
                followingLive_ = false;
                followButton_->setVisible(runPanel_->isRunning());
                liveBanner_->setText(tr("Replaying step %1 (%2)%3")
                                         .arg(frame.step)
                                         .arg(frame.phase)
                                         .arg(selectedRun_.isEmpty() || runPanel_->isRunning()
                                                  ? QString()
                                                  : tr(" of run %1").arg(selectedRun_)));
            });

    curves_ = new widgets::TrainingCurves;
    memory_ = new widgets::MemoryTimeline;
    layerTable_ = new widgets::LayerTable;
    layerTable_->setCostInfo(costCatalog());
    paretoView_ = new widgets::ParetoView;
    paretoView_->setCostInfo(costCatalog());
    runsTree_ = new QTreeWidget;
    runsTree_->setHeaderLabels(QStringList{tr("Run"), tr("Status"), tr("Accuracy")}
                               << runCostColumns() << tr("Strength"));
    runsTree_->setRootIsDecorated(false);
    runsTree_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto* paretoSplit = new QSplitter(Qt::Vertical);
    paretoSplit->addWidget(paretoView_);
    paretoSplit->addWidget(runsTree_);
    paretoSplit->setStretchFactor(0, 3);

    compareView_ = new widgets::CompareView;
    compareView_->setCostInfo(costCatalog());
    compareView_->setMetricLabel(
        [](const std::string& metric) { return QString::fromStdString(metricLabel(metric)); });
    compareLeft_ = new QComboBox;
    compareRight_ = new QComboBox;
    auto* compareRow = new QHBoxLayout;
    compareRow->addWidget(compareLeft_, 1);
    compareRow->addWidget(new QLabel(tr("against")));
    compareRow->addWidget(compareRight_, 1);
    auto* compare = new QWidget;
    auto* compareLayout = new QVBoxLayout(compare);
    compareLayout->setContentsMargins(0, 0, 0, 0);
    compareLayout->addLayout(compareRow);
    compareLayout->addWidget(compareView_, 1);

    sweepPage_ = new SweepPage;
    dataPage_ = new DataPage;
    const std::map<StudioTab, std::pair<QWidget*, QString>> pages{
        {StudioTab::Live,
         {live, tr("Each layer's output channels carry a trainable mask. As the search trades "
                   "accuracy against cost, masks of unneeded channels fall towards 0 and those "
                   "channels are pruned: watch the network get thinner.")}},
        {StudioTab::Curves,
         {curves_, tr("Task loss (how wrong the network is), cost term (strength × cost "
                      "relative to the seed), validation accuracy and the costs, step by step. "
                      "Drag to pan, wheel to zoom, double-click to fit.")}},
        {StudioTab::Layers,
         {layerTable_, tr("Every conv and linear layer with its kept channels, kernel, dilation "
                          "and what it costs. Click a header to sort; select a row to find the "
                          "layer elsewhere.")}},
        {StudioTab::Pareto,
         {paretoSplit, tr("Every finished run is a point. The Pareto front joins the runs no "
                          "other run beats on both accuracy and cost. Click a point to inspect "
                          "its architecture.")}},
        {StudioTab::Memory,
         {memory_, tr("Activation memory live at each step of one inference, in the order the "
                      "layers run: a residual branch holds its buffer until it is added back, "
                      "in-place activations reuse theirs. The tallest bar is the peak RAM the "
                      "limit applies to.")}},
        {StudioTab::Compare,
         {compare, tr("Two architectures side by side: kept channels per layer mirrored around "
                      "the layer names, and how cost and accuracy differ.")}},
        {StudioTab::Sweep,
         {sweepPage_, tr("A sweep trains the seed once, then searches it at several strengths "
                         "and trains narrower copies of it (width scaling) for the same epochs: "
                         "the Pareto chart shows what the search buys over shrinking every layer "
                         "alike.")}},
        {StudioTab::Data,
         {dataPage_, tr("The project's dataset: its splits, how many samples of each class they "
                        "hold, and one sample as the network sees it.")}}};
    tabs_ = new QTabWidget;
    tabs_->setDocumentMode(true);
    for (const StudioTabName& tab : kStudioTabs) {
        const auto& [view, explanation] = pages.at(tab.tab);
        QWidget* page = explained(view, explanation);
        tabPages_[tab.tab] = page;
        tabs_->addTab(page, studioTabTitle(tab.tab));
    }
    setCentralWidget(tabs_);
    connect(sweepPage_, &SweepPage::errorOccurred, this, &MainWindow::reportError);
    connect(dataPage_, &DataPage::folderChosen, this, &MainWindow::useDataFolder);
    connect(sweepPage_, &SweepPage::runningChanged, this, [this] { updateEditable(); });
    connect(&document_, &ProjectDocument::changed, this, &MainWindow::projectToPages);

    connect(projectPanel_, &widgets::ProjectPanel::changed, this, &MainWindow::projectEdited);
    connect(projectPanel_, &widgets::ProjectPanel::validityChanged, runPanel_,
            &RunPanel::setStartable);
    connect(runPanel_, &RunPanel::startRequested, this, &MainWindow::startSearch);
    connect(runPanel_, &RunPanel::step, this, &MainWindow::onStep);
    connect(runPanel_, &RunPanel::epoch, this, &MainWindow::onEpoch);
    connect(runPanel_, &RunPanel::finished, this, &MainWindow::onFinished);
    connect(runPanel_, &RunPanel::failed, this, &MainWindow::onFailed);
    connect(runPanel_, &RunPanel::importCancelRequested, this, &MainWindow::cancelSeedImport);
    connect(runPanel_, &RunPanel::runningChanged, this, [this] {
        updateEditable();
        if (followingLive_) followLive(true);
    });
    connect(maskView_, &widgets::MaskView::layerClicked, this, &MainWindow::selectLayer);
    connect(networkView_, &widgets::NetworkView::layerClicked, this, &MainWindow::selectLayer);
    connect(layerTable_, &widgets::LayerTable::layerSelected, this, &MainWindow::selectLayer);
    connect(paretoView_, &widgets::ParetoView::pointClicked, this, &MainWindow::selectRun);
    connect(runsTree_, &QTreeWidget::itemClicked, this,
            [this](QTreeWidgetItem* item) { selectRun(item->text(0)); });
    connect(compareLeft_, &QComboBox::currentIndexChanged, this, &MainWindow::updateCompare);
    connect(compareRight_, &QComboBox::currentIndexChanged, this, &MainWindow::updateCompare);
    followLive(true);
}

void MainWindow::showTab(StudioTab tab) {
    tabs_->setCurrentWidget(tabPages_.at(tab));
}

StudioTab MainWindow::currentTab() const {
    for (const auto& [tab, page] : tabPages_)
        if (page == tabs_->currentWidget()) return tab;
    return StudioTab::Live;
}

void MainWindow::onStep(const Snapshot& snapshot) {
    curves_->addStep(snapshot);
    timeline_->append(snapshot);
    gauges_->setSnapshot(snapshot);
    memory_->setSnapshot(snapshot);
    if (followingLive_) showArchitecture(snapshot.decisions, snapshot.layerCosts);
    ++viewUpdates_;
}

void MainWindow::onEpoch(const Snapshot& snapshot) {
    curves_->addEpoch(snapshot);
}

void MainWindow::onFinished(const QString& folder) {
    try {
        const RunEntry& run = history_.add(folder);
        document_.addRun(folder);
        const QString id = QString::fromStdString(run.summary.id);
        replays_[id] = timeline_->frames();
        refreshRuns();
        followingLive_ = false;
        selectRun(id);
        statusBar()->showMessage(tr("Run %1 %2: %3")
                                     .arg(id,
                                          run.summary.cancelled ? tr("stopped") : tr("finished"),
                                          runCostText(run.summary)));
        document_.writeAutosave();
    } catch (const std::exception& e) {
        reportError(tr("The run's results cannot be read"), QString::fromStdString(e.what()));
    }
}

void MainWindow::onFailed(const QString& message) {
    reportError(tr("The search stopped with an error"), message);
}

void MainWindow::showArchitecture(const Decisions& decisions, const std::vector<LayerCost>& costs) {
    maskView_->setDecisions(decisions);
    networkView_->setDecisions(decisions);
    layerTable_->setLayers(decisions, costs);
}

void MainWindow::selectLayer(const QString& node) {
    maskView_->setSelectedLayer(node);
    networkView_->setSelectedLayer(node);
    layerTable_->setSelectedLayer(node);
}

void MainWindow::followLive(bool follow) {
    followingLive_ = follow;
    const bool running = runPanel_->isRunning();
    followButton_->setVisible(!follow && running);
    if (follow)
        liveBanner_->setText(running ? tr("Showing the running search")
                                     : tr("Start a search to watch its masks"));
}

void MainWindow::selectRun(const QString& id) {
    const RunEntry* run = history_.find(id);
    if (!run) return;
    if (id != selectedRun_) {
        previousRun_ = selectedRun_;
        selectedRun_ = id;
    }
    followLive(false);
    liveBanner_->setText(tr("Showing run %1").arg(id));
    if (!runPanel_->isRunning()) {
        const auto replay = replays_.find(id);
        timeline_->setFrames(replay == replays_.end() ? std::vector<widgets::MaskFrame>{}
                                                      : replay->second);
    }
    showArchitecture(run->summary.decisions, run->summary.layerCosts);
    paretoView_->setSelected(id);
    for (int i = 0; i < runsTree_->topLevelItemCount(); ++i)
        if (runsTree_->topLevelItem(i)->text(0) == id)
            runsTree_->setCurrentItem(runsTree_->topLevelItem(i));
    const QString left = previousRun_.isEmpty() ? id : previousRun_;
    compareLeft_->setCurrentIndex(compareLeft_->findData(left));
    compareRight_->setCurrentIndex(compareRight_->findData(id));
}

void MainWindow::refreshRuns() {
    paretoView_->setMetricName(history_.metricName(), history_.lowerIsBetter());
    paretoView_->setPoints(history_.paretoPoints());
    runsTree_->clear();
    QString metric = history_.metricName();  // the column says what it holds: "MAE", "macro-F1"
    if (!metric.isEmpty()) metric[0] = metric[0].toUpper();
    runsTree_->headerItem()->setText(2, metric);
    const QSignalBlocker blockLeft(compareLeft_), blockRight(compareRight_);
    const QString left = compareLeft_->currentData().toString();
    const QString right = compareRight_->currentData().toString();
    compareLeft_->clear();
    compareRight_->clear();
    for (const RunEntry& run : history_.runs()) {
        const RunSummary& s = run.summary;
        const QString id = QString::fromStdString(s.id);
        const auto headline = headlineOf(s);
        auto* item = new QTreeWidgetItem(runsTree_);
        item->setText(0, id);
        item->setText(1, s.cancelled ? tr("stopped") : tr("finished"));
        item->setText(2, headline ? headline->text() : QStringLiteral("-"));
        setRunCostCells(*item, 3, s);
        item->setText(3 + static_cast<int>(costCatalog().size()), QString::number(s.strength));
        item->setToolTip(0, run.folder);
        compareLeft_->addItem(id, id);
        compareRight_->addItem(id, id);
    }
    compareLeft_->setCurrentIndex(std::max(0, compareLeft_->findData(left)));
    compareRight_->setCurrentIndex(std::max(0, compareRight_->findData(right)));
    updateCompare();
}

void MainWindow::updateCompare() {
    const RunEntry* left = history_.find(compareLeft_->currentData().toString());
    const RunEntry* right = history_.find(compareRight_->currentData().toString());
    if (left && right)
        compareView_->setArchitectures(left->summary, right->summary);
    else
        compareView_->clear();
}

}  // namespace secateur::studio
