// The studio's window driven as a user would through its searches, on the synthetic task with a
// real (small) search: every view updates, pause, resume and stop, what blocks Start, and the
// window never changes a result. The project side is in test_main_window_project.cpp.
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include "app/studio/export_dialog.h"
#include "app/studio/main_window.h"
#include "app/studio/run_panel.h"
#include "engine/cost/cost.h"
#include "engine/import/torchscript_import.h"
#include "engine/runs/run_summary.h"
#include "engine/search/task.h"
#include "tests/studio/window_support.h"
#include "widgets/compare_view.h"
#include "widgets/layer_table.h"
#include "widgets/layer_table_model.h"
#include "widgets/limit_gauges.h"
#include "widgets/mask_timeline.h"
#include "widgets/mask_view.h"
#include "widgets/memory_timeline.h"
#include "widgets/network_view.h"
#include "widgets/pareto_view.h"
#include "widgets/project_panel.h"
#include "widgets/training_curves.h"

using secateur::studio::MainWindow;
using secateur::test::answer;
using secateur::test::openProject;
using secateur::test::outputPath;
using secateur::test::smallProject;
using secateur::test::startAndWait;

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
        QCOMPARE(window.tabs()->count(), static_cast<int>(secateur::studio::kStudioTabs.size()));
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
        // Renders of every view, for review and docs; each tab is found by its id.
        for (const secateur::studio::StudioTabName& tab : secateur::studio::kStudioTabs) {
            window.showTab(tab.tab);
            QVERIFY(window.currentTab() == tab.tab);
            QCOMPARE(window.tabs()->tabText(window.tabs()->currentIndex()),
                     secateur::studio::studioTabTitle(tab.tab));
            QVERIFY(window.grab().save(
                outputPath(QStringLiteral("studio_%1.png").arg(QLatin1String(tab.name)))));
        }
        // A picture of a view, and a clear refusal of a PDF of a view that has no vector form.
        window.showTab(secateur::studio::StudioTab::Curves);
        QVERIFY(window.saveViewPicture(dir.filePath(QStringLiteral("curves.pdf"))));
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("curves.pdf"))).size() > 0);
        window.showTab(secateur::studio::StudioTab::Pareto);
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
        QCOMPARE(window.runPanel()->state(), secateur::widgets::RunState::Paused);
        // Paused, the views stop updating once the step under way has ended: waited for as "no
        // snapshot for a whole second" (a running search delivers one every 50 ms), and then the
        // engine's mailbox holds nothing new either.
        QElapsedTimer sinceUpdate;
        sinceUpdate.start();
        int64_t seen = window.viewUpdates();
        const auto quiet = [&] {
            if (window.viewUpdates() != seen) {
                seen = window.viewUpdates();
                sinceUpdate.restart();
            }
            return sinceUpdate.elapsed() >= 1000;
        };
        QTRY_VERIFY_WITH_TIMEOUT(quiet(), 30000);
        QVERIFY(!window.runPanel()->worker().takeStep());
        QVERIFY(window.runPanel()->isRunning());
        const int64_t paused = window.viewUpdates();
        window.runPanel()->resume();
        QCOMPARE(window.runPanel()->state(), secateur::widgets::RunState::Running);
        QTRY_VERIFY_WITH_TIMEOUT(window.viewUpdates() > paused, 10000);
        window.runPanel()->stop();
        QCOMPARE(window.runPanel()->state(), secateur::widgets::RunState::Stopping);
        QTRY_VERIFY_WITH_TIMEOUT(!window.runPanel()->isRunning(), 30000);
        QCOMPARE(window.runPanel()->state(), secateur::widgets::RunState::Stopped);
        QCOMPARE(window.history().runs().size(), size_t{1});
        QVERIFY(window.history().runs().front().summary.cancelled);
        QVERIFY(QFileInfo::exists(window.history().runs().front().folder + "/checkpoint.pt"));
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
