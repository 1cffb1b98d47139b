// The data tab: a prepared dataset's splits and one sample; missing files named with the folders
// looked in, then fetched with the Download button from a local server and prepared.
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest/QtTest>
#include <cstdlib>
#include <fstream>

#include "app/studio/data_page.h"
#include "app/studio/main_window.h"
#include "engine/project/project.h"
#include "tests/engine/local_server.h"
#include "tests/studio/scoped_env.h"
#include "widgets/data_panel.h"
#include "widgets/sample_view.h"

using secateur::studio::DataPage;

namespace {

secateur::Project presence() {
    return secateur::Project::load(SECATEUR_SOURCE_DIR "/projects/presence.json");
}

QString outputPath(const QString& name) {
    QDir().mkpath(QStringLiteral(SECATEUR_TEST_OUTPUT));
    return QDir(QStringLiteral(SECATEUR_TEST_OUTPUT)).filePath(name);
}

// DIR/CLASS/NAME.csv: `rows` time steps of 3 channels.
void writeSeries(const QString& dir, const QString& cls, int index, int rows, double offset) {
    QDir().mkpath(dir + QLatin1Char('/') + cls);
    std::ofstream out(QStringLiteral("%1/%2/s%3.csv").arg(dir, cls).arg(index).toStdString());
    for (int r = 0; r < rows; ++r) out << offset + r * 0.1 << "," << r % 3 << "," << -r << "\n";
}

// A data page showing `project`, and the count of its settled signals.
struct Shown {
    explicit Shown(const secateur::Project& project) : settled(&page, &DataPage::settled) {
        page.resize(1000, 700);
        page.setProject(project);
    }
    DataPage page;
    QSignalSpy settled;
};

}  // namespace

class DataPageTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(std::getenv("SECATEUR_DATA"), "run with SECATEUR_DATA set (make test does)");
    }

    void showsSplitsAndSamples() {
        Shown shown(presence());
        DataPage& page = shown.page;
        QTRY_COMPARE_WITH_TIMEOUT(shown.settled.count(), 1, 60000);
        auto* panel = page.panel();
        QCOMPARE(panel->pageName(), QStringLiteral("summary"));
        QCOMPARE(panel->splitTable()->rowCount(), 3);
        QVERIFY(page.data());
        QCOMPARE(panel->sampleView()->drawing(), QStringLiteral("traces"));
        QCOMPARE(panel->sampleView()->sample().split, std::string("train"));
        QCOMPARE(panel->sampleView()->traceCount(), 16);
        // Another split, then the next sample of it.
        page.showSample(QStringLiteral("test"), 5);
        QCOMPARE(panel->sampleView()->sample().split, std::string("test"));
        QCOMPARE(panel->sampleView()->sample().index, int64_t{5});
        panel->nextSampleButton()->click();
        QCOMPARE(panel->sampleView()->sample().index, int64_t{6});
        // An index past the end wraps around instead of failing.
        page.showSample(QStringLiteral("test"), 1000000000);
        QVERIFY(panel->sampleView()->hasSample());
        QVERIFY(page.grab().save(outputPath(QStringLiteral("studio_data_presence.png"))));
        // The same data again: nothing is prepared twice.
        page.setProject(presence());
        QCOMPARE(shown.settled.count(), 1);
        // The synthetic task has no dataset.
        page.setProject(secateur::Project{});
        QCOMPARE(panel->pageName(), QStringLiteral("message"));
    }

    void drawsAudioAndPictures() {
        for (const char* name : {"kws", "image"}) {
            secateur::Project project = secateur::Project::load(
                std::string(SECATEUR_SOURCE_DIR "/projects/") + name + ".json");
            Shown shown(project);
            DataPage& page = shown.page;
            QTRY_COMPARE_WITH_TIMEOUT(shown.settled.count(), 1, 120000);
            QCOMPARE(page.panel()->pageName(), QStringLiteral("summary"));
            QCOMPARE(page.panel()->sampleView()->drawing(),
                     QString::fromLatin1(name == std::string("kws") ? "heatmap" : "picture"));
            QVERIFY(!page.panel()->sampleView()->image().isNull());
            QVERIFY(page.grab().save(outputPath(QStringLiteral("studio_data_%1.png").arg(name))));
        }
    }

    void aFolderOfYourOwnBecomesTheData() {
        QTemporaryDir dir;
        for (int i = 0; i < 20; ++i) {
            writeSeries(dir.path(), QStringLiteral("calm"), i, 30, 0.0);
            writeSeries(dir.path(), QStringLiteral("busy"), i, 30, 5.0);
        }
        secateur::studio::MainWindow window;
        window.openDefaultProject();
        const std::string before = window.document().project().task;
        QVERIFY(window.useDataFolder(dir.path()));
        QCOMPARE(window.document().project().task, std::string("folder"));
        QCOMPARE(window.document().project().data.folder, dir.path().toStdString());
        QTRY_COMPARE_WITH_TIMEOUT(window.dataPage()->panel()->pageName(), QStringLiteral("summary"),
                                  60000);
        QCOMPARE(window.dataPage()->data()->summary.classes,
                 (std::vector<std::string>{"busy", "calm"}));
        QCOMPARE(window.dataPage()->panel()->sampleView()->traceCount(), 3);
        window.undoStack().undo();
        QCOMPARE(window.document().project().task, before);
        // A folder that cannot be used is refused with the file at fault; the project stays.
        QDir(dir.path()).mkpath(QStringLiteral("empty"));
        QVERIFY(!window.useDataFolder(dir.path()));
        QVERIFY2(window.lastError().contains(QStringLiteral("empty")),
                 qPrintable(window.lastError()));
        QCOMPARE(window.document().project().task, before);
    }

    void missingFilesAreDownloaded() {
        const std::string shared = std::getenv("SECATEUR_DATA");
        QTemporaryDir data, cache;
        const secateur::RangeServer server(shared, {});
        const secateur::test::ScopedEnv dataEnv("SECATEUR_DATA", data.path().toUtf8());
        const secateur::test::ScopedEnv cacheEnv("SECATEUR_CACHE", cache.path().toUtf8());
        const secateur::test::ScopedEnv mirror("SECATEUR_DATA_MIRROR",
                                               QByteArray::fromStdString(server.base()));
        Shown shown(presence());
        QTRY_COMPARE_WITH_TIMEOUT(shown.settled.count(), 1, 60000);
        auto* panel = shown.page.panel();
        QCOMPARE(panel->pageName(), QStringLiteral("missing"));
        QVERIFY(!panel->downloadButton()->isHidden());
        QVERIFY(shown.page.grab().save(outputPath(QStringLiteral("studio_data_missing.png"))));
        panel->downloadButton()->click();
        QVERIFY(shown.page.isBusy());
        // Downloaded, verified, then prepared: the summary replaces the missing page.
        QTRY_COMPARE_WITH_TIMEOUT(shown.settled.count(), 3, 120000);
        QVERIFY2(panel->errorText().isEmpty(), qPrintable(panel->errorText()));
        QCOMPARE(panel->pageName(), QStringLiteral("summary"));
        QCOMPARE(panel->splitTable()->rowCount(), 3);
    }
};

QTEST_MAIN(DataPageTest)
#include "test_data_page.moc"
