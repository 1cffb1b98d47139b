#include <QtTest>

#include "tests/widgets/sample_data.h"
#include "widgets/mask_view.h"

using secateur::test::clickedLayers;
using secateur::test::keptPerLayer;
using secateur::test::saveRender;
using secateur::widgets::MaskView;

namespace {

int64_t totalKept(const MaskView& view) {
    int64_t kept = 0;
    for (const auto& [layerKept, total] : keptPerLayer(view)) kept += layerKept;
    return kept;
}

secateur::Decisions wideDecisions() {
    secateur::Decisions decisions;
    for (const int64_t channels : {512, 256}) {
        secateur::LayerDecision layer;
        layer.node =
            "backbone.stage4.block2.conv_with_a_very_long_name." + std::to_string(channels);
        layer.op = "conv";
        layer.kind = secateur::LayerKind::StandardConv;
        layer.totalChannels = channels;
        layer.dimensions = {{"channels", {}}, {"kernels", {}}};
        for (int64_t c = 0; c < channels; ++c) {
            const float p = static_cast<float>((c * 13) % 100) / 100.0F;
            layer.keepProbability.push_back(p);
            layer.kept.push_back(p >= 0.5F);
            layer.keptChannels += p >= 0.5F ? 1 : 0;
        }
        layer.seedKernel = {7, 7};
        layer.kernel = {3, 3};
        decisions.layers.push_back(layer);
    }
    return decisions;
}

}  // namespace

class TestMaskView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void countsFollowTheSnapshots() {
        MaskView view;
        const secateur::Snapshot early = secateur::test::sampleSnapshot(0.0);
        const secateur::Snapshot late = secateur::test::sampleSnapshot(1.0);
        view.setDecisions(early.decisions);
        QCOMPARE(view.layerCount(), static_cast<int>(early.decisions.layers.size()));
        QCOMPARE(view.layerCount(), 5);
        QCOMPARE(view.keptOf(0), std::make_pair(int64_t{64}, int64_t{64}));
        const int64_t keptEarly = totalKept(view);

        view.setDecisions(late.decisions);
        QCOMPARE(view.layerCount(), 5);
        QCOMPARE(keptPerLayer(view), keptPerLayer(late.decisions));
        QVERIFY(view.keptOf(0).first < 64);
        QVERIFY(totalKept(view) < keptEarly);
        // The output layer is not searched: it keeps everything.
        QCOMPARE(view.keptOf(4), std::make_pair(int64_t{10}, int64_t{10}));
        QCOMPARE(view.keptOf(-1), std::make_pair(int64_t{0}, int64_t{0}));
        QCOMPARE(view.keptOf(5), std::make_pair(int64_t{0}, int64_t{0}));
    }

    void rendersEarlyAndLate() {
        MaskView view;
        view.setDecisions(secateur::test::sampleSnapshot(0.0).decisions);
        view.resize(view.sizeHint());
        const QImage early = view.grab().toImage();
        QVERIFY(early.save(
            QString::fromStdString(secateur::test::testOutputPath("mask_view_early.png"))));
        view.setDecisions(secateur::test::sampleSnapshot(1.0).decisions);
        view.setSelectedLayer(QStringLiteral("features.1.conv"));
        const QImage late = view.grab().toImage();
        QVERIFY(late.save(
            QString::fromStdString(secateur::test::testOutputPath("mask_view_late.png"))));
        QVERIFY(early != late);
    }

    void heightGrowsWithLayers() {
        MaskView view;
        const int emptyHeight = view.minimumSizeHint().height();
        view.setDecisions(secateur::test::sampleSnapshot(0.5).decisions);
        QVERIFY(view.minimumSizeHint().height() > emptyHeight);
        QVERIFY(view.sizeHint().height() >= view.rowRect(4).bottom());
    }

    void clickEmitsTheLayerAndSelectionSurvivesUpdates() {
        MaskView view;
        view.setDecisions(secateur::test::sampleSnapshot(0.2).decisions);
        view.resize(view.sizeHint());
        QCOMPARE(clickedLayers(view, view.rowRect(2).center()), QStringList{"features.2.dw"});
        QCOMPARE(view.selectedLayer(), QStringLiteral("features.2.dw"));

        // A click on the legend is not a row.
        QVERIFY(clickedLayers(view, QPoint(5, 5)).isEmpty());

        view.setDecisions(secateur::test::sampleSnapshot(0.9).decisions);
        QCOMPARE(view.selectedLayer(), QStringLiteral("features.2.dw"));
        // The selected row carries the highlight accent; the others do not.
        const QImage image = view.grab().toImage();
        const QColor accent = view.palette().color(QPalette::Highlight);
        QCOMPARE(image.pixelColor(1, view.rowRect(2).center().y()), accent);
        QVERIFY(image.pixelColor(1, view.rowRect(1).center().y()) != accent);
    }

    void tooltipDescribesTheRow() {
        MaskView view;
        view.setDecisions(secateur::test::sampleSnapshot(1.0).decisions);
        view.resize(view.sizeHint());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const std::optional<QString> text =
            secateur::test::toolTipAt(view, view.rowRect(1).center());
        QVERIFY(text);
        QVERIFY2(text->contains(QStringLiteral("features.1.conv")), qPrintable(*text));
        QVERIFY(text->contains(QStringLiteral("Kernel: 7")));
        QVERIFY(text->contains(QStringLiteral("Mean keep probability")));
        QVERIFY(!view.whatsThis().isEmpty());
    }

    void wideLayersFitAndEmptyDoesNotCrash() {
        MaskView view;
        view.setDecisions(wideDecisions());
        view.resize(view.minimumSizeHint());
        QCOMPARE(view.keptOf(0).second, int64_t{512});
        QVERIFY(saveRender(view, "mask_view_wide.png"));

        view.setSelectedLayer(QStringLiteral("gone"));
        view.setDecisions(secateur::Decisions{});
        QCOMPARE(view.layerCount(), 0);
        QCOMPARE(view.keptOf(0), std::make_pair(int64_t{0}, int64_t{0}));
        QVERIFY(clickedLayers(view, QPoint(100, 80)).isEmpty());
        QVERIFY(saveRender(view, "mask_view_empty.png"));
    }
};

QTEST_MAIN(TestMaskView)
#include "test_mask_view.moc"
