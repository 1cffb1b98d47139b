// The studio's window driven as a user would, on the synthetic task with a real (small) search.
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "app/studio/export_dialog.h"
#include "app/studio/main_window.h"
#include "app/studio/run_panel.h"
#include "engine/cost/cost.h"
#include "engine/graph/torchscript_import.h"
#include "engine/search/task.h"
#include "engine/zoo/zoo.h"
#include "widgets/compare_view.h"
#include "widgets/layer_table.h"
#include "widgets/layer_table_model.h"
#include "widgets/limit_gauges.h"
#include "widgets/mask_view.h"
#include "widgets/memory_timeline.h"
#include "widgets/network_view.h"
#include "widgets/pareto_view.h"
#include "widgets/project_panel.h"
#include "widgets/seed_picker.h"
#include "widgets/training_curves.h"

using secateur::studio::MainWindow;
using secateur::studio::recentProjects;

namespace {

secateur::Project smallProject(int searchEpochs = 2) {
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

QString outputPath(const QString& name) {
    QDir().mkpath(QStringLiteral(SECATEUR_TEST_OUTPUT));
    return QDir(QStringLiteral(SECATEUR_TEST_OUTPUT)).filePath(name);
}

// Saves `project` into `dir` and opens it in `window`.
void openProject(MainWindow& window, const QTemporaryDir& dir, const secateur::Project& project) {
    const QString path = dir.filePath(QStringLiteral("test.secproj"));
    project.save(path.toStdString());
    QVERIFY(window.openPath(path));
}

int answer(int button) {
    return button;
}

// Runs tests/python/SCRIPT DIR (the seeds it writes go to DIR).
void runPython(const char* script, const QString& dir) {
    QProcess python;
    python.start(QStringLiteral(SECATEUR_PYTHON),
                 {QStringLiteral(SECATEUR_SOURCE_DIR "/tests/python/") + script, dir});
    QVERIFY(python.waitForFinished(180000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
}

// Starts a search as Start does: the seed is read on a worker thread, then the run begins.
void startAndWait(MainWindow& window) {
    QSignalSpy imported(&window, &MainWindow::seedImportFinished);
    QVERIFY(window.startSearch());
    QVERIFY(window.isImportingSeed());  // startSearch returns before the seed is read
    QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, 60000);
    QVERIFY2(imported.at(0).at(0).toBool(), qPrintable(window.lastError()));
    QVERIFY(window.runPanel()->isRunning());
}

// A startSearch whose seed import must fail; the error is shown under the seed field.
void startAndExpectSeedError(MainWindow& window) {
    QSignalSpy imported(&window, &MainWindow::seedImportFinished);
    QVERIFY(window.startSearch());
    QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, 60000);
    QVERIFY(!imported.at(0).at(0).toBool());
    QVERIFY(!window.runPanel()->isRunning());
}

#define CHECKED(call)                           \
    do {                                        \
        call;                                   \
        if (QTest::currentTestFailed()) return; \
    } while (false)

secateur::Project torchScriptProject(const QTemporaryDir& dir, const char* file,
                                     secateur::Shape shape) {
    secateur::Project project = smallProject(1);
    project.seed.zoo.clear();
    project.seed.torchscript = dir.filePath(QString::fromLatin1(file)).toStdString();
    project.seed.inputShapes = {std::move(shape)};
    return project;
}

QListWidgetItem* keepWholeItem(MainWindow& window, const QString& path) {
    auto* list = window.projectPanel()->findChild<QListWidget*>(QStringLiteral("keep_whole"));
    for (int i = 0; list && i < list->count(); ++i)
        if (list->item(i)->data(Qt::UserRole).toString() == path) return list->item(i);
    return nullptr;
}

}  // namespace

class MainWindowTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void opensWithTheDefaultProject() {
        MainWindow window;
        window.openDefaultProject();
        window.show();
        QCOMPARE(window.document().project().seed.zoo, std::string("ds_cnn"));
        QVERIFY(window.document().isUntitled());
        QVERIFY(window.projectPanel()->isValid());
        QVERIFY(window.runPanel()->startButton()->isEnabled());
        QCOMPARE(window.tabs()->count(), 8);
        // Every ready project opens as an untitled copy; an unknown one is named.
        for (const char* name : {"ecg", "presence", "occupancy", "image", "kws"}) {
            QVERIFY(window.openReadyProject(QString::fromLatin1(name)));
            QCOMPARE(window.document().project().task, std::string(name));
            QVERIFY(window.document().isUntitled());
        }
        window.setQuestionHandler([](const QString&, const QString&, int) { return 0; });
        QVERIFY(!window.openReadyProject(QStringLiteral("nope")));
        QVERIFY(window.lastError().contains(QStringLiteral("nope.json")));
    }

    void aSearchUpdatesEveryViewAndLandsInTheHistory() {
        QTemporaryDir dir;
        MainWindow window;
        window.setQuestionHandler(
            [](const QString&, const QString&, int) { return answer(QMessageBox::Discard); });
        openProject(window, dir, smallProject());
        window.show();
        CHECKED(startAndWait(window));
        QTRY_VERIFY_WITH_TIMEOUT(window.viewUpdates() >= 3, 30000);
        QVERIFY(window.curves()->pointCount(QStringLiteral("task loss")) >= 3);
        // The device costs get gauges, and the execution plan its memory timeline.
        QVERIFY(window.gauges()->gaugeCount() >= 4);
        QVERIFY(window.memoryTimeline()->stepCount() > 5);
        QVERIFY(window.memoryTimeline()->peakStep() >= 0);
        QCOMPARE(window.layerTable()->model()->rowCount(), window.maskView()->layerCount());
        QVERIFY(window.maskView()->layerCount() > 5);
        QCOMPARE(window.networkView()->layerCount(), window.maskView()->layerCount());
        QVERIFY(!window.projectPanel()->isEditable());
        QTRY_VERIFY_WITH_TIMEOUT(!window.runPanel()->isRunning(), 120000);
        QVERIFY2(window.lastError().isEmpty(), qPrintable(window.lastError()));
        QVERIFY(window.curves()->pointCount(QStringLiteral("accuracy")) >= 4);
        QCOMPARE(window.history().runs().size(), size_t{1});
        QCOMPARE(window.paretoView()->pointCount(), 2);  // the run and the seed
        // Replay: the first snapshot still has every channel, the last one fewer.
        QVERIFY(window.timeline()->frameCount() >= 3);
        window.timeline()->choose(0);
        const auto firstKept = window.maskView()->keptOf(0);
        QCOMPARE(firstKept.first, firstKept.second);
        window.timeline()->choose(window.timeline()->frameCount() - 1);
        int64_t keptFirst = 0, keptLast = 0;
        for (const auto& d : window.timeline()->frames().front().decisions.layers)
            keptFirst += d.keptChannels;
        for (const auto& d : window.timeline()->frames().back().decisions.layers)
            keptLast += d.keptChannels;
        QVERIFY(keptLast < keptFirst);
        QVERIFY(window.compareView()->rowCount() > 5);
        QVERIFY(window.document().isModified());  // the run joined the project's history
        // Masks shrank: the strength is high enough that some layer lost channels.
        const auto& decisions = window.history().runs().front().summary.decisions;
        int64_t kept = 0, total = 0;
        for (const auto& d : decisions.layers) {
            kept += d.keptChannels;
            total += d.totalChannels;
        }
        QVERIFY(kept < total);
        // A second run with a weaker cost: two points to compare.
        secateur::Project weaker = window.document().project();
        weaker.search.strength = 0.05;
        window.projectPanel()->setProject(weaker);
        CHECKED(startAndWait(window));
        QTRY_VERIFY_WITH_TIMEOUT(!window.runPanel()->isRunning(), 120000);
        QCOMPARE(window.history().runs().size(), size_t{2});
        QCOMPARE(window.paretoView()->pointCount(), 3);
        // Renders of every view, for review and docs.
        const QStringList names{"live",   "curves",  "layers", "pareto",
                                "memory", "compare", "sweep",  "data"};
        for (int i = 0; i < window.tabs()->count(); ++i) {
            window.tabs()->setCurrentIndex(i);
            QVERIFY(window.grab().save(outputPath("studio_" + names[i] + ".png")));
        }
        // A picture of a view, and a clear refusal of a PDF of a view that has no vector form.
        window.tabs()->setCurrentIndex(1);
        QVERIFY(window.saveViewPicture(dir.filePath(QStringLiteral("curves.pdf"))));
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("curves.pdf"))).size() > 0);
        window.tabs()->setCurrentIndex(3);
        QVERIFY(window.saveViewPicture(dir.filePath(QStringLiteral("pareto.png"))));
        QVERIFY(!window.saveViewPicture(dir.filePath(QStringLiteral("pareto.pdf"))));
        QVERIFY(window.lastError().contains(QStringLiteral(".png")));
        // Save, reopen: settings and history come back.
        const QString saved = dir.filePath(QStringLiteral("saved.secproj"));
        QVERIFY(window.saveAs(saved));
        QVERIFY(!window.document().isModified());
        MainWindow reopened;
        QVERIFY(reopened.openPath(saved));
        QCOMPARE(reopened.history().runs().size(), size_t{2});
        QCOMPARE(reopened.paretoView()->pointCount(), 3);
        QCOMPARE(limitOn(reopened.projectPanel()->project().search.limits, "flash"), 64.0 * 1024);
        QCOMPARE(reopened.projectPanel()->project().search.strength, 0.05);
        QCOMPARE(reopened.projectPanel()->project().search.searchEpochs, 2);
        // Export the run as TorchScript and load it back.
        const QString id = QString::fromStdString(reopened.history().runs().front().summary.id);
        secateur::studio::ExportDialog exportDialog(reopened.history(), id);
        exportDialog.setTarget(dir.filePath(QStringLiteral("exported.pt")));
        QVERIFY(exportDialog.exportNow());
        const secateur::Graph exported = secateur::importTorchScript(
            exportDialog.writtenFile().toStdString(), {{{1, 1, 49, 10}}, {}, {}});
        QCOMPARE(static_cast<double>(secateur::measure(exported).count("params")),
                 reopened.history().runs().front().summary.costs.at("params"));
    }

    void pauseResumeAndStop() {
        QTemporaryDir dir;
        MainWindow window;
        openProject(window, dir, smallProject(20));
        CHECKED(startAndWait(window));
        QTRY_VERIFY_WITH_TIMEOUT(window.viewUpdates() >= 2, 30000);
        window.runPanel()->pause();
        QCOMPARE(window.runPanel()->pauseButton()->text(), QStringLiteral("Resume"));
        QTest::qWait(400);  // the step under way ends
        const int64_t paused = window.viewUpdates();
        QTest::qWait(600);
        QCOMPARE(window.viewUpdates(), paused);
        window.runPanel()->resume();
        QTRY_VERIFY_WITH_TIMEOUT(window.viewUpdates() > paused, 10000);
        window.runPanel()->stop();
        QTRY_VERIFY_WITH_TIMEOUT(!window.runPanel()->isRunning(), 30000);
        QCOMPARE(window.history().runs().size(), size_t{1});
        QVERIFY(window.history().runs().front().summary.cancelled);
        QVERIFY(QFileInfo::exists(window.history().runs().front().folder + "/checkpoint.pt"));
    }

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
        QTest::qWait(1100);  // the autosave must be newer than the file
        QFile(window.document().autosavePath()).open(QIODevice::Append);
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

    void invalidFieldsBlockStart() {
        QTemporaryDir dir;
        MainWindow window;
        secateur::Project bad = smallProject();
        bad.seed.zoo.clear();
        bad.seed.torchscript = dir.filePath(QStringLiteral("missing.pt")).toStdString();
        bad.seed.inputShapes = {{1, 3, 8, 8}};
        window.document().reset(bad);
        window.openPath(QString());  // an empty path is refused with a message
        QVERIFY(!window.lastError().isEmpty());
        window.projectPanel()->setProject(bad);
        QVERIFY(!window.projectPanel()->isValid());
        QVERIFY(!window.projectPanel()->fieldError(QStringLiteral("seed_file")).isEmpty());
        QVERIFY(!window.startSearch());
        QVERIFY(!window.runPanel()->isRunning());
    }

    // A limit the seed cannot meet even at its smallest is shown under its field once Start has
    // read the seed, and nothing trains.
    void anUnreachableLimitIsShownUnderItsField() {
        QTemporaryDir dir;
        MainWindow window;
        secateur::Project tight = smallProject();
        setLimit(tight.search.limits, "flash", 100.0);
        openProject(window, dir, tight);
        QSignalSpy imported(&window, &MainWindow::seedImportFinished);
        QVERIFY(window.startSearch());
        QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, 60000);
        QCOMPARE(imported.at(0).at(0).toBool(), false);
        const QString message = window.projectPanel()->fieldError(QStringLiteral("flash"));
        QVERIFY2(message.contains(QStringLiteral("cannot be met")), qPrintable(message));
        QVERIFY(message.contains(QStringLiteral("% over")));
        QCOMPARE(window.lastError(), message);
        QVERIFY(!window.runPanel()->isRunning());
        QVERIFY(window.history().runs().empty());
        QVERIFY(window.projectPanel()->isEditable());
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

        int ticks = 0;
        qint64 longestGap = 0;
        QElapsedTimer sinceTick, importTime;
        QTimer timer;
        timer.setInterval(10);
        QObject::connect(&timer, &QTimer::timeout, [&] {
            const qint64 gap = sinceTick.restart();
            if (!window.isImportingSeed()) return;
            ++ticks;
            longestGap = std::max(longestGap, gap);
        });
        QSignalSpy imported(&window, &MainWindow::seedImportFinished);
        sinceTick.start();
        timer.start();
        importTime.start();
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
        qInfo("import %lld ms; %d timer ticks meanwhile, the longest gap %lld ms",
              static_cast<long long>(importTime.elapsed()), ticks,
              static_cast<long long>(longestGap));
        QVERIFY2(ticks >= 3, "the window's event loop did not run while the seed was read");
        QVERIFY(longestGap < 1000);
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
        QTest::qWait(200);
    }

    void theWindowDoesNotChangeTheResult() {
        QTemporaryDir dir;
        const secateur::Project project = smallProject(1);
        const secateur::Graph seed = project.loadSeed();
        secateur::studio::SearchWorker worker;
        bool done = false;
        QObject::connect(&worker, &secateur::studio::SearchWorker::finished,
                         [&done](const QString&) { done = true; });
        QVERIFY(worker.start(project, seed, dir.filePath(QStringLiteral("run")), 1));
        QTRY_VERIFY_WITH_TIMEOUT(done, 120000);
        const secateur::RunSummary studio = secateur::loadRunSummary(
            dir.filePath(QStringLiteral("run/summary.json")).toStdString());

        secateur::SearchOptions options = project.search;
        options.threads = 1;
        const secateur::Task task = project.makeTask(seed);
        const secateur::SearchResult headless = secateur::runSearch(seed, task, options);
        QCOMPARE(studio.costs.at("params"), headless.measured.total("params"));
        QCOMPARE(studio.costs.at("macs"), headless.measured.total("macs"));
        QCOMPARE(studio.metrics.at("val_loss"), headless.metrics.at("val_loss"));
        QCOMPARE(studio.decisions.layers.size(), headless.decisions.layers.size());
        for (size_t i = 0; i < studio.decisions.layers.size(); ++i)
            QVERIFY(studio.decisions.layers[i].kept == headless.decisions.layers[i].kept);
    }
};

QTEST_MAIN(MainWindowTest)
#include "test_main_window.moc"
