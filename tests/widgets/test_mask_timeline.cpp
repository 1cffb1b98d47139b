// The replay slider: frames kept, thinned, chosen.
#include <QSignalSpy>
#include <QTest>

#include "tests/widgets/sample_data.h"
#include "widgets/mask_timeline.h"

using secateur::widgets::MaskFrame;
using secateur::widgets::MaskTimeline;

class MaskTimelineTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void keepsFramesAndReplaysThem() {
        MaskTimeline timeline(nullptr, 400);
        for (int i = 0; i <= 10; ++i) timeline.append(secateur::test::sampleSnapshot(i / 10.0));
        QCOMPARE(timeline.frameCount(), 11);
        QVERIFY(timeline.atNewest());
        QSignalSpy chosen(&timeline, &MaskTimeline::frameChosen);
        timeline.choose(0);
        QCOMPARE(chosen.count(), 1);
        const auto first = chosen.takeFirst();
        QCOMPARE(first.at(0).value<MaskFrame>().decisions.layers[0].keptChannels, int64_t{64});
        QVERIFY(!first.at(1).toBool());
        QVERIFY(!timeline.atNewest());
        // New frames do not move a user who is replaying.
        timeline.append(secateur::test::sampleSnapshot(1.0));
        QVERIFY(!timeline.atNewest());
        timeline.choose(timeline.frameCount() - 1);
        QVERIFY(chosen.takeFirst().at(1).toBool());
        QVERIFY(timeline.grab().save(
            QString::fromStdString(secateur::test::testOutputPath("mask_timeline.png"))));
    }

    void thinsLongSearchesKeepingTheNewest() {
        MaskTimeline timeline(nullptr, 10);
        for (int i = 0; i < 50; ++i) {
            secateur::Snapshot s = secateur::test::sampleSnapshot(i / 50.0);
            s.step = i;
            timeline.append(s);
        }
        QVERIFY(timeline.frameCount() <= 10);
        QVERIFY(timeline.frameCount() >= 5);
        QCOMPARE(timeline.frames().back().step, int64_t{49});
        QCOMPARE(timeline.frames().front().step, int64_t{0});
        for (size_t i = 1; i < timeline.frames().size(); ++i)
            QVERIFY(timeline.frames()[i].step > timeline.frames()[i - 1].step);
    }

    void emptyIsHarmless() {
        MaskTimeline timeline;
        timeline.choose(3);
        timeline.clear();
        QCOMPARE(timeline.frameCount(), 0);
    }
};

QTEST_MAIN(MaskTimelineTest)
#include "test_mask_timeline.moc"
