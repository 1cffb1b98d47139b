// The project side of the studio's window: edits, undo, unsaved changes and autosave recovery,
// TorchScript seeds written by Python, the keep-whole list, and the seed read off the window's
// thread while the window keeps running.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <memory>

#include "app/studio/main_window.h"
#include "app/studio/project_document.h"
#include "app/studio/run_panel.h"
#include "tests/studio/window_support.h"
#include "widgets/mask_view.h"
#include "widgets/project_panel.h"
#include "widgets/seed_picker.h"

using secateur::studio::MainWindow;
using secateur::studio::recentProjects;
using secateur::test::answer;
using secateur::test::keepWholeItem;
using secateur::test::openProject;
using secateur::test::runPython;
using secateur::test::smallProject;
using secateur::test::startAndExpectSeedError;
using secateur::test::startAndWait;
using secateur::test::torchScriptProject;

class MainWindowProjectTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void editsAreUndoableAndUnsavedChangesAreKept() {
        QTemporaryDir dir;
        MainWindow window;
        int asked = 0, reply = QMessageBox::Cancel;
        window.setQuestionHandler([&](const QString&, const QString&, int) {
            ++asked;
            return reply;
        });
        openProject(window, dir, smallProject());
        const QString file = window.document().path();
        QVERIFY(recentProjects().contains(file));
        auto* strength = window.projectPanel()->findChild<QLineEdit*>(QStringLiteral("strength"));
        QVERIFY(strength);
        strength->selectAll();
        QTest::keyClicks(strength, QStringLiteral("0.75"));
        QCOMPARE(window.document().project().search.strength, 0.75);
        QVERIFY(window.document().isModified());
        QVERIFY(window.undoStack().canUndo());
        QCOMPARE(window.undoStack().count(), 1);  // key by key edits merge into one step
        window.undoStack().undo();
        QCOMPARE(window.document().project().search.strength, 0.5);
        QCOMPARE(strength->text(), QStringLiteral("0.5"));
        window.undoStack().redo();
        QCOMPARE(window.document().project().search.strength, 0.75);

        // Unsaved: closing asks; Cancel keeps the window open.
        window.show();
        QVERIFY(!window.close());
        QCOMPARE(asked, 1);
        QVERIFY(window.isVisible());
        // The autosave copy is offered back on the next open.
        window.document().writeAutosave();
        QVERIFY(QFileInfo::exists(window.document().autosavePath()));
        {  // newer than the file, as after a later session's edits (no waiting for the clock)
            QFile autosave(window.document().autosavePath());
            QVERIFY(autosave.open(QIODevice::Append));
            QVERIFY(autosave.setFileTime(QFileInfo(file).lastModified().addSecs(2),
                                         QFileDevice::FileModificationTime));
        }
        MainWindow next;
        int offered = 0;
        next.setQuestionHandler([&](const QString&, const QString&, int) {
            ++offered;
            return static_cast<int>(QMessageBox::Yes);
        });
        QVERIFY(next.openPath(file));
        QCOMPARE(offered, 1);
        QCOMPARE(next.document().project().search.strength, 0.75);
        QVERIFY(next.document().isModified());
        // Discard closes and removes the autosave.
        reply = QMessageBox::Discard;
        QVERIFY(window.close());
        QVERIFY(!QFileInfo::exists(window.document().autosavePath()));
    }

    // A TorchScript seed written by Python searches; one the importer cannot read is reported
    // under the seed file field with the op that stopped it, and nothing starts.
    void torchScriptSeedsFromPython() {
        QTemporaryDir dir;
        CHECKED(runPython("seeds.py", dir.path()));
        MainWindow window;
        secateur::Project project = torchScriptProject(dir, "lstm.pt", {1, 3, 12});
        openProject(window, dir, project);
        QVERIFY(window.projectPanel()->isValid());
        CHECKED(startAndExpectSeedError(window));
        const QString error = window.projectPanel()->fieldError(QStringLiteral("seed_file"));
        QVERIFY2(error.contains(QStringLiteral("aten::lstm")), qPrintable(error));

        project.seed.torchscript = dir.filePath(QStringLiteral("dscnn.pt")).toStdString();
        project.seed.inputShapes = {{1, 1, 49, 10}};
        openProject(window, dir, project);
        QVERIFY(window.projectPanel()->fieldError(QStringLiteral("seed_file")).isEmpty());
        const QString earlierError = window.lastError();
        CHECKED(startAndWait(window));
        QTRY_VERIFY_WITH_TIMEOUT(!window.runPanel()->isRunning(), 120000);
        QCOMPARE(window.lastError(), earlierError);  // no new error
        QCOMPARE(window.history().runs().size(), size_t{1});
        QVERIFY(window.maskView()->layerCount() > 3);
    }

    // A seed with an LSTM head fails to import and says to keep the head whole; checked in the
    // keep-whole list (read from the file off the window's thread), the search runs.
    void keepWholeFromTheSubmoduleList() {
        QTemporaryDir dir;
        CHECKED(runPython("constructs.py", dir.path()));
        MainWindow window;
        window.setQuestionHandler(
            [](const QString&, const QString&, int) { return answer(QMessageBox::Discard); });
        openProject(window, dir, torchScriptProject(dir, "lstm_head_trace.pt", {1, 3, 16}));
        secateur::widgets::SeedPicker* picker = window.projectPanel()->seedPicker();
        QVERIFY(picker->isReadingSubmodules());  // the list comes later, from a worker thread
        QVERIFY(
            picker->findChild<QWidget*>(QStringLiteral("keep_whole_busy"))->isVisibleTo(picker));
        QTRY_VERIFY_WITH_TIMEOUT(!picker->isReadingSubmodules(), 60000);
        QListWidgetItem* head = keepWholeItem(window, QStringLiteral("head"));
        QVERIFY(head);
        QCOMPARE(head->text(), QStringLiteral("head (412 parameters)"));
        QVERIFY(keepWholeItem(window, QStringLiteral("head.lstm")));
        QVERIFY(head->checkState() == Qt::Unchecked);

        CHECKED(startAndExpectSeedError(window));
        const QString error = window.projectPanel()->fieldError(QStringLiteral("seed_file"));
        QVERIFY2(error.contains(QStringLiteral("aten::lstm")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("--keep-whole head")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("check 'head' under Keep whole")),
                 qPrintable(error));
        QCOMPARE(window.lastError(), error);
        QVERIFY(!window.runPanel()->startButton()->isEnabled());

        // Checking "head" as a user does clears the error and is an undoable edit.
        auto* list = window.projectPanel()->findChild<QListWidget*>(QStringLiteral("keep_whole"));
        list->setCurrentItem(head);
        QTest::keyClick(list, Qt::Key_Space);
        QCOMPARE(window.document().project().seed.keepWhole, std::vector<std::string>{"head"});
        QVERIFY(window.projectPanel()->fieldError(QStringLiteral("seed_file")).isEmpty());
        QVERIFY(window.runPanel()->startButton()->isEnabled());
        QCOMPARE(window.undoStack().count(), 1);
        window.undoStack().undo();
        QVERIFY(window.document().project().seed.keepWhole.empty());
        QVERIFY(keepWholeItem(window, QStringLiteral("head"))->checkState() == Qt::Unchecked);
        window.undoStack().redo();
        QCOMPARE(window.projectPanel()->project().seed.keepWhole, std::vector<std::string>{"head"});
        QVERIFY(keepWholeItem(window, QStringLiteral("head"))->checkState() == Qt::Checked);

        const QString earlierError = window.lastError();
        CHECKED(startAndWait(window));
        QTRY_VERIFY_WITH_TIMEOUT(!window.runPanel()->isRunning(), 120000);
        QCOMPARE(window.lastError(), earlierError);  // no new error
        QCOMPARE(window.history().runs().size(), size_t{1});
        const auto& run = window.history().runs().front();
        QVERIFY(run.summary.costs.at("params") >= 412.0);  // the head counts, never pruned
        const secateur::Project saved = secateur::Project::load(
            QDir(run.folder).filePath(QStringLiteral("project.json")).toStdString());
        QCOMPARE(saved.seed.keepWhole, std::vector<std::string>{"head"});
    }

    // The seed is read on a worker thread: the window's timers keep firing meanwhile, Stop
    // abandons the import, a second Start replaces the first, and closing the window is safe.
    void theWindowStaysResponsiveWhileTheSeedIsRead() {
        QTemporaryDir dir;
        CHECKED(runPython("deep_seed.py", dir.path()));  // about a second to import
        MainWindow window;
        window.setQuestionHandler(
            [](const QString&, const QString&, int) { return answer(QMessageBox::Discard); });
        openProject(window, dir, torchScriptProject(dir, "deep.pt", {1, 3, 16}));
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(!window.projectPanel()->seedPicker()->isReadingSubmodules(),
                                 60000);
        QVERIFY(keepWholeItem(window, QStringLiteral("body.119")));

        // A timer of the window's thread counts its ticks while the seed is read: the event loop
        // runs meanwhile. (How late it runs is measured by secateur-bench-studio, not here.)
        int ticks = 0;
        QTimer timer;
        timer.setInterval(10);
        QObject::connect(&timer, &QTimer::timeout, [&] {
            if (window.isImportingSeed()) ++ticks;
        });
        QSignalSpy imported(&window, &MainWindow::seedImportFinished);
        timer.start();
        QVERIFY(window.startSearch());
        QVERIFY(window.isImportingSeed());
        QVERIFY(window.runPanel()->importBar()->isVisibleTo(&window));
        QVERIFY(!window.runPanel()->startButton()->isEnabled());
        QVERIFY(window.runPanel()->stopButton()->isEnabled());
        QVERIFY(!window.projectPanel()->isEditable());
        QVERIFY(
            window.statusBar()->currentMessage().startsWith(QStringLiteral("Reading the seed")));
        QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, 60000);
        timer.stop();
        QVERIFY2(ticks >= 1, "the window's event loop did not run while the seed was read");
        QVERIFY(imported.at(0).at(0).toBool());
        QVERIFY(!window.runPanel()->importBar()->isVisibleTo(&window));
        QVERIFY(window.runPanel()->isRunning());
        window.runPanel()->stop();
        QTRY_VERIFY_WITH_TIMEOUT(!window.runPanel()->isRunning(), 60000);
        QVERIFY(window.projectPanel()->isEditable());

        // Stop while the seed is read: nothing starts, even when the import ends later.
        imported.clear();
        QVERIFY(window.startSearch());
        QVERIFY(window.runPanel()->stopButton()->isEnabled());
        window.runPanel()->stopButton()->click();
        QCOMPARE(imported.count(), 1);
        QVERIFY(!imported.at(0).at(0).toBool());
        QVERIFY(!window.isImportingSeed());
        QVERIFY(window.projectPanel()->isEditable());
        QVERIFY(window.runPanel()->startButton()->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(window.seedLoader().threadCount(), 0, 60000);
        QCOMPARE(imported.count(), 1);
        QVERIFY(!window.runPanel()->isRunning());

        // Start twice: the second import replaces the first, and one search starts.
        imported.clear();
        QVERIFY(window.startSearch());
        QVERIFY(window.startSearch());
        QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, 60000);
        QVERIFY(imported.at(0).at(0).toBool());
        QTRY_COMPARE_WITH_TIMEOUT(window.seedLoader().threadCount(), 0, 60000);
        QCOMPARE(imported.count(), 1);
        window.runPanel()->stop();
        QTRY_VERIFY_WITH_TIMEOUT(!window.runPanel()->isRunning(), 60000);
        QCOMPARE(window.history().runs().size(), size_t{2});

        // Closing and destroying a window while its seed is read: no crash, nothing starts.
        auto closing = std::make_unique<MainWindow>();
        closing->setQuestionHandler(
            [](const QString&, const QString&, int) { return answer(QMessageBox::Discard); });
        openProject(*closing, dir, torchScriptProject(dir, "deep.pt", {1, 3, 16}));
        closing->show();
        QVERIFY(closing->startSearch());
        QVERIFY(closing->close());
        QVERIFY(!closing->isImportingSeed());
        closing.reset();  // waits for the threads still reading; their results go nowhere
        QCoreApplication::sendPostedEvents();  // what they posted is dropped with the window
        QCoreApplication::processEvents();
        QVERIFY(!window.runPanel()->isRunning());
        QCOMPARE(window.history().runs().size(), size_t{2});
    }
};

QTEST_MAIN(MainWindowProjectTest)
#include "test_main_window_project.moc"
