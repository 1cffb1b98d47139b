// The data tab: a prepared dataset's splits and one sample; missing files named with the folders
// looked in, then fetched with the Download button from a local server and prepared.
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest/QtTest>
#include <cstdlib>

#include "app/studio/data_page.h"
#include "engine/project/project.h"
#include "tests/engine/local_server.h"
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
        QSignalSpy& settled = shown.settled;
        QTRY_COMPARE_WITH_TIMEOUT(settled.count(), 1, 60000);
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
        QCOMPARE(settled.count(), 1);
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

    void missingFilesAreDownloaded() {
        const std::string shared = std::getenv("SECATEUR_DATA");
        const QByteArray oldData = qgetenv("SECATEUR_DATA"), oldCache = qgetenv("SECATEUR_CACHE");
        QTemporaryDir data, cache;
        qputenv("SECATEUR_DATA", data.path().toUtf8());
        qputenv("SECATEUR_CACHE", cache.path().toUtf8());
        const secateur::RangeServer server(shared, {});
        qputenv("SECATEUR_DATA_MIRROR", QByteArray::fromStdString(server.base()));
        {
            Shown shown(presence());
            DataPage& page = shown.page;
            QSignalSpy& settled = shown.settled;
            QTRY_COMPARE_WITH_TIMEOUT(settled.count(), 1, 60000);
            auto* panel = page.panel();
            QCOMPARE(panel->pageName(), QStringLiteral("missing"));
            QVERIFY(!panel->downloadButton()->isHidden());
            QVERIFY(page.grab().save(outputPath(QStringLiteral("studio_data_missing.png"))));
            panel->downloadButton()->click();
            QVERIFY(page.isBusy());
            // Downloaded, verified, then prepared: the summary replaces the missing page.
            QTRY_COMPARE_WITH_TIMEOUT(settled.count(), 3, 120000);
            QVERIFY2(panel->errorText().isEmpty(), qPrintable(panel->errorText()));
            QCOMPARE(panel->pageName(), QStringLiteral("summary"));
            QCOMPARE(panel->splitTable()->rowCount(), 3);
        }
        qunsetenv("SECATEUR_DATA_MIRROR");
        qputenv("SECATEUR_DATA", oldData);
        if (oldCache.isNull())
            qunsetenv("SECATEUR_CACHE");
        else
            qputenv("SECATEUR_CACHE", oldCache);
    }
};

QTEST_MAIN(DataPageTest)
#include "test_data_page.moc"
