// The window's menus and everything about files: new, open, save, recent, autosave, export, close.
#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QWhatsThis>

#include "app/studio/data_page.h"
#include "app/studio/export_dialog.h"
#include "app/studio/main_window.h"
#include "app/studio/project_edit.h"
#include "app/studio/run_panel.h"
#include "app/studio/sweep_page.h"
#include "engine/cost/cost.h"
#include "engine/data/folder_scan.h"
#include "engine/util/error.h"
#include "widgets/custom_plot.h"
#include "widgets/layer_table.h"
#include "widgets/project_panel.h"
#include "widgets/training_curves.h"

namespace secateur::studio {

void MainWindow::buildMenus() {
    ask_ = [this](const QString& title, const QString& text, int buttons) {
        return QMessageBox::question(this, title, text,
                                     static_cast<QMessageBox::StandardButtons>(buttons));
    };
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New project"), QKeySequence::New, this, &MainWindow::newProject);
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::openWithDialog);
    file->addAction(tr("Open run &folder…"), this, &MainWindow::openRunWithDialog);
    QMenu* ready = file->addMenu(tr("Open rea&dy project"));
    for (const QFileInfo& f :
         QDir(readyProjectsFolder()).entryInfoList({QStringLiteral("*.json")}, QDir::Files)) {
        QString title = f.completeBaseName();
        try {
            title += QStringLiteral(": ") +
                     QString::fromStdString(Project::load(f.absoluteFilePath().toStdString()).name);
        } catch (const std::exception&) {
            continue;  // not a project; the folder is the product's own
        }
        ready->addAction(title, this, [this, name = f.completeBaseName()] {
            cancelSeedImport();
            if (!runPanel_->isRunning() && maybeSave()) openReadyProject(name);
        });
    }
    recentMenu_ = file->addMenu(tr("Open &recent"));
    file->addSeparator();
    file->addAction(tr("&Save"), QKeySequence::Save, this, &MainWindow::save);
    file->addAction(tr("Save &as…"), QKeySequence::SaveAs, this, &MainWindow::saveWithDialog);
    file->addSeparator();
    file->addAction(tr("&Export…"), QKeySequence(tr("Ctrl+E")), this,
                    &MainWindow::showExportDialog);
    file->addAction(tr("Save view as &picture…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save a picture of this view"),
            QDir::home().filePath(QString::fromLatin1(studioTabName(currentTab()).name) +
                                  QStringLiteral(".png")),
            tr("PNG image (*.png);;PDF document, curves only (*.pdf)"));
        if (!path.isEmpty()) saveViewPicture(path);
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = undo_.createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = undo_.createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addAction(tr("&Start"), QKeySequence(tr("Ctrl+R")), this, &MainWindow::startSearch);
    run->addAction(tr("&Pause / resume"), QKeySequence(tr("Ctrl+P")), this,
                   [this] { runPanel_->isPaused() ? runPanel_->resume() : runPanel_->pause(); });
    run->addAction(tr("S&top"), QKeySequence(tr("Ctrl+.")), runPanel_, &RunPanel::stop);
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(QWhatsThis::createAction(this));
    help->addAction(tr("&About Secateur Studio"), this, [this] {
        QMessageBox::about(
            this, tr("About Secateur Studio"),
            tr("<b>Secateur Studio</b><p>Finds small, fast, accurate neural networks for "
               "microcontrollers: trainable masks remove channels, kernel taps and dilations "
               "of a seed network while it trains.</p><p>GPL-3.0-or-later.</p>"));
    });
    refreshRecentMenu();
}

void MainWindow::reportError(const QString& title, const QString& text) {
    lastError_ = text;
    statusBar()->showMessage(title + QStringLiteral(": ") + text.section('\n', 0, 0), 15000);
    if (QApplication::platformName() == QStringLiteral("offscreen")) return;  // no one to click
    auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::documentChanged() {
    setWindowTitle(tr("%1[*] — Secateur Studio").arg(document_.displayName()));
    setWindowModified(document_.isModified());
}

void MainWindow::loadDocumentIntoViews() {
    cancelSeedImport();  // it was for the project this one replaces
    undo_.clear();
    const QSignalBlocker block(projectPanel_);
    projectPanel_->setBaseDirectory(
        document_.isUntitled() ? QDir::currentPath() : QFileInfo(document_.path()).absolutePath());
    projectPanel_->setProject(document_.project());
    runPanel_->setStartable(projectPanel_->isValid());
    history_.load(document_.project().runs);
    if (!history_.problems().isEmpty())
        reportError(tr("Some runs of this project cannot be read"), history_.problems().join('\n'));
    selectedRun_.clear();
    previousRun_.clear();
    // The Pareto view and the layer table's share column open on the cost the project minimises.
    paretoView_->setCostAxis(QString::fromStdString(document_.project().search.cost));
    for (const CostInfo& cost : costCatalog())
        paretoView_->setCostLimit(QString::fromStdString(cost.name),
                                  limitOn(document_.project().search.limits, cost.name));
    layerTable_->setShareCost(QString::fromStdString(document_.project().search.cost));
    refreshRuns();
    curves_->clear();
    if (!history_.runs().empty())
        selectRun(QString::fromStdString(history_.runs().back().summary.id));
    refreshRecentMenu();
    documentChanged();
    refreshSubmodules();
}

void MainWindow::projectEdited() {
    refreshSubmodules();
    Project before = document_.project();
    if (!document_.setProject(projectPanel_->project())) return;
    undo_.push(new ProjectEdit(std::move(before), document_.project(),
                               [this](const Project& p) { applyProject(p); }));
}

void MainWindow::applyProject(const Project& project) {
    cancelSeedImport();  // it was for the settings undo or redo replaces
    document_.setProject(project);
    {
        const QSignalBlocker block(projectPanel_);
        projectPanel_->setProject(document_.project());
    }
    runPanel_->setStartable(projectPanel_->isValid());
    layerTable_->setShareCost(QString::fromStdString(project.search.cost));
    refreshSubmodules();
}

bool MainWindow::maybeSave() {
    if (!document_.isModified()) return true;
    const int answer = ask_(tr("Unsaved changes"),
                            tr("%1 has unsaved changes. Save them?").arg(document_.displayName()),
                            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Save) return save();
    if (answer == QMessageBox::Discard) {
        document_.removeAutosave();
        return true;
    }
    return false;
}

bool MainWindow::save() {
    return document_.isUntitled() ? saveWithDialog() : saveAs(document_.path());
}

bool MainWindow::saveAs(const QString& path) {
    try {
        document_.saveAs(path);
    } catch (const std::exception& e) {
        reportError(tr("The project cannot be saved"), QString::fromStdString(e.what()));
        return false;
    }
    projectPanel_->setBaseDirectory(QFileInfo(path).absolutePath());
    refreshSubmodules();
    refreshRecentMenu();
    statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    return true;
}

bool MainWindow::saveWithDialog() {
    QString path = QFileDialog::getSaveFileName(
        this, tr("Save project"),
        QDir::home().filePath(QString::fromStdString(document_.project().name) + ".secproj"),
        tr("Secateur projects (*.secproj)"));
    if (path.isEmpty()) return false;
    if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".secproj");
    return saveAs(path);
}

void MainWindow::newProject() {
    cancelSeedImport();
    if (runPanel_->isRunning() || !maybeSave()) return;
    openDefaultProject();
}

void MainWindow::openWithDialog() {
    cancelSeedImport();
    if (runPanel_->isRunning() || !maybeSave()) return;
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open project"), QDir::homePath(),
                                     tr("Secateur projects (*.secproj *.json);;All files (*)"));
    if (!path.isEmpty()) openPath(path);
}

bool MainWindow::openPath(const QString& path) {
    try {
        const QFileInfo info(path);
        if (info.isDir() && (QDir(path).exists(QStringLiteral("seed.json")) ||
                             QDir(path).exists(QStringLiteral("sweep.json")))) {
            const QDir run(path);
            if (!run.exists(QStringLiteral("project.json")))
                throw Error("'" + path.toStdString() +
                            "' has no project.json: it is not a sweep's run folder");
            if (sweepPage_->isRunning())
                throw Error("a sweep is running: stop it before opening another run");
            document_.reset(
                Project::load(run.filePath(QStringLiteral("project.json")).toStdString()));
            loadDocumentIntoViews();
            if (!sweepPage_->openRun(info.absoluteFilePath())) return false;
            showTab(StudioTab::Sweep);
            return true;
        }
        if (info.isDir()) {
            const QDir run(path);
            if (!run.exists(QStringLiteral("summary.json")) ||
                !run.exists(QStringLiteral("project.json")))
                throw Error(
                    "'" + path.toStdString() +
                    "' is neither a project file nor a run folder (a search's run folder holds "
                    "summary.json and project.json, a sweep's seed.json and project.json)");
            Project project =
                Project::load(run.filePath(QStringLiteral("project.json")).toStdString());
            project.runs = {info.absoluteFilePath().toStdString()};
            document_.reset(project);
        } else {
            if (!info.exists()) throw Error("no such file '" + path.toStdString() + "'");
            document_.open(path);
            const QFileInfo autosave(document_.autosavePath());
            if (autosave.exists() && autosave.lastModified() > info.lastModified() &&
                ask_(tr("Recover unsaved changes?"),
                     tr("%1 has changes from a session that did not save them. Recover them?")
                         .arg(info.fileName()),
                     QMessageBox::Yes | QMessageBox::No) == QMessageBox::Yes) {
                document_.setProject(Project::load(autosave.absoluteFilePath().toStdString()));
            }
        }
    } catch (const std::exception& e) {
        reportError(tr("Cannot open %1").arg(path), QString::fromStdString(e.what()));
        return false;
    }
    loadDocumentIntoViews();
    return true;
}

void MainWindow::openRunWithDialog() {
    cancelSeedImport();
    if (runPanel_->isRunning() || !maybeSave()) return;
    const QString path =
        QFileDialog::getExistingDirectory(this, tr("Open run folder"), document_.runsFolder());
    if (!path.isEmpty()) openPath(path);
}

bool MainWindow::useDataFolder(const QString& folder) {
    const FolderScan scan = scanDataFolder(folder.toStdString());
    if (!scan.usable()) {
        QStringList problems;
        for (const FolderProblem& p : scan.problems)
            if (p.fatal) problems << QString::fromStdString(p.file + ": " + p.what);
        reportError(tr("%1 cannot be used as data").arg(folder),
                    tr("It needs one subfolder per class holding .wav or .csv files.\n%1")
                        .arg(problems.join(QLatin1Char('\n'))));
        return false;
    }
    Project before = document_.project();
    Project after = before;
    after.task = "folder";
    after.data.folder = QFileInfo(folder).absoluteFilePath().toStdString();
    after.data.dataset.clear();
    applyProject(after);
    undo_.push(new ProjectEdit(std::move(before), std::move(after),
                               [this](const Project& p) { applyProject(p); }));
    showTab(StudioTab::Data);
    return true;
}

void MainWindow::projectToPages() {
    sweepPage_->setProject(document_.project(), document_.runsFolder());
    dataPage_->setProject(document_.project());
}

QString MainWindow::readyProjectsFolder() {
    const QString installed =
        QCoreApplication::applicationDirPath() + QStringLiteral("/../share/secateur/projects");
    return QFileInfo::exists(installed) ? QDir(installed).absolutePath()
                                        : QStringLiteral(SECATEUR_PROJECTS_DIR);
}

bool MainWindow::openReadyProject(const QString& name) {
    const QString path = QDir(readyProjectsFolder()).filePath(name + QStringLiteral(".json"));
    try {
        document_.reset(Project::load(path.toStdString()));
    } catch (const std::exception& e) {
        reportError(tr("The ready project %1 cannot be read").arg(name),
                    QString::fromStdString(e.what()));
        return false;
    }
    loadDocumentIntoViews();
    return true;
}

void MainWindow::openDefaultProject() {
    if (openReadyProject(QStringLiteral("kws"))) return;
    Project project;
    project.seed.zoo = "ds_cnn";
    project.name = "Keyword spotting (DS-CNN)";
    document_.reset(project);
    loadDocumentIntoViews();
}

void MainWindow::refreshRecentMenu() {
    recentMenu_->clear();
    const QStringList files = recentProjects();
    for (const QString& f : files)
        recentMenu_
            ->addAction(QFileInfo(f).fileName(), this,
                        [this, f] {
                            cancelSeedImport();
                            if (!runPanel_->isRunning() && maybeSave()) openPath(f);
                        })
            ->setToolTip(f);
    recentMenu_->setEnabled(!files.isEmpty());
}

void MainWindow::showExportDialog() {
    ExportDialog dialog(history_, selectedRun_, this);
    dialog.exec();
    if (!dialog.writtenFile().isEmpty())
        statusBar()->showMessage(tr("Exported %1").arg(dialog.writtenFile()), 10000);
}

bool MainWindow::saveViewPicture(const QString& path) {
    const bool pdf =
        QFileInfo(path).suffix().compare(QStringLiteral("pdf"), Qt::CaseInsensitive) == 0;
    bool saved = false;
    if (pdf && currentTab() == StudioTab::Curves)
        saved = curves_->plot()->savePdf(path);
    else if (!pdf)
        saved = tabs_->currentWidget()->grab().save(path, "PNG");
    if (!saved) {
        reportError(
            tr("The picture cannot be saved"),
            pdf ? tr("Only the curves can be saved as PDF; choose a .png file for '%1'.").arg(path)
                : tr("'%1' cannot be written: check the folder and its permissions.").arg(path));
        return false;
    }
    statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    return true;
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (runPanel_->isRunning()) {
        const int answer =
            ask_(tr("A search is running"), tr("Stop the search and quit? Its checkpoint is kept."),
                 QMessageBox::Yes | QMessageBox::No);
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        runPanel_->stop();
    }
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    cancelSeedImport();  // its thread ends on its own; the window waits for it when destroyed
    event->accept();
}

}  // namespace secateur::studio
