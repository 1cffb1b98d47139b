// The data panel and its sample view: what each kind of sample draws, the splits table, the
// missing-files page with its download, the sample chooser's requests, and renders.
#include <QComboBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <cmath>
#include <limits>

#include "tests/widgets/sample_data.h"
#include "widgets/data_panel.h"
#include "widgets/sample_view.h"

using secateur::DataSample;
using secateur::SampleKind;
using secateur::widgets::DataPanel;
using secateur::widgets::SampleView;

namespace {

// A smooth, distinct wave per channel: [channels, steps].
DataSample seriesSample(int64_t channels, int64_t steps) {
    DataSample s;
    s.kind = SampleKind::Series;
    s.shape = {channels, steps};
    for (int64_t c = 0; c < channels; ++c)
        for (int64_t t = 0; t < steps; ++t)
            s.values.push_back(static_cast<float>(std::sin(0.08 * (c + 1) * t + c) * (c + 1)));
    s.split = "train";
    s.index = 4;
    s.label = "walking";
    s.features =
        "series, " + std::to_string(channels) + " channels x " + std::to_string(steps) + " steps";
    return s;
}

DataSample audioSample(const secateur::Shape& shape) {
    DataSample s;
    s.kind = SampleKind::Audio;
    s.shape = shape;
    const int64_t frames = shape[shape.size() - 2], coefficients = shape.back();
    for (int64_t t = 0; t < frames; ++t)
        for (int64_t c = 0; c < coefficients; ++c)
            s.values.push_back(static_cast<float>(std::cos(0.2 * t) * (coefficients - c)));
    s.split = "validation";
    s.index = 7;
    s.label = "three";
    s.features = "audio features, 49 frames x 10 coefficients";
    return s;
}

DataSample imageSample(int64_t channels, int64_t size) {
    DataSample s;
    s.kind = SampleKind::Image;
    s.shape = {channels, size, size};
    s.values.assign(static_cast<size_t>(channels * size * size), 0.3F);
    s.split = "test";
    s.label = "7";
    s.features = "image, 28 x 28 pixels";
    return s;
}

secateur::DataSummary sampleSummary() {
    secateur::DataSummary summary;
    summary.dataset = "har";
    summary.title = "Human activity from a waist-worn phone";
    summary.sampleShape = {6, 128};
    summary.classes = {"walking", "upstairs", "downstairs", "sitting", "standing", "lying"};
    summary.featureKey = "3f2a9c";
    summary.cacheFolder = "/home/user/.cache/secateur/features/har-3f2a9c";
    summary.featureNotes = R"({"channels":["acc_x","acc_y","acc_z","gyro_x","gyro_y","gyro_z"],)"
                           R"("normalise":"per-channel","window":128,"stride":64})";
    const auto split = [](const char* name, int64_t samples, std::vector<int64_t> counts,
                          int groups, int firstGroup) {
        secateur::SplitSummary s;
        s.name = name;
        s.samples = samples;
        s.classCounts = std::move(counts);
        for (int g = 0; g < groups; ++g)
            s.groups.push_back("subject" + std::to_string(firstGroup + g));
        return s;
    };
    summary.splits = {split("train", 5881, {1000, 900, 800, 1100, 1200, 881}, 18, 1),
                      split("validation", 1471, {250, 220, 200, 270, 300, 231}, 3, 19),
                      split("test", 2947, {496, 471, 420, 491, 532, 537}, 9, 22)};
    return summary;
}

// The label that shows the download's progress line.
QString progressText(const DataPanel& panel) {
    for (const QLabel* label : panel.findChildren<QLabel*>())
        if (label->text().startsWith(QStringLiteral("file "))) return label->text();
    return {};
}

}  // namespace

class TestDataPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void seriesDrawsOneTracePerChannel() {
        SampleView view;
        view.setSample(seriesSample(3, 128));
        QCOMPARE(view.drawing(), QString("traces"));
        QCOMPARE(view.traceCount(), 3);
        QVERIFY(view.image().isNull());
    }

    void manyChannelsDrawSixteenTraces() {
        SampleView view;
        view.setSample(seriesSample(20, 50));
        QCOMPARE(view.traceCount(), 16);
        view.resize(400, 300);
        QVERIFY(secateur::test::saveRender(view, "sample_view_many_traces.png"));
        view.resize(320, 150);  // lanes lower than a line of text
        QVERIFY(secateur::test::saveRender(view, "sample_view_many_traces_small.png"));
    }

    void audioDrawsHeatmap() {
        DataSample s = audioSample({1, 49, 10});
        s.values[5 * 10 + 7] = 100.0F;    // frame 5, coefficient 7: the maximum
        s.values[40 * 10 + 2] = -100.0F;  // frame 40, coefficient 2: the minimum
        SampleView view;
        view.setSample(s);
        QCOMPARE(view.drawing(), QString("heatmap"));
        QCOMPARE(view.image().size(), QSize(49, 10));
        QCOMPARE(view.traceCount(), 0);
        // Coefficient 0 is the bottom row.
        const QRgb high = view.image().pixel(5, 9 - 7);
        const QRgb low = view.image().pixel(40, 9 - 2);
        QVERIFY(high != low);
        QVERIFY(qGray(high) > qGray(low));  // the ramp runs from dark to bright
        view.resize(480, 280);
        QVERIFY(secateur::test::saveRender(view, "sample_view_heatmap.png"));

        DataSample flat = audioSample({49, 10});
        view.setSample(flat);
        QCOMPARE(view.drawing(), QString("heatmap"));
        QCOMPARE(view.image().size(), QSize(49, 10));
    }

    void imageDrawsPicture() {
        DataSample s = imageSample(1, 28);
        s.values[3 * 28 + 4] = 1.0F;    // row 3, column 4: bright
        s.values[10 * 28 + 12] = 0.0F;  // row 10, column 12: dark
        SampleView view;
        view.setSample(s);
        QCOMPARE(view.drawing(), QString("picture"));
        QCOMPARE(view.image().size(), QSize(28, 28));
        QVERIFY(qGray(view.image().pixel(4, 3)) > qGray(view.image().pixel(12, 10)));
        QCOMPARE(qGray(view.image().pixel(4, 3)), 255);
        QCOMPARE(qGray(view.image().pixel(12, 10)), 0);
        view.resize(300, 240);
        QVERIFY(secateur::test::saveRender(view, "sample_view_picture.png"));

        DataSample colour = imageSample(3, 8);
        colour.values[0] = 1.0F;           // red plane, pixel (0, 0)
        colour.values[2 * 64 + 9] = 0.0F;  // blue plane, pixel (1, 1)
        view.setSample(colour);
        QCOMPARE(view.image().size(), QSize(8, 8));
        const QColor first = view.image().pixelColor(0, 0);
        QVERIFY(first.red() > first.green() && first.red() > first.blue());
        const QColor second = view.image().pixelColor(1, 1);
        QVERIFY(second.blue() < second.red());
    }

    void badShapesDrawNothing() {
        SampleView view;
        view.resize(300, 200);
        DataSample wrongCount = seriesSample(3, 10);
        wrongCount.values.pop_back();
        DataSample wrongRank = seriesSample(3, 10);
        wrongRank.shape = {1, 3, 10};
        DataSample twoChannelImage = imageSample(2, 4);
        DataSample batchedAudio = audioSample({2, 5, 10});
        DataSample negative = seriesSample(2, 2);
        negative.shape = {-2, -2};
        DataSample huge = seriesSample(2, 2);
        huge.shape = {std::numeric_limits<int64_t>::max(), 4};
        for (const DataSample& s :
             {wrongCount, wrongRank, twoChannelImage, batchedAudio, negative, huge}) {
            view.setSample(s);
            QVERIFY(view.hasSample());
            QCOMPARE(view.drawing(), QString());
            QVERIFY(view.image().isNull());
            QCOMPARE(view.traceCount(), 0);
            QVERIFY(!view.grab().isNull());
        }
        view.setSample(wrongRank);
        QVERIFY(secateur::test::saveRender(view, "sample_view_bad_shape.png"));
        view.clear();
        QVERIFY(!view.hasSample());
        QCOMPARE(view.drawing(), QString());
        QVERIFY(!view.grab().isNull());
    }

    void messageAndLoadingPages() {
        DataPanel panel;
        panel.showMessage("The synthetic task has no dataset");
        QCOMPARE(panel.pageName(), QString("message"));
        QCOMPARE(panel.messageText(), QString("The synthetic task has no dataset"));
        panel.showLoading("Preparing har…");
        QCOMPARE(panel.pageName(), QString("loading"));
    }

    void summaryTableHasOneRowPerSplit() {
        DataPanel panel;
        QSignalSpy requested(&panel, &DataPanel::sampleRequested);
        panel.setSummary(sampleSummary());
        QCOMPARE(panel.pageName(), QString("summary"));
        const QTableWidget* table = panel.splitTable();
        QCOMPARE(table->rowCount(), 3);
        QCOMPARE(table->columnCount(), 2 + 6 + 1);
        QCOMPARE(table->horizontalHeaderItem(0)->text(), QString("Split"));
        QCOMPARE(table->horizontalHeaderItem(1)->text(), QString("Samples"));
        QCOMPARE(table->horizontalHeaderItem(2)->text(), QString("walking"));
        QCOMPARE(table->horizontalHeaderItem(7)->text(), QString("lying"));
        QCOMPARE(table->horizontalHeaderItem(8)->text(), QString("Groups"));
        QCOMPARE(table->item(1, 0)->text(), QString("validation"));
        const QLocale locale;
        const auto number = [&](int row, int column) {
            bool ok = false;
            const qlonglong value = locale.toLongLong(table->item(row, column)->text(), &ok);
            return ok ? value : -1;
        };
        QCOMPARE(number(0, 1), 5881);
        QCOMPARE(number(0, 5), 1100);  // train, sitting
        QCOMPARE(number(1, 2), 250);   // validation, walking
        QCOMPARE(number(2, 7), 537);   // test, lying
        // 18 train subjects are too many for the cell: cut, and in full in the tooltip.
        const QTableWidgetItem* groups = table->item(0, 8);
        QVERIFY(groups->text().size() <= 60);
        QVERIFY(groups->text().startsWith("subject1 subject2"));
        QVERIFY(groups->toolTip().endsWith("subject18"));
        QCOMPARE(table->item(1, 8)->text(), QString("subject19 subject20 subject21"));
        QVERIFY(table->item(1, 8)->toolTip().isEmpty());
        // The chooser lists the splits without asking for a sample.
        QCOMPARE(panel.splitChooser()->count(), 3);
        QCOMPARE(panel.splitChooser()->itemText(2), QString("test"));
        QCOMPARE(requested.count(), 0);
    }

    void chooserAndNextSampleRequestSamples() {
        DataPanel panel;
        QSignalSpy requested(&panel, &DataPanel::sampleRequested);
        panel.setSummary(sampleSummary());
        panel.setSample(seriesSample(6, 128));  // train #4
        QCOMPARE(requested.count(), 0);
        QCOMPARE(panel.sampleView()->traceCount(), 6);
        QCOMPARE(panel.splitChooser()->currentText(), QString("train"));

        panel.nextSampleButton()->click();
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.at(0).at(0).toString(), QString("train"));
        QCOMPARE(requested.at(0).at(1).toLongLong(), 5);

        panel.splitChooser()->setCurrentIndex(2);
        QCOMPARE(requested.count(), 2);
        QCOMPARE(requested.at(1).at(0).toString(), QString("test"));
        QCOMPARE(requested.at(1).at(1).toLongLong(), 0);

        DataSample test = seriesSample(6, 128);
        test.split = "test";
        test.index = 0;
        panel.setSample(test);
        QCOMPARE(requested.count(), 2);
        panel.nextSampleButton()->click();
        QCOMPARE(requested.at(2).at(0).toString(), QString("test"));
        QCOMPARE(requested.at(2).at(1).toLongLong(), 1);

        // Setting a sample of another split moves the chooser without a request.
        DataSample validation = test;
        validation.split = "validation";
        validation.index = 12;
        panel.setSample(validation);
        QCOMPARE(panel.splitChooser()->currentText(), QString("validation"));
        QCOMPARE(requested.count(), 3);
    }

    void sampleErrorKeepsSummary() {
        DataPanel panel;
        panel.setSummary(sampleSummary());
        panel.showError("test sample 9 does not exist");
        QCOMPARE(panel.pageName(), QString("summary"));
        QCOMPARE(panel.errorText(), QString("test sample 9 does not exist"));
        bool shown = false;
        for (const QLabel* label : panel.findChildren<QLabel*>())
            shown |= label->isVisibleTo(&panel) && label->text() == panel.errorText();
        QVERIFY(shown);

        panel.showLoading("Preparing har…");
        panel.showError("the cache folder is read-only");
        QCOMPARE(panel.pageName(), QString("missing"));
        QCOMPARE(panel.errorText(), QString("the cache folder is read-only"));
    }

    void missingShowsFoldersAndDownload() {
        DataPanel panel;
        panel.showMissing("har: 2 of 8 files missing", {"/data/har", "/home/user/.local/har"},
                          true);
        QCOMPARE(panel.pageName(), QString("missing"));
        bool foldersShown = false;
        for (const QLabel* label : panel.findChildren<QLabel*>())
            foldersShown |= label->text().contains("/data/har") &&
                            label->text().contains("/home/user/.local/har");
        QVERIFY(foldersShown);
        QVERIFY(panel.downloadButton()->isVisibleTo(&panel));
        QVERIFY(panel.downloadButton()->isEnabled());
        QVERIFY(!panel.downloadBar()->isVisibleTo(&panel));
        QVERIFY(panel.errorText().isEmpty());

        panel.showMissing("my folder is empty", {"/home/user/mine"}, false);
        QVERIFY(!panel.downloadButton()->isVisibleTo(&panel));
    }

    void downloadFlow() {
        DataPanel panel;
        QSignalSpy download(&panel, &DataPanel::downloadRequested);
        QSignalSpy cancel(&panel, &DataPanel::cancelDownloadRequested);
        panel.showMissing("har: 2 of 8 files missing", {"/data/har"}, true);
        panel.downloadButton()->click();
        QCOMPARE(download.count(), 1);
        QVERIFY(!panel.downloadButton()->isEnabled());
        panel.downloadButton()->click();  // disabled: no second request
        QCOMPARE(download.count(), 1);
        QVERIFY(panel.downloadBar()->isVisibleTo(&panel));

        panel.setDownloadProgress("recordings/x.wav", 2, 5, 1200000, 3400000);
        QCOMPARE(panel.downloadBar()->maximum(), 3400000);
        QCOMPARE(panel.downloadBar()->value(), 1200000);
        QCOMPARE(progressText(panel), QString("file 2 of 5: recordings/x.wav, 1.2 MB of 3.4 MB"));

        panel.setDownloadProgress("recordings/y.wav", 3, 5, 4096, -1);
        QCOMPARE(panel.downloadBar()->minimum(), 0);
        QCOMPARE(panel.downloadBar()->maximum(), 0);
        QVERIFY(progressText(panel).startsWith("file 3 of 5: recordings/y.wav, "));

        // Larger than an int: the bar counts in coarser units.
        const qint64 big = 6'000'000'000;
        panel.setDownloadProgress("big.bin", 1, 1, big / 2, big);
        QVERIFY(panel.downloadBar()->maximum() > 0);
        QCOMPARE(panel.downloadBar()->value(), panel.downloadBar()->maximum() / 2);

        QPushButton* cancelButton = nullptr;
        for (QPushButton* b : panel.findChildren<QPushButton*>())
            if (b->text() == "Cancel") cancelButton = b;
        QVERIFY(cancelButton && cancelButton->isVisibleTo(&panel));
        cancelButton->click();
        QCOMPARE(cancel.count(), 1);

        panel.showError("connection reset by peer");
        QCOMPARE(panel.pageName(), QString("missing"));
        QCOMPARE(panel.errorText(), QString("connection reset by peer"));
        QVERIFY(panel.downloadButton()->isEnabled());
        QVERIFY(!cancelButton->isVisibleTo(&panel));
        // A late progress report does not bring the finished download back.
        panel.setDownloadProgress("recordings/y.wav", 3, 5, 8192, -1);
        QVERIFY(!panel.downloadBar()->isVisibleTo(&panel));

        panel.showMissing("har: 2 of 8 files missing", {"/data/har"}, true);
        QVERIFY(panel.errorText().isEmpty());
        QVERIFY(panel.downloadButton()->isEnabled());
    }

    void rendersSummary() {
        DataPanel panel;
        panel.setSummary(sampleSummary());
        panel.setSample(seriesSample(6, 128));
        panel.resize(760, 620);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(secateur::test::saveRender(panel, "data_panel_summary.png"));
        DataSample audio = audioSample({1, 49, 10});
        audio.split = "train";
        panel.setSample(audio);
        QVERIFY(secateur::test::saveRender(panel, "data_panel_audio.png"));
    }

    void rendersMissing() {
        DataPanel panel;
        panel.showMissing(
            "fsdd: 3 of 3000 files missing (recordings/0_george_0.wav, "
            "recordings/0_george_1.wav, recordings/0_george_2.wav) in /data/fsdd; run "
            "`secateur data get kws` or press Download",
            {"/data", "/home/user/.local/share/secateur/data"}, true);
        panel.downloadButton()->click();
        panel.setDownloadProgress("recordings/0_george_1.wav", 2, 3, 12000, 28000);
        panel.resize(640, 400);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(secateur::test::saveRender(panel, "data_panel_missing.png"));
        panel.showError("Download failed: connection reset by peer (recordings/0_george_1.wav)");
        QVERIFY(secateur::test::saveRender(panel, "data_panel_error.png"));
    }
};

QTEST_MAIN(TestDataPanel)
#include "test_data_panel.moc"
