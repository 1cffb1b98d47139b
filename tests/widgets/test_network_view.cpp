#include <QHelpEvent>
#include <QSignalSpy>
#include <QToolTip>
#include <QtTest>

#include "tests/widgets/sample_data.h"
#include "widgets/network_view.h"

using secateur::widgets::NetworkView;

namespace {

// A deep network: `count` conv layers of growing width and a linear head.
secateur::Decisions deepDecisions(int count) {
    secateur::Decisions decisions;
    for (int index = 0; index < count; ++index) {
        secateur::LayerDecision layer;
        const bool head = index + 1 == count;
        layer.node = head ? "head.fc" : "encoder.block" + std::to_string(index) + ".conv";
        layer.op = head ? "linear" : "conv2d";
        layer.totalChannels = head ? 100 : 32 << (index * 4 / count);
        layer.keptChannels = head ? 100 : layer.totalChannels * (3 + index % 5) / 8;
        layer.searchesChannels = !head;
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
        for (int layer = 0; layer < view.layerCount(); ++layer) {
            const auto& decision = late.decisions.layers[static_cast<size_t>(layer)];
            QCOMPARE(view.keptOf(layer),
                     std::make_pair(decision.keptChannels, decision.totalChannels));
        }
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
        QSignalSpy clicked(&view, &NetworkView::layerClicked);
        QTest::mouseClick(&view, Qt::LeftButton, {}, view.seedBarRect(3).center().toPoint());
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toString(), QStringLiteral("features.3.pw"));
        QTest::mouseClick(&view, Qt::LeftButton, {}, view.seedBarRect(4).center().toPoint());
        QCOMPARE(clicked.count(), 2);
        QCOMPARE(clicked.at(1).at(0).toString(), QStringLiteral("classifier"));
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

    void tooltipDescribesTheBar() {
        NetworkView view;
        view.resize(view.sizeHint());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setDecisions(secateur::test::sampleSnapshot(1.0).decisions);
        const QPoint position = view.seedBarRect(2).center().toPoint();
        QHelpEvent help(QEvent::ToolTip, position, view.mapToGlobal(position));
        QVERIFY(QCoreApplication::sendEvent(&view, &help));
        const QString text = QToolTip::text();
        QVERIFY2(text.contains(QStringLiteral("features.2.dw")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Kernel: 5")));
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
        QSignalSpy clicked(&view, &NetworkView::layerClicked);
        QTest::mouseClick(&view, Qt::LeftButton, {}, view.seedBarRect(29).center().toPoint());
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toString(), QStringLiteral("head.fc"));
        QVERIFY(view.grab().save(
            QString::fromStdString(secateur::test::testOutputPath("network_view_deep.png"))));
    }

    void emptyDecisionsDoNotCrash() {
        NetworkView view;
        view.resize(view.sizeHint());
        view.setDecisions(secateur::test::sampleSnapshot(0.5).decisions);
        view.setDecisions(secateur::Decisions{});
        QCOMPARE(view.layerCount(), 0);
        QCOMPARE(view.keptOf(0), std::make_pair(int64_t{0}, int64_t{0}));
        QSignalSpy clicked(&view, &NetworkView::layerClicked);
        QTest::mouseClick(&view, Qt::LeftButton, {}, view.rect().center());
        QCOMPARE(clicked.count(), 0);
        QVERIFY(view.grab().save(
            QString::fromStdString(secateur::test::testOutputPath("network_view_empty.png"))));
    }
};

QTEST_MAIN(TestNetworkView)
#include "test_network_view.moc"
