// The sweep tab on real data: a sweep started from the window, watched, stopped, resumed and
// opened again from its run folder; every point is drawn and replays from its snapshots.
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest/QtTest>
#include <cstdlib>
#include <set>

#include "app/studio/main_window.h"
#include "app/studio/sweep_page.h"
#include "tests/studio/scoped_env.h"
#include "widgets/mask_timeline.h"
#include "widgets/network_view.h"
#include "widgets/pareto_view.h"
#include "widgets/sweep_table.h"

using secateur::studio::MainWindow;
using secateur::studio::SweepPage;
using State = secateur::widgets::SweepRow::State;

namespace {

// The presence project with a small smoke budget (one baseline, two searches, seconds each),
// saved into `dir`.
QString smallPresence(const QTemporaryDir& dir, int seedEpochs = 1, int searchEpochs = 2) {
    secateur::Project project =
        secateur::Project::load(SECATEUR_SOURCE_DIR "/projects/presence.json");
    secateur::Budget& budget = project.budgets.at("smoke");
    budget.searchEpochs = searchEpochs;
    budget.strengths = {0.3, 1.0};
    budget.maxTrainSamples = 1024;
    budget.seedEpochs = seedEpochs;
    const QString path = dir.filePath(QStringLiteral("presence.json"));
    project.save(path.toStdString());
    return path;
}

QString openPresence(MainWindow& window, const QTemporaryDir& dir, int seedEpochs = 1) {
    const QString path = smallPresence(dir, seedEpochs);
    if (!window.openPath(path)) return {};
    window.sweepPage()->setBudget(QStringLiteral("smoke"));
    return path;
}

std::set<State> statesOf(const SweepPage& page) {
    std::set<State> states;
    for (const auto& row : page.table()->rows()) states.insert(row.state);
    return states;
}

QString outputPath(const QString& name) {
    QDir().mkpath(QStringLiteral(SECATEUR_TEST_OUTPUT));
    return QDir(QStringLiteral(SECATEUR_TEST_OUTPUT)).filePath(name);
}

}  // namespace

class SweepPageTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        // The sweeps run the presence project on its real data: without it they would only wait.
        QVERIFY2(std::getenv("SECATEUR_DATA"),
                 "run with SECATEUR_DATA set to the datasets' folder (make test does)");
    }

    void aSweepRunsStopsResumesAndReplays() {
        QTemporaryDir dir;
        MainWindow window;
        window.setQuestionHandler([](const QString&, const QString&, int) {
            return static_cast<int>(QMessageBox::Discard);
        });
        QVERIFY(!openPresence(window, dir).isEmpty());
        window.show();
        SweepPage& page = *window.sweepPage();
        QCOMPARE(page.table()->rowCount(), 4);  // seed, width-0.5, search-0.3, search-1
        QVERIFY(statesOf(page) == std::set<State>{State::Waiting});

        // Watch it run, and stop it once the first point is written.
        QVERIFY(page.start(false));
        QVERIFY(page.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(statesOf(page).count(State::Running) == 1, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(page.state().run && !page.state().run->points.empty(), 120000);
        page.stop();
        QTRY_VERIFY_WITH_TIMEOUT(!page.isRunning(), 60000);
        QVERIFY2(window.lastError().isEmpty(), qPrintable(window.lastError()));
        const QString folder = page.folder();
        const QString first = QString::fromStdString(page.state().run->points.front().name);
        const QString firstFile =
            QDir(folder).filePath(QStringLiteral("points/%1.json").arg(first));
        const QDateTime written = QFileInfo(firstFile).lastModified();
        QVERIFY2(page.statusLabel()->text().contains(QStringLiteral("Resume")),
                 qPrintable(page.statusLabel()->text()));

        // Resume ends the rest; the finished point is kept as it was.
        QVERIFY(page.start(true));
        QTRY_VERIFY_WITH_TIMEOUT(!page.isRunning(), 180000);
        QVERIFY2(window.lastError().isEmpty(), qPrintable(window.lastError()));
        QCOMPARE(QFileInfo(firstFile).lastModified(), written);
        QVERIFY(statesOf(page) == std::set<State>{State::Finished});
        QCOMPARE(page.pareto()->pointCount(), 4);
        QCOMPARE(page.pareto()->baselineCount(), 1);
        QVERIFY(page.table()->cellText(2, QStringLiteral("Test")) != QStringLiteral("-"));

        // Test metric on the y axis, then a point's architecture and its replay.
        page.pareto()->setMetricSplit(QStringLiteral("test"));
        QCOMPARE(page.pareto()->pointCount(), 4);
        page.selectPoint(QStringLiteral("search-1"));
        QVERIFY(page.networkView()->layerCount() > 3);
        QVERIFY(page.timeline()->frameCount() >= 2);
        QCOMPARE(page.table()->selected(), QStringLiteral("search-1"));
        window.showTab(secateur::studio::StudioTab::Sweep);
        QVERIFY(window.grab().save(outputPath(QStringLiteral("studio_sweep_finished.png"))));

        // Opened again from its folder (a new window, as a later session would).
        MainWindow later;
        QVERIFY(later.openPath(folder));
        QVERIFY(later.currentTab() == secateur::studio::StudioTab::Sweep);
        QCOMPARE(later.sweepPage()->folder(), QFileInfo(folder).absoluteFilePath());
        QCOMPARE(later.sweepPage()->table()->rowCount(), 4);
        QCOMPARE(later.sweepPage()->pareto()->pointCount(), 4);
        later.sweepPage()->selectPoint(QStringLiteral("width-0.5"));
        QVERIFY(later.sweepPage()->timeline()->frameCount() >= 2);
        QVERIFY(later.sweepPage()->networkView()->layerCount() > 3);
    }

    void aSweepStoppedWhileTheSeedTrainsResumes() {
        QTemporaryDir dir, cache;  // a fresh cache: the seed must train
        const secateur::test::ScopedEnv cacheEnv("SECATEUR_CACHE", cache.path().toUtf8());
        QString folder;
        {
            MainWindow window;
            QVERIFY(!openPresence(window, dir, 4).isEmpty());
            SweepPage& page = *window.sweepPage();
            QVERIFY(page.start(false));
            // Until the seed trains, or the sweep ends without it (its data missing, say).
            QTRY_VERIFY_WITH_TIMEOUT(
                page.state().latest.count(secateur::kSeedPoint) == 1 || !page.isRunning(), 120000);
            QVERIFY2(page.state().latest.count(secateur::kSeedPoint) == 1,
                     qPrintable(window.lastError() + " | " + page.statusLabel()->text()));
            page.stop();
            QTRY_VERIFY2_WITH_TIMEOUT(!page.isRunning(), qPrintable(page.statusLabel()->text()),
                                      60000);
            folder = page.folder();
        }
        QVERIFY(!QFileInfo::exists(QDir(folder).filePath(QStringLiteral("seed.json"))));
        MainWindow later;
        QVERIFY2(later.openPath(folder), qPrintable(later.lastError()));
        SweepPage& page = *later.sweepPage();
        QCOMPARE(page.table()->rowCount(), 4);
        QVERIFY(page.statusLabel()->text().contains(QStringLiteral("seed")));
        QVERIFY(page.start(true));
        QTRY_VERIFY2_WITH_TIMEOUT(!page.isRunning(), qPrintable(page.statusLabel()->text()),
                                  120000);
        QVERIFY2(later.lastError().isEmpty(), qPrintable(later.lastError()));
        QVERIFY(statesOf(page) == std::set<State>{State::Finished});
    }

    void followsASweepAnotherProcessRuns() {
        QTemporaryDir dir;
        const QString path = smallPresence(dir, 1, 3);
        const QString folder = dir.filePath(QStringLiteral("run"));
        QProcess cli;
        cli.start(
            QStringLiteral(SECATEUR_CLI),
            {QStringLiteral("search"), path, QStringLiteral("--budget"), QStringLiteral("smoke"),
             QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("--out"), folder});
        QVERIFY(cli.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(
            QFileInfo::exists(QDir(folder).filePath(QStringLiteral("seed.json"))), 120000);
        MainWindow window;
        QVERIFY2(window.openPath(folder), qPrintable(window.lastError()));
        SweepPage& page = *window.sweepPage();
        // Read the folder more often than a point takes, so that each point is seen running.
        page.setWatchInterval(50);
        QCOMPARE(page.table()->rowCount(), 4);
        bool sawRunning = false;
        for (int waited = 0;
             waited < 180000 && !(statesOf(page) == std::set<State>{State::Finished});
             waited += 20) {
            sawRunning = sawRunning || statesOf(page).count(State::Running) == 1;
            QTest::qWait(20);
        }
        QVERIFY(statesOf(page) == std::set<State>{State::Finished});  // without reopening
        QVERIFY(sawRunning);
        QTRY_COMPARE_WITH_TIMEOUT(cli.state(), QProcess::NotRunning, 60000);
        QCOMPARE(cli.exitCode(), 0);
        QCOMPARE(page.pareto()->pointCount(), 4);
    }

    void aFolderThatIsNoSweepIsRefused() {
        QTemporaryDir dir;
        MainWindow window;
        window.setQuestionHandler([](const QString&, const QString&, int) {
            return static_cast<int>(QMessageBox::Discard);
        });
        QDir(dir.path()).mkpath(QStringLiteral("empty"));
        QVERIFY(!window.openPath(dir.filePath(QStringLiteral("empty"))));
        QVERIFY(window.lastError().contains(QStringLiteral("seed.json")));
        QDir(dir.path()).mkpath(QStringLiteral("half"));
        QFile seed(dir.filePath(QStringLiteral("half/seed.json")));
        QVERIFY(seed.open(QIODevice::WriteOnly));
        seed.write("{}");
        seed.close();
        QVERIFY(!window.openPath(dir.filePath(QStringLiteral("half"))));
        QVERIFY(window.lastError().contains(QStringLiteral("project.json")));
        QVERIFY(!window.sweepPage()->start(true));  // nothing open to resume
    }
};

QTEST_MAIN(SweepPageTest)
#include "test_sweep_page.moc"
