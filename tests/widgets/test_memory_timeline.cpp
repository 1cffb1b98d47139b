// The memory timeline: one bar per plan step, the peak marked, the peak RAM limit drawn.
#include <QLabel>
#include <QtTest>
#include <algorithm>

#include "tests/widgets/sample_data.h"
#include "widgets/custom_plot.h"
#include "widgets/memory_timeline.h"

using secateur::test::sampleSnapshot;
using secateur::test::toolTipAt;
using secateur::widgets::MemoryTimeline;

namespace {

secateur::Snapshot withRamLimit(secateur::Snapshot snapshot, double limit) {
    const double peak = snapshot.costs.at("peak_ram");
    snapshot.limits.push_back({"peak_ram", limit, peak, peak <= limit});
    return snapshot;
}

// A plan of `steps` steps with a single peak at `peakStep`.
secateur::Snapshot longPlan(int steps, int peakStep) {
    secateur::Snapshot snapshot;
    for (int i = 0; i < steps; ++i) {
        snapshot.liveSteps.push_back("backbone.block" + std::to_string(i) + ".conv");
        snapshot.liveBytes.push_back(i == peakStep ? 40000.0 : 4000.0 + 300.0 * (i % 7));
    }
    return snapshot;
}

QCPAxisTickerText* stepTicker(const MemoryTimeline& timeline) {
    return static_cast<QCPAxisTickerText*>(timeline.plot()->xAxis->ticker().data());
}

void showAndReplot(MemoryTimeline& timeline) {
    timeline.show();
    QVERIFY(QTest::qWaitForWindowExposed(&timeline));
    timeline.plot()->replot();
}

}  // namespace

class TestMemoryTimeline : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void barsFollowThePlan() {
        MemoryTimeline timeline;
        timeline.resize(800, 300);  // wide enough for every node's name
        const secateur::Snapshot early = sampleSnapshot(0.0);
        timeline.setSnapshot(early);
        QCOMPARE(timeline.stepCount(), 5);
        // The pointwise conv holds the most: its 64 inputs and 128 outputs.
        QCOMPARE(timeline.peakStep(), 3);
        const double peak = early.liveBytes[3];
        QCOMPARE(peak, early.costs.at("peak_ram"));
        QCOMPARE(timeline.peakText(), QStringLiteral("peak 36.8 kB at features.3.pw"));
        QVERIFY(!timeline.limitBytes().has_value());  // the sample limits flash only
        QCOMPARE(stepTicker(timeline)->ticks().size(), 5);
        QCOMPARE(stepTicker(timeline)->ticks().value(3), QStringLiteral("features.3.pw"));

        // Later, fewer channels are kept and less memory is live.
        timeline.setSnapshot(sampleSnapshot(1.0));
        QCOMPARE(timeline.stepCount(), 5);
        QVERIFY(timeline.peakText().startsWith(QStringLiteral("peak ")));
        QVERIFY(timeline.peakText() != QStringLiteral("peak 36.8 kB at features.3.pw"));
    }

    void limitLineAndPeakOverIt() {
        MemoryTimeline timeline;
        timeline.setSnapshot(withRamLimit(sampleSnapshot(0.0), 32 * 1024));
        QCOMPARE(timeline.limitBytes(), std::optional<double>(32 * 1024));
        QVERIFY(timeline.peakOverLimit());
        const auto texts = [&] {
            QStringList shown;
            for (int i = 0; i < timeline.plot()->itemCount(); ++i) {
                const auto* text = qobject_cast<QCPItemText*>(timeline.plot()->item(i));
                if (text != nullptr && text->visible()) shown << text->text();
            }
            return shown;
        };
        QVERIFY(texts().contains(QStringLiteral("limit 32 kB")));
        QVERIFY(texts().contains(timeline.peakText()));
        timeline.setSnapshot(withRamLimit(sampleSnapshot(1.0), 32 * 1024));
        QVERIFY(!timeline.peakOverLimit());
        // Without a limit the line goes.
        timeline.setSnapshot(sampleSnapshot(1.0));
        QVERIFY(!timeline.limitBytes().has_value());
        QVERIFY(!texts().contains(QStringLiteral("limit 32 kB")));
    }

    void tooltipNamesStepNodeAndBytes() {
        MemoryTimeline timeline;
        timeline.resize(640, 320);
        timeline.setSnapshot(withRamLimit(sampleSnapshot(0.0), 32 * 1024));
        showAndReplot(timeline);
        const QRect peakBar = timeline.barRect(3);
        QVERIFY(!peakBar.isEmpty());
        const auto tip = toolTipAt(*timeline.plot(), peakBar.center());
        QVERIFY(tip.has_value());
        QVERIFY2(tip->contains(QStringLiteral("Step 4 of 5: features.3.pw")), qPrintable(*tip));
        QVERIFY(tip->contains(QStringLiteral("36.8 kB")));
        QVERIFY(tip->contains(QLocale().toString(37632) + QStringLiteral(" bytes")));
        QVERIFY(tip->contains(QStringLiteral("the peak of the plan")));
        QVERIFY(tip->contains(QStringLiteral("over the 32 kB limit")));
        const auto first = toolTipAt(*timeline.plot(), timeline.barRect(0).center());
        QVERIFY(first->contains(QStringLiteral("features.0.conv")));
        QVERIFY(!first->contains(QStringLiteral("peak")));
        // Between bars: the view's own tooltip.
        const QPoint gap((timeline.barRect(0).right() + timeline.barRect(1).left()) / 2,
                         timeline.barRect(0).bottom() - 2);
        QVERIFY(timeline.barToolTip(gap).isEmpty());
    }

    void longPlansThinTheirLabels() {
        MemoryTimeline timeline;
        timeline.resize(480, 300);
        timeline.setSnapshot(longPlan(60, 41));
        showAndReplot(timeline);
        QCOMPARE(timeline.stepCount(), 60);
        QCOMPARE(timeline.peakStep(), 41);
        const int labels = static_cast<int>(stepTicker(timeline)->ticks().size());
        QVERIFY2(labels > 3 && labels < 60, qPrintable(QString::number(labels)));
        QVERIFY(timeline.plot()->xAxis->tickLabelRotation() != 0.0);
        // Every bar keeps its full name in its tooltip.
        QVERIFY(timeline.barToolTip(timeline.barRect(7).center())
                    .contains(QStringLiteral("backbone.block7.conv")));
        QVERIFY(secateur::test::saveRender(timeline, "memory_timeline_long.png"));
    }

    void emptyShowsAHint() {
        MemoryTimeline timeline;
        QCOMPARE(timeline.stepCount(), 0);
        QCOMPARE(timeline.peakStep(), -1);
        QVERIFY(timeline.peakText().isEmpty());
        timeline.setSnapshot(sampleSnapshot(0.5));
        timeline.clear();
        QCOMPARE(timeline.stepCount(), 0);
        bool hinted = false;
        for (const QLabel* label : timeline.findChildren<QLabel*>())
            hinted = hinted || (label->isVisibleTo(&timeline) &&
                                label->text() == QStringLiteral("no execution plan yet"));
        QVERIFY(hinted);
        QVERIFY(!timeline.plot()->isVisibleTo(&timeline));
        timeline.resize(400, 240);
        QVERIFY(secateur::test::saveRender(timeline, "memory_timeline_empty.png"));
    }

    void rendersToPng() {
        MemoryTimeline timeline;
        timeline.resize(640, 320);
        timeline.setSnapshot(withRamLimit(sampleSnapshot(0.0), 32 * 1024));
        showAndReplot(timeline);
        QVERIFY(secateur::test::saveRender(timeline, "memory_timeline.png"));
        timeline.setSnapshot(withRamLimit(sampleSnapshot(0.8), 32 * 1024));
        timeline.plot()->replot();
        QVERIFY(secateur::test::saveRender(timeline, "memory_timeline_within.png"));
    }
};

QTEST_MAIN(TestMemoryTimeline)
#include "test_memory_timeline.moc"
