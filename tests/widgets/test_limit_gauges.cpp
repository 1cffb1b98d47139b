// The device-cost gauges: one per cost in a fixed order, texts, and states that follow the limits.
#include <QLabel>
#include <QLocale>
#include <QtTest>

#include "tests/widgets/sample_data.h"
#include "widgets/cost_texts.h"
#include "widgets/limit_gauges.h"

using secateur::test::kSampleFlashLimit;
using secateur::test::sampleSnapshot;
using secateur::widgets::costValueText;
using secateur::widgets::LimitGauges;
using State = secateur::widgets::LimitGauges::GaugeState;

namespace {

// `snapshot` with `cost` at `value` and limited to `limit` (met as the engine decides it).
secateur::Snapshot withLimit(secateur::Snapshot snapshot, const std::string& cost, double value,
                             double limit) {
    snapshot.costs[cost] = value;
    snapshot.limits.erase(
        std::remove_if(snapshot.limits.begin(), snapshot.limits.end(),
                       [&](const secateur::LimitStatus& status) { return status.cost == cost; }),
        snapshot.limits.end());
    snapshot.limits.push_back({cost, limit, value, value <= limit});
    return snapshot;
}

}  // namespace

class TestLimitGauges : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readableValues() {
        QCOMPARE(costValueText(42188, QStringLiteral("byte")), QStringLiteral("41.2 kB"));
        QCOMPARE(costValueText(65536, QStringLiteral("byte")), QStringLiteral("64 kB"));
        QCOMPARE(costValueText(512, QStringLiteral("byte")), QStringLiteral("512 B"));
        QCOMPARE(costValueText(3.5 * 1024 * 1024, QStringLiteral("byte")),
                 QStringLiteral("3.5 MB"));
        QCOMPARE(costValueText(15.873, QStringLiteral("ms")), QStringLiteral("15.9 ms"));
        QCOMPARE(costValueText(0.52, QStringLiteral("ms")), QStringLiteral("520 µs"));
        QCOMPARE(costValueText(2500, QStringLiteral("ms")), QStringLiteral("2.5 s"));
        QCOMPARE(costValueText(1840, QStringLiteral("µJ")), QStringLiteral("1.84 mJ"));
        QCOMPARE(costValueText(0, QStringLiteral("µJ")), QStringLiteral("0 µJ"));
        QCOMPARE(costValueText(39400, QStringLiteral("parameter")),
                 QStringLiteral("39.4k parameters"));
        QCOMPARE(costValueText(1, QStringLiteral("MAC")), QStringLiteral("1 MAC"));
    }

    void oneGaugePerDeviceCostInOrder() {
        LimitGauges gauges;
        QCOMPARE(gauges.gaugeCount(), 0);
        secateur::Snapshot snapshot = sampleSnapshot(0.0);
        gauges.setSnapshot(snapshot);
        QCOMPARE(gauges.gaugeCount(), 4);  // flash, peak RAM, latency, energy; counts have none
        QCOMPARE(gauges.state(QStringLiteral("params")), State::NoLimit);
        QVERIFY(gauges.text(QStringLiteral("params")).isEmpty());
        QCOMPARE(gauges.gaugeCosts(),
                 (QStringList{QStringLiteral("flash"), QStringLiteral("peak_ram"),
                              QStringLiteral("latency_ms"), QStringLiteral("energy_uj")}));
        // Each gauge is named by the cost's label.
        QVERIFY(
            gauges.toolTipOf(QStringLiteral("peak_ram")).startsWith(QStringLiteral("Peak RAM: ")));
        QVERIFY(gauges.findChildren<QLabel*>().size() >= 8);

        // A limit on a count adds its gauge after the device costs.
        snapshot = withLimit(snapshot, "params", snapshot.costs.at("params"), 50000);
        gauges.setSnapshot(snapshot);
        QCOMPARE(gauges.gaugeCount(), 5);
        QCOMPARE(gauges.gaugeCosts().back(), QStringLiteral("params"));
        QCOMPARE(gauges.state(QStringLiteral("params")), State::Within);
        QVERIFY(gauges.text(QStringLiteral("params")).endsWith(QStringLiteral("/ 50k parameters")));
        gauges.clear();
        QCOMPARE(gauges.gaugeCount(), 0);
    }

    void textsNameValueAndLimit() {
        LimitGauges gauges;
        secateur::Snapshot snapshot = withLimit(sampleSnapshot(0.5), "flash", 42188, 65536);
        snapshot.costs["latency_ms"] = 15.873;
        snapshot.costs["energy_uj"] = 1840;
        gauges.setSnapshot(snapshot);
        QCOMPARE(gauges.text(QStringLiteral("flash")), QStringLiteral("41.2 kB / 64 kB"));
        QCOMPARE(gauges.text(QStringLiteral("latency_ms")), QStringLiteral("15.9 ms"));
        QCOMPARE(gauges.text(QStringLiteral("energy_uj")), QStringLiteral("1.84 mJ"));
        const QString flashTip = gauges.toolTipOf(QStringLiteral("flash"));
        QVERIFY2(flashTip.contains(QLocale().toString(42188) + QStringLiteral(" bytes")),
                 qPrintable(flashTip));
        QVERIFY(flashTip.contains(QLocale().toString(65536) + QStringLiteral(" bytes")));
        QVERIFY(flashTip.contains(QStringLiteral("64.4 % of the limit: within")));
        QVERIFY(
            gauges.toolTipOf(QStringLiteral("latency_ms")).contains(QStringLiteral("no limit")));
    }

    void statesFlipWhenValuesCrossLimits() {
        LimitGauges gauges;
        // The sample's flash starts over its limit and ends within it.
        const secateur::Snapshot early = sampleSnapshot(0.0);
        QVERIFY(early.costs.at("flash") > kSampleFlashLimit);
        gauges.setSnapshot(early);
        QCOMPARE(gauges.state(QStringLiteral("flash")), State::Over);
        QVERIFY(gauges.toolTipOf(QStringLiteral("flash")).contains(QStringLiteral("over by")));
        QCOMPARE(gauges.state(QStringLiteral("peak_ram")), State::NoLimit);
        const QList<QLabel*> labels = gauges.findChildren<QLabel*>();
        gauges.setSnapshot(sampleSnapshot(1.0));
        QCOMPARE(gauges.state(QStringLiteral("flash")), State::Within);
        // Same costs: the gauges were updated in place, not rebuilt.
        QCOMPARE(gauges.findChildren<QLabel*>(), labels);

        secateur::Snapshot ram = withLimit(sampleSnapshot(1.0), "peak_ram", 20000, 16 * 1024);
        gauges.setSnapshot(ram);
        QCOMPARE(gauges.state(QStringLiteral("peak_ram")), State::Over);
        QCOMPARE(gauges.text(QStringLiteral("peak_ram")), QStringLiteral("19.5 kB / 16 kB"));
        ram = withLimit(ram, "peak_ram", 12000, 16 * 1024);
        gauges.setSnapshot(ram);
        QCOMPARE(gauges.state(QStringLiteral("peak_ram")), State::Within);
        QCOMPARE(gauges.gaugeCount(), 4);
    }

    void rendersToPng() {
        LimitGauges gauges;
        gauges.resize(360, 150);
        secateur::Snapshot snapshot = withLimit(sampleSnapshot(0.3), "peak_ram", 20000, 16 * 1024);
        snapshot = withLimit(snapshot, "latency_ms", snapshot.costs.at("latency_ms"), 40.0);
        gauges.setSnapshot(snapshot);
        gauges.show();
        QVERIFY(QTest::qWaitForWindowExposed(&gauges));
        QVERIFY(secateur::test::saveRender(gauges, "limit_gauges.png"));
        gauges.clear();
        QVERIFY(secateur::test::saveRender(gauges, "limit_gauges_empty.png"));
    }
};

QTEST_MAIN(TestLimitGauges)
#include "test_limit_gauges.moc"
