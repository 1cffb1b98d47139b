#include "app/studio/project_document.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <nlohmann/json.hpp>

namespace secateur::studio {
namespace {

QString dataFolder() {
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    QDir().mkpath(dir);
    return dir;
}

// The settings that make a search, compared as the file would store them.
bool sameSettings(Project a, Project b) {
    a.runs.clear();
    b.runs.clear();
    return a.toJson("project.secproj") == b.toJson("project.secproj");
}

}  // namespace

ProjectDocument::ProjectDocument(QObject* parent) : QObject(parent) {}

void ProjectDocument::reset(const Project& project) {
    project_ = project;
    path_.clear();
    modified_ = false;
    Q_EMIT changed();
}

void ProjectDocument::open(const QString& path) {
    Project loaded = Project::load(path.toStdString());
    project_ = std::move(loaded);
    path_ = QFileInfo(path).absoluteFilePath();
    modified_ = false;
    rememberRecentProject(path_);
    Q_EMIT changed();
}

void ProjectDocument::saveAs(const QString& path) {
    project_.save(path.toStdString());
    const QString previousAutosave = autosavePath();
    path_ = QFileInfo(path).absoluteFilePath();
    QFile::remove(previousAutosave);
    removeAutosave();
    modified_ = false;
    rememberRecentProject(path_);
    Q_EMIT changed();
}

bool ProjectDocument::setProject(const Project& project) {
    Project updated = project;
    updated.runs = project_.runs;
    if (sameSettings(updated, project_)) return false;
    project_ = std::move(updated);
    setModified(true);
    return true;
}

void ProjectDocument::addRun(const QString& folder) {
    project_.runs.push_back(QFileInfo(folder).absoluteFilePath().toStdString());
    setModified(true);
}

QString ProjectDocument::displayName() const {
    return isUntitled() ? QString::fromStdString(project_.name) + QStringLiteral(" (unsaved)")
                        : QFileInfo(path_).fileName();
}

QString ProjectDocument::runsFolder() const {
    return isUntitled() ? dataFolder() + QStringLiteral("/untitled.runs")
                        : QFileInfo(path_).absolutePath() + QLatin1Char('/') +
                              QFileInfo(path_).completeBaseName() + QStringLiteral(".runs");
}

QString ProjectDocument::newRunFolder() const {
    const QString base = runsFolder();
    const QString stamp =
        QDateTime::currentDateTime().toString(QStringLiteral("'run-'yyyyMMdd-HHmmss"));
    QString folder = base + QLatin1Char('/') + stamp;
    for (int n = 2; QFileInfo::exists(folder); ++n)
        folder = base + QLatin1Char('/') + stamp + QLatin1Char('-') + QString::number(n);
    return folder;
}

QString ProjectDocument::autosavePath() const {
    return isUntitled() ? dataFolder() + QStringLiteral("/untitled.secproj.autosave")
                        : path_ + QStringLiteral(".autosave");
}

void ProjectDocument::writeAutosave() const {
    if (modified_) project_.save(autosavePath().toStdString());
}

void ProjectDocument::removeAutosave() const {
    QFile::remove(autosavePath());
}

void ProjectDocument::setModified(bool modified) {
    modified_ = modified;
    Q_EMIT changed();
}

QStringList recentProjects() {
    QStringList files = QSettings().value(QStringLiteral("recentProjects")).toStringList();
    files.erase(std::remove_if(files.begin(), files.end(),
                               [](const QString& f) { return !QFileInfo::exists(f); }),
                files.end());
    return files;
}

void rememberRecentProject(const QString& path) {
    QStringList files = recentProjects();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > 8) files.removeLast();
    QSettings().setValue(QStringLiteral("recentProjects"), files);
}

}  // namespace secateur::studio
