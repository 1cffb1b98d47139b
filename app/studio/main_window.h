// The studio's window: the project panel and run controls on the left; live masks, curves, layer
// table, Pareto front and comparison as tabs; menus for files, runs and export.
#pragma once

#include <QMainWindow>
#include <QTimer>
#include <QUndoStack>
#include <functional>
#include <map>
#include <optional>

#include "app/studio/project_document.h"
#include "app/studio/run_history.h"
#include "app/studio/seed_loader.h"
#include "app/studio/studio_tabs.h"
#include "widgets/mask_timeline.h"

class QComboBox;
class QLabel;
class QMenu;
class QPushButton;
class QTabWidget;
class QTreeWidget;

namespace secateur::widgets {
class CompareView;
class LayerTable;
class MaskTimeline;
class MaskView;
class NetworkView;
class ParetoView;
class ProjectPanel;
class TrainingCurves;
class LimitGauges;
class MemoryTimeline;
}  // namespace secateur::widgets

namespace secateur::studio {

class DataPage;
class RunPanel;
class SweepPage;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a project file, a search's run folder (its project and the run) or a sweep's run
    // folder (its project, and the sweep in the sweep tab); false after telling the user why
    // when it cannot.
    bool openPath(const QString& path);
    // The project the studio opens at first start (an untitled copy of projects/kws.json).
    void openDefaultProject();
    // An untitled copy of the ready project NAME (kws, ecg, presence, occupancy, image, ...);
    // false after saying why when it cannot be read.
    bool openReadyProject(const QString& name);
    // Where the ready projects are: installed beside the binary, else the source tree's.
    static QString readyProjectsFolder();
    // Checks the fields, then imports the seed on a worker thread and starts the search once it
    // is read: true when the import began (seedImportFinished follows, unless another
    // startSearch() replaces it), false after showing what blocks it. A seed that fails is
    // reported under its field.
    bool startSearch();
    // Between startSearch() and the seed being read.
    bool isImportingSeed() const { return seedLoader_.isLoading(); }
    // Abandons the import under way (its thread ends on its own); seedImportFinished(false).
    void cancelSeedImport();
    SeedLoader& seedLoader() { return seedLoader_; }
    // Makes a folder of class subfolders the project's data (an undoable edit), after checking
    // it can be used; false after telling the user why not.
    bool useDataFolder(const QString& folder);
    // Shows that run's architecture in the live views and puts it in the compare view.
    void selectRun(const QString& id);

    // How questions and errors reach the user; tests replace them to answer without dialogs.
    using Question = std::function<int(const QString& title, const QString& text, int buttons)>;
    void setQuestionHandler(Question ask) { ask_ = std::move(ask); }
    QString lastError() const { return lastError_; }

    ProjectDocument& document() { return document_; }
    const RunHistory& history() const { return history_; }
    RunPanel* runPanel() const { return runPanel_; }
    widgets::ProjectPanel* projectPanel() const { return projectPanel_; }
    widgets::MaskView* maskView() const { return maskView_; }
    widgets::MaskTimeline* timeline() const { return timeline_; }
    widgets::NetworkView* networkView() const { return networkView_; }
    widgets::TrainingCurves* curves() const { return curves_; }
    widgets::LimitGauges* gauges() const { return gauges_; }
    widgets::MemoryTimeline* memoryTimeline() const { return memory_; }
    widgets::LayerTable* layerTable() const { return layerTable_; }
    widgets::ParetoView* paretoView() const { return paretoView_; }
    widgets::CompareView* compareView() const { return compareView_; }
    SweepPage* sweepPage() const { return sweepPage_; }
    DataPage* dataPage() const { return dataPage_; }
    QTabWidget* tabs() const { return tabs_; }
    // Brings `tab` to the front; the tab in front.
    void showTab(StudioTab tab);
    StudioTab currentTab() const;
    QUndoStack& undoStack() { return undo_; }
    int64_t viewUpdates() const { return viewUpdates_; }

    bool saveAs(const QString& path);
    // A picture of the view in front (PNG, or PDF for the curves); false after saying why.
    bool saveViewPicture(const QString& path);

Q_SIGNALS:
    // The seed import startSearch() began has ended: `started` tells whether the search runs.
    void seedImportFinished(bool started);

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void buildViews();
    void buildMenus();
    QWidget* explained(QWidget* view, const QString& explanation);
    bool maybeSave();
    bool save();
    bool saveWithDialog();
    void newProject();
    void openWithDialog();
    void openRunWithDialog();
    // The data and sweep tabs follow the project being edited.
    void projectToPages();
    void showExportDialog();
    void reportError(const QString& title, const QString& text);
    void documentChanged();
    void loadDocumentIntoViews();
    void projectEdited();
    void applyProject(const Project& project);
    void refreshRecentMenu();
    void refreshRuns();
    void updateCompare();
    void showArchitecture(const Decisions& decisions, const std::vector<LayerCost>& costs);
    void selectLayer(const QString& node);
    void onStep(const Snapshot& snapshot);
    void onEpoch(const Snapshot& snapshot);
    void onFinished(const QString& folder);
    void onFailed(const QString& message);
    void followLive(bool follow);
    void connectSeedLoader();
    // Asks for the seed file's submodules when the file, its path or its date changed.
    void refreshSubmodules();
    void onSeedLoaded(const Project& project, const Graph& seed);
    void onSeedFailed(const Project& project, const QString& message);
    void onLimitUnreachable(const Project& project, const QString& cost, const QString& message);
    // The form is read-only while the seed is read and while a search runs.
    void updateEditable();

    ProjectDocument document_;
    RunHistory history_;
    SeedLoader seedLoader_;
    QString listedFile_;  // the file, date and size of the last submodule request
    QTimer autosave_;
    QUndoStack undo_;
    Question ask_;
    QString lastError_;
    QString selectedRun_, previousRun_;
    std::map<QString, std::vector<widgets::MaskFrame>> replays_;  // by run id, this session's
    bool followingLive_ = true;
    int64_t viewUpdates_ = 0;

    widgets::ProjectPanel* projectPanel_ = nullptr;
    RunPanel* runPanel_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    std::map<StudioTab, QWidget*> tabPages_;
    widgets::MaskView* maskView_ = nullptr;
    widgets::MaskTimeline* timeline_ = nullptr;
    widgets::NetworkView* networkView_ = nullptr;
    widgets::TrainingCurves* curves_ = nullptr;
    widgets::LimitGauges* gauges_ = nullptr;
    widgets::MemoryTimeline* memory_ = nullptr;
    widgets::LayerTable* layerTable_ = nullptr;
    widgets::ParetoView* paretoView_ = nullptr;
    widgets::CompareView* compareView_ = nullptr;
    SweepPage* sweepPage_ = nullptr;
    DataPage* dataPage_ = nullptr;
    QTreeWidget* runsTree_ = nullptr;
    QComboBox* compareLeft_ = nullptr;
    QComboBox* compareRight_ = nullptr;
    QLabel* liveBanner_ = nullptr;
    QPushButton* followButton_ = nullptr;
    QMenu* recentMenu_ = nullptr;
};

}  // namespace secateur::studio
