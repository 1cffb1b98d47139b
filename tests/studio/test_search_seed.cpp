// The Search tab searches from the trained seed when the project has a "demo" budget: the seed
// trains first (shown as the warm-up), the Pareto view's seed point is that trained seed, and a
// stop during the seed's training leaves no run behind.
#include <QDir>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>

#include "app/studio/main_window.h"
#include "app/studio/run_panel.h"
#include "scoped_env.h"

using secateur::studio::MainWindow;

namespace {

secateur::Project trainedSeedProject(int seedEpochs) {
    secateur::Project p;
    p.name = "test";
    p.seed.zoo = "ds_cnn";
    p.search.warmupEpochs = 1;
    p.search.searchEpochs = 1;
    p.search.finetuneEpochs = 1;
    p.search.strength = 0.5;
    secateur::Budget demo;
    demo.seedEpochs = seedEpochs;
    demo.maxTrainSamples = 128;
    p.budgets["demo"] = demo;
    return p;
}

void openProject(MainWindow& window, const QTemporaryDir& dir, const secateur::Project& project) {
    const QString path = dir.filePath(QStringLiteral("test.secproj"));
    project.save(path.toStdString());
    QVERIFY(window.openPath(path));
}

void startAndWait(MainWindow& window) {
    QSignalSpy imported(&window, &MainWindow::seedImportFinished);
    QVERIFY(window.startSearch());
    QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, 60000);
    QVERIFY2(imported.at(0).at(0).toBool(), qPrintable(window.lastError()));
    QVERIFY(window.runPanel()->isRunning());
}

}  // namespace

class SearchSeedTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theParetoSeedIsTheTrainedSeed() {
        QTemporaryDir dir, cache;
        const secateur::test::ScopedEnv env("SECATEUR_CACHE", cache.path().toUtf8());
        MainWindow window;
        window.setQuestionHandler([](const QString&, const QString&, int) { return 0; });
        openProject(window, dir, trainedSeedProject(2));
        startAndWait(window);
        QTRY_VERIFY_WITH_TIMEOUT(!window.runPanel()->isRunning(), 120000);
        QVERIFY2(window.lastError().isEmpty(), qPrintable(window.lastError()));
        QCOMPARE(window.history().runs().size(), size_t{1});
        const auto& summary = window.history().runs().front().summary;
        QCOMPARE(summary.seedTrainedEpochs, 2);
        QVERIFY(summary.seedMetrics.count("val_accuracy"));
        const auto points = window.history().paretoPoints();
        const auto seed =
            std::find_if(points.begin(), points.end(), [](const auto& p) { return p.seed; });
        QVERIFY(seed != points.end());
        QCOMPARE(seed->label, QStringLiteral("trained seed (2 epochs)"));
        QCOMPARE(seed->accuracy, summary.seedMetrics.at("val_accuracy"));
        // The run folder's project.json records the settings the search ran with: no warm-up.
        const QString saved =
            QDir(window.history().runs().front().folder).filePath(QStringLiteral("project.json"));
        QCOMPARE(secateur::Project::load(saved.toStdString()).search.warmupEpochs, 0);
    }

    void aStopWhileTheSeedTrainsLeavesNoRun() {
        QTemporaryDir dir, cache;
        const secateur::test::ScopedEnv env("SECATEUR_CACHE", cache.path().toUtf8());
        MainWindow window;
        window.setQuestionHandler([](const QString&, const QString&, int) { return 0; });
        openProject(window, dir, trainedSeedProject(200));
        startAndWait(window);
        window.runPanel()->stop();
        QTRY_VERIFY_WITH_TIMEOUT(!window.runPanel()->isRunning(), 60000);
        QCOMPARE(window.runPanel()->state(), secateur::widgets::RunState::StoppedWhileSeedTrained);
        QVERIFY(window.runPanel()->stateText().contains(QStringLiteral("seed")));
        QVERIFY2(window.lastError().isEmpty(), qPrintable(window.lastError()));
        QCOMPARE(window.history().runs().size(), size_t{0});
        QVERIFY(window.runPanel()->startButton()->isEnabled());
    }
};

QTEST_MAIN(SearchSeedTest)
#include "test_search_seed.moc"
