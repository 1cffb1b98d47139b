#include <QtTest>

#include "tests/widgets/sample_data.h"
#include "widgets/network_view.h"
#include "widgets/palette.h"

using secateur::test::clickedLayers;
using secateur::test::keptPerLayer;
using secateur::test::saveRender;
using secateur::widgets::NetworkView;

namespace {

// A deep network: `count` conv layers of growing width and a linear head.
secateur::Decisions deepDecisions(int count) {
    secateur::Decisions decisions;
    for (int index = 0; index < count; ++index) {
        secateur::LayerDecision layer;
        const bool head = index + 1 == count;
        layer.node = head ? "head.fc" : "encoder.block" + std::to_string(index) + ".conv";
        layer.op = head ? "linear" : "conv";
        layer.kind = head ? secateur::LayerKind::Linear : secateur::LayerKind::StandardConv;
        layer.totalChannels = head ? 100 : 32 << (index * 4 / count);
        layer.keptChannels = head ? 100 : layer.totalChannels * (3 + index % 5) / 8;
        if (!head) layer.dimensions["channels"] = {};
        if (!head) {
            layer.seedKernel = {3, 3};
            layer.kernel = {index % 3 == 0 ? 1 : 3, index % 3 == 0 ? 1 : 3};
        }
        decisions.layers.push_back(layer);
    }
    return decisions;
}

}  // namespace

class TestNetworkView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void barsFollowTheSnapshots() {
        NetworkView view;
        view.resize(view.sizeHint());
        const secateur::Snapshot early = secateur::test::sampleSnapshot(0.0);
        const secateur::Snapshot late = secateur::test::sampleSnapshot(1.0);
        view.setDecisions(early.decisions);
        QCOMPARE(view.layerCount(), 5);
        QCOMPARE(view.keptOf(0), std::make_pair(int64_t{64}, int64_t{64}));
        const QRectF seedEarly = view.seedBarRect(0);
        const QRectF keptEarly = view.keptBarRect(0);
        QCOMPARE(keptEarly.height(), seedEarly.height());
        // The widest layer (128 channels) is the tallest bar.
        QVERIFY(view.seedBarRect(3).height() > view.seedBarRect(0).height());

        view.setDecisions(late.decisions);
        QCOMPARE(view.layerCount(), 5);
        QCOMPARE(keptPerLayer(view), keptPerLayer(late.decisions));
        QVERIFY(view.keptOf(0).first < 64);
        QCOMPARE(view.seedBarRect(0), seedEarly);
        QVERIFY(view.keptBarRect(0).height() < keptEarly.height());
        // Kernels shrank, so the kept bar is narrower than its seed outline.
        QVERIFY(view.keptBarRect(0).width() < view.seedBarRect(0).width());
        QVERIFY(view.seedBarRect(0).contains(view.keptBarRect(0)));
        QCOMPARE(view.keptBarRect(7), QRectF());
    }

    void clickEmitsTheLayerAndSelectionSurvivesUpdates() {
        NetworkView view;
        view.resize(view.sizeHint());
        view.setDecisions(secateur::test::sampleSnapshot(0.3).decisions);
        QCOMPARE(clickedLayers(view, view.seedBarRect(3).center().toPoint()),
                 QStringList{"features.3.pw"});
        QCOMPARE(clickedLayers(view, view.seedBarRect(4).center().toPoint()),
                 QStringList{"classifier"});
        QCOMPARE(view.selectedLayer(), QStringLiteral("classifier"));

        view.setSelectedLayer(QStringLiteral("features.1.conv"));
        view.setDecisions(secateur::test::sampleSnapshot(0.8).decisions);
        QCOMPARE(view.selectedLayer(), QStringLiteral("features.1.conv"));
        // The selected slot is tinted with the highlight colour above its bar.
        const QImage image = view.grab().toImage();
        const QRectF bar = view.seedBarRect(1);
        const QPoint aboveSelected(static_cast<int>(bar.center().x()),
                                   static_cast<int>(bar.top()) - 6);
        const QRectF other = view.seedBarRect(2);
        const QPoint aboveOther(static_cast<int>(other.center().x()),
                                static_cast<int>(other.top()) - 6);
        QVERIFY(image.pixelColor(aboveSelected) != image.pixelColor(aboveOther));
        QVERIFY(
            image.save(QString::fromStdString(secateur::test::testOutputPath("network_view.png"))));
    }

    void coloursAndLegendFollowTheKinds() {
        using secateur::LayerKind;
        NetworkView view;
        view.resize(view.sizeHint());
        view.setDecisions(secateur::test::sampleSnapshot(0.2).decisions);
        const std::vector<LayerKind> legend{LayerKind::StandardConv, LayerKind::DepthwiseConv,
                                            LayerKind::PointwiseConv, LayerKind::Linear};
        QVERIFY(view.legendKinds() == legend);
        // Standard, depthwise, pointwise: three colours, none the fallback; both standard convs
        // share one.
        const QColor fallback = secateur::widgets::layerKindColor(LayerKind::Other);
        QCOMPARE(view.barColor(0), view.barColor(1));
        for (const int layer : {0, 2, 3}) QVERIFY(view.barColor(layer) != fallback);
        QVERIFY(view.barColor(0) != view.barColor(2));
        QVERIFY(view.barColor(2) != view.barColor(3));
        QVERIFY(view.barColor(0) != view.barColor(3));
        // The bars are painted in those colours.
        const QImage image = view.grab().toImage();
        for (int layer = 0; layer < view.layerCount(); ++layer)
            QCOMPARE(image.pixelColor(view.keptBarRect(layer).center().toPoint()),
                     view.barColor(layer));
    }

    void tooltipDescribesTheBar() {
        NetworkView view;
        view.resize(view.sizeHint());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setDecisions(secateur::test::sampleSnapshot(1.0).decisions);
        const std::optional<QString> text =
            secateur::test::toolTipAt(view, view.seedBarRect(2).center().toPoint());
        QVERIFY(text);
        QVERIFY2(text->contains(QStringLiteral("features.2.dw")), qPrintable(*text));
        QVERIFY(text->contains(QStringLiteral("Kernel: 5")));
        QVERIFY2(text->contains(QStringLiteral("Depthwise conv")), qPrintable(*text));
        QVERIFY(!view.whatsThis().isEmpty());
    }

    void manyLayersFitHorizontally() {
        NetworkView view;
        view.resize(view.sizeHint());
        view.setDecisions(deepDecisions(30));
        QCOMPARE(view.layerCount(), 30);
        for (int layer = 0; layer < view.layerCount(); ++layer) {
            QVERIFY(view.rect().contains(view.seedBarRect(layer).toAlignedRect()));
            if (layer > 0)
                QVERIFY(view.seedBarRect(layer).left() > view.seedBarRect(layer - 1).right());
        }
        QCOMPARE(clickedLayers(view, view.seedBarRect(29).center().toPoint()),
                 QStringList{"head.fc"});
        QVERIFY(saveRender(view, "network_view_deep.png"));
    }

    void emptyDecisionsDoNotCrash() {
        NetworkView view;
        view.resize(view.sizeHint());
        view.setDecisions(secateur::test::sampleSnapshot(0.5).decisions);
        view.setDecisions(secateur::Decisions{});
        QCOMPARE(view.layerCount(), 0);
        QCOMPARE(view.keptOf(0), std::make_pair(int64_t{0}, int64_t{0}));
        QVERIFY(clickedLayers(view, view.rect().center()).isEmpty());
        QVERIFY(saveRender(view, "network_view_empty.png"));
    }
};

QTEST_MAIN(TestNetworkView)
#include "test_network_view.moc"
