// The window's seed handling off its thread: the seed file's submodules for the keep-whole list,
// and the import of the seed that starts a search.
#include <QEvent>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStatusBar>
#include <map>
#include <optional>

#include "app/studio/main_window.h"
#include "app/studio/run_panel.h"
#include "widgets/limit_fields.h"
#include "widgets/limit_gauges.h"
#include "widgets/mask_timeline.h"
#include "widgets/memory_timeline.h"
#include "widgets/project_panel.h"
#include "widgets/seed_picker.h"
#include "widgets/training_curves.h"

namespace secateur::studio {
namespace {

// The importer names the module to keep whole as a command-line option; say where the studio
// has it too.
QString withStudioHint(const QString& message) {
    static const QRegularExpression option(QStringLiteral("--keep-whole ([A-Za-z0-9_.]+)"));
    const QRegularExpressionMatch match = option.match(message);
    if (!match.hasMatch()) return message;
    return message + MainWindow::tr("\nTo keep it whole here, check '%1' under Keep whole.")
                         .arg(match.captured(1));
}

}  // namespace

void MainWindow::connectSeedLoader() {
    widgets::SeedPicker* picker = projectPanel_->seedPicker();
    connect(&seedLoader_, &SeedLoader::submodulesListed, this,
            [picker](const QString& file, const QStringList& paths, const QList<qint64>& params) {
                picker->setReadingSubmodules(false);
                picker->setSubmodules(file, paths, params);  // dropped if the file changed since
            });
    connect(&seedLoader_, &SeedLoader::listFailed, this,
            [picker](const QString& file, const QString& message) {
                picker->setReadingSubmodules(false);
                picker->setSubmodulesError(file, message);
            });
    connect(&seedLoader_, &SeedLoader::seedLoaded, this, &MainWindow::onSeedLoaded);
    connect(&seedLoader_, &SeedLoader::limitUnreachable, this, &MainWindow::onLimitUnreachable);
    connect(&seedLoader_, &SeedLoader::seedFailed, this, &MainWindow::onSeedFailed);
}

void MainWindow::refreshSubmodules() {
    widgets::SeedPicker* picker = projectPanel_->seedPicker();
    const QString file = picker->seedFilePath();
    const QFileInfo info(file);
    // A file rewritten in place (a new torch.jit.save) is listed again.
    const QString key = file.isEmpty() || !info.isFile()
                            ? QString()
                            : QStringLiteral("%1|%2|%3")
                                  .arg(file, info.lastModified().toString(Qt::ISODateWithMs),
                                       QString::number(info.size()));
    if (key == listedFile_) return;
    listedFile_ = key;
    if (key.isEmpty()) {
        seedLoader_.cancelList();
        picker->setReadingSubmodules(false);
        return;
    }
    picker->setReadingSubmodules(true);
    seedLoader_.list(file);
}

void MainWindow::changeEvent(QEvent* event) {
    // Back from the terminal where the seed was saved again: read its submodules anew.
    if (event->type() == QEvent::ActivationChange && isActiveWindow() && projectPanel_)
        refreshSubmodules();
    QMainWindow::changeEvent(event);
}

bool MainWindow::startSearch() {
    if (runPanel_->isRunning()) return false;
    if (!projectPanel_->isValid()) {
        reportError(tr("Cannot start"),
                    tr("Fix these fields first:\n%1").arg(projectPanel_->errors().join('\n')));
        return false;
    }
    refreshSubmodules();  // in case the file was saved again since it was listed
    document_.setProject(projectPanel_->project());
    Project project = document_.project();
    QString seedName = QString::fromStdString(project.seed.zoo);
    if (!project.seed.torchscript.empty()) {
        // The file the form checked: relative paths are the project folder's.
        const QString file = projectPanel_->seedPicker()->seedFilePath();
        project.seed.torchscript = file.toStdString();
        seedName = QFileInfo(file).fileName();
    }
    seedLoader_.load(project);  // an import still under way becomes stale: its result is dropped
    runPanel_->setImporting(true);
    updateEditable();
    statusBar()->showMessage(tr("Reading the seed network %1…").arg(seedName));
    return true;
}

void MainWindow::cancelSeedImport() {
    if (!seedLoader_.isLoading()) return;
    seedLoader_.cancelLoad();
    runPanel_->setImporting(false);
    updateEditable();
    statusBar()->showMessage(tr("Stopped reading the seed; no search started"), 5000);
    Q_EMIT seedImportFinished(false);
}

void MainWindow::onLimitUnreachable(const Project&, const QString& cost, const QString& message) {
    runPanel_->setImporting(false);
    updateEditable();
    const std::optional<widgets::LimitField> field = widgets::limitFieldOfCost(cost.toStdString());
    projectPanel_->setFieldError(field ? widgets::limitFieldName(*field) : QStringLiteral("target"),
                                 message);
    reportError(tr("The limits cannot be met"), message);
    Q_EMIT seedImportFinished(false);
}

void MainWindow::onSeedLoaded(const Project& project, const Graph& seed) {
    runPanel_->setImporting(false);
    curves_->clear();
    const QString folder = document_.newRunFolder();
    if (!runPanel_->start(project, seed, folder)) {
        updateEditable();
        Q_EMIT seedImportFinished(false);
        return;
    }
    timeline_->clear();
    gauges_->clear();
    memory_->clear();
    followLive(true);
    statusBar()->showMessage(
        tr("Searching %1; the run goes to %2").arg(QString::fromStdString(project.name), folder));
    Q_EMIT seedImportFinished(true);
}

void MainWindow::onSeedFailed(const Project& project, const QString& error) {
    runPanel_->setImporting(false);
    updateEditable();
    const QString message = withStudioHint(error);
    projectPanel_->setFieldError(
        project.seed.torchscript.empty() ? QStringLiteral("zoo") : QStringLiteral("seed_file"),
        message);
    reportError(tr("The seed cannot be loaded"), message);
    Q_EMIT seedImportFinished(false);
}

void MainWindow::updateEditable() {
    projectPanel_->setEditable(!runPanel_->isRunning() && !seedLoader_.isLoading());
}

}  // namespace secateur::studio
