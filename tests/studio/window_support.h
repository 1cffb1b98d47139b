// What the main window's tests share: a small project on the synthetic task, opening it, starting
// a search as Start does (the seed read on a worker thread first), and Python-written seeds.
#pragma once

#include <QDir>
#include <QListWidget>
#include <QProcess>
#include <QSignalSpy>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

#include "app/studio/main_window.h"
#include "app/studio/run_panel.h"
#include "engine/search/limits.h"
#include "widgets/project_panel.h"

// Runs `call` (a helper that checks with QVERIFY) and returns from the test when it failed.
#define CHECKED(call)                           \
    do {                                        \
        call;                                   \
        if (QTest::currentTestFailed()) return; \
    } while (false)

namespace secateur::test {

inline secateur::Project smallProject(int searchEpochs = 2) {
    secateur::Project p;
    p.name = "test";
    p.seed.zoo = "ds_cnn";
    p.search.warmupEpochs = 1;
    p.search.searchEpochs = searchEpochs;
    p.search.finetuneEpochs = 1;
    p.search.strength = 0.5;
    setLimit(p.search.limits, "flash", 64 * 1024.0);
    return p;
}

inline QString outputPath(const QString& name) {
    QDir().mkpath(QStringLiteral(SECATEUR_TEST_OUTPUT));
    return QDir(QStringLiteral(SECATEUR_TEST_OUTPUT)).filePath(name);
}

// Saves `project` into `dir` and opens it in `window`.
inline void openProject(secateur::studio::MainWindow& window, const QTemporaryDir& dir,
                        const secateur::Project& project) {
    const QString path = dir.filePath(QStringLiteral("test.secproj"));
    project.save(path.toStdString());
    QVERIFY(window.openPath(path));
}

inline int answer(int button) {
    return button;
}

// Runs tests/python/SCRIPT DIR (the seeds it writes go to DIR).
inline void runPython(const char* script, const QString& dir) {
    QProcess python;
    python.start(QStringLiteral(SECATEUR_PYTHON),
                 {QStringLiteral(SECATEUR_SOURCE_DIR "/tests/python/") + script, dir});
    QVERIFY(python.waitForFinished(180000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
}

// Starts a search as Start does: the seed is read on a worker thread, then the run begins.
inline void startAndWait(secateur::studio::MainWindow& window) {
    QSignalSpy imported(&window, &secateur::studio::MainWindow::seedImportFinished);
    QVERIFY(window.startSearch());
    QVERIFY(window.isImportingSeed());  // startSearch returns before the seed is read
    QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, 60000);
    QVERIFY2(imported.at(0).at(0).toBool(), qPrintable(window.lastError()));
    QVERIFY(window.runPanel()->isRunning());
}

// A startSearch whose seed import must fail; the error is shown under the seed field.
inline void startAndExpectSeedError(secateur::studio::MainWindow& window) {
    QSignalSpy imported(&window, &secateur::studio::MainWindow::seedImportFinished);
    QVERIFY(window.startSearch());
    QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, 60000);
    QVERIFY(!imported.at(0).at(0).toBool());
    QVERIFY(!window.runPanel()->isRunning());
}

inline secateur::Project torchScriptProject(const QTemporaryDir& dir, const char* file,
                                            secateur::Shape shape) {
    secateur::Project project = smallProject(1);
    project.seed.zoo.clear();
    project.seed.torchscript = dir.filePath(QString::fromLatin1(file)).toStdString();
    project.seed.inputShapes = {std::move(shape)};
    return project;
}

inline QListWidgetItem* keepWholeItem(secateur::studio::MainWindow& window, const QString& path) {
    auto* list = window.projectPanel()->findChild<QListWidget*>(QStringLiteral("keep_whole"));
    for (int i = 0; list && i < list->count(); ++i)
        if (list->item(i)->data(Qt::UserRole).toString() == path) return list->item(i);
    return nullptr;
}

}  // namespace secateur::test
