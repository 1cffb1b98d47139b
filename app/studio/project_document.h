// The open project: its `.secproj` file (the project JSON), unsaved edits, an autosave copy and
// the run folders of its history.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include "engine/project/project.h"

namespace secateur::studio {

class ProjectDocument : public QObject {
    Q_OBJECT
public:
    explicit ProjectDocument(QObject* parent = nullptr);

    // An untitled document (saving asks for a file).
    void reset(const Project& project);
    // Throws secateur::Error naming the file and field at fault; the document is unchanged then.
    void open(const QString& path);
    // Writes atomically; on success the document is unmodified and its autosave removed.
    void saveAs(const QString& path);
    void save() { saveAs(path_); }

    const Project& project() const { return project_; }
    // Replaces the settings (not the run history); when they differ, marks the document modified
    // and returns true.
    bool setProject(const Project& project);
    void addRun(const QString& folder);

    QString path() const { return path_; }
    bool isUntitled() const { return path_.isEmpty(); }
    bool isModified() const { return modified_; }
    QString displayName() const;

    // A fresh folder for the next run: beside the project file (`NAME.runs/`), or in the studio's
    // data folder while the project is untitled.
    // Where this project's runs go: beside the file (NAME.runs), or in the user's data folder.
    QString runsFolder() const;
    QString newRunFolder() const;
    // Where unsaved edits are copied every minute; recovered on the next open.
    QString autosavePath() const;
    void writeAutosave() const;
    void removeAutosave() const;

Q_SIGNALS:
    void changed();  // settings, history, path or modified flag

private:
    void setModified(bool modified);

    Project project_;
    QString path_;
    bool modified_ = false;
};

// The recently opened project files, newest first (QSettings).
QStringList recentProjects();
void rememberRecentProject(const QString& path);

}  // namespace secateur::studio
