#include <QHeaderView>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QtTest>

#include "tests/widgets/sample_data.h"
#include "widgets/layer_table.h"
#include "widgets/layer_table_model.h"

using secateur::test::sampleSnapshot;
using secateur::test::testOutputPath;
using secateur::widgets::LayerTable;
using secateur::widgets::LayerTableModel;

namespace {

// The cost columns of sampleCostInfo(): parameters, MACs, then the share of MACs.
constexpr int kParams = LayerTableModel::FirstCost;
constexpr int kMacs = LayerTableModel::FirstCost + 1;
constexpr int kShare = LayerTableModel::FirstCost + 2;

// As the studio sets a table up: the registry's costs, the share of the project's cost.
template <typename View>
void useSampleCosts(View& view) {
    view.setCostInfo(secateur::test::sampleCostInfo());
    view.setShareCost(QStringLiteral("macs"));
}

void show(LayerTable& table, const secateur::Snapshot& snapshot) {
    table.setLayers(snapshot.decisions, snapshot.layerCosts);
}

QVariant cell(const LayerTableModel& model, const QString& node, int column,
              int role = Qt::DisplayRole) {
    return model.data(model.index(model.rowOf(node), column), role);
}

QPoint rowCenter(const QTableView& view, int viewRow) {
    return view.visualRect(view.model()->index(viewRow, 0)).center();
}

}  // namespace

class TestLayerTable : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rowsAreTheLayers() {
        LayerTable table;
        useSampleCosts(table);
        const secateur::Snapshot snapshot = sampleSnapshot(0.0);
        show(table, snapshot);
        const LayerTableModel& model = *table.model();
        QCOMPARE(model.rowCount(), static_cast<int>(snapshot.decisions.layers.size()));
        QCOMPARE(model.columnCount(), kShare + 1);
        QCOMPARE(model.costColumn(QStringLiteral("macs")), kMacs);
        QCOMPARE(model.costColumn(QStringLiteral("flash")), -1);
        // Column titles are the registry's labels.
        QCOMPARE(model.headerData(kParams, Qt::Horizontal).toString(),
                 QStringLiteral("Parameters"));
        QCOMPARE(model.headerData(kMacs, Qt::Horizontal).toString(), QStringLiteral("MACs"));
        QCOMPARE(model.headerData(kShare, Qt::Horizontal).toString(), QStringLiteral("MACs share"));
        QCOMPARE(model.nodeAt(0), QStringLiteral("features.0.conv"));
        QCOMPARE(model.rowOf(QStringLiteral("classifier")), 4);
        QCOMPARE(model.rowOf(QStringLiteral("nope")), -1);
        QCOMPARE(table.view()->model()->rowCount(), 5);

        const QString conv = QStringLiteral("features.0.conv");
        QCOMPARE(cell(model, conv, LayerTableModel::Kind).toString(), QStringLiteral("Conv"));
        QCOMPARE(cell(model, QStringLiteral("features.2.dw"), LayerTableModel::Kind).toString(),
                 QStringLiteral("Depthwise conv"));
        QCOMPARE(cell(model, QStringLiteral("features.3.pw"), LayerTableModel::Kind).toString(),
                 QStringLiteral("Pointwise conv"));
        QCOMPARE(cell(model, conv, LayerTableModel::Channels).toString(),
                 QStringLiteral("64 / 64"));
        QCOMPARE(cell(model, conv, LayerTableModel::Kernel).toString(), QStringLiteral("9 / 9"));
        QCOMPARE(cell(model, QStringLiteral("features.2.dw"), LayerTableModel::Dilation).toString(),
                 QStringLiteral("4 / 4"));
        const QString head = QStringLiteral("classifier");
        QCOMPARE(cell(model, head, LayerTableModel::Kernel).toString(), QStringLiteral("-"));
        QCOMPARE(cell(model, head, LayerTableModel::Kind).toString(), QStringLiteral("Linear"));
        // The head's channels are not searched: muted.
        QVERIFY(cell(model, head, LayerTableModel::Layer, Qt::ForegroundRole).isValid());
        QVERIFY(!cell(model, conv, LayerTableModel::Layer, Qt::ForegroundRole).isValid());

        // Costs come from the LayerCost of the same node; thousands separators in the text.
        const secateur::LayerCost& pw = snapshot.layerCosts[3];
        QCOMPARE(cell(model, QStringLiteral("features.3.pw"), kParams, Qt::UserRole).toLongLong(),
                 static_cast<qlonglong>(pw.costs.at("params")));
        QCOMPARE(cell(model, QStringLiteral("features.3.pw"), kMacs).toString(),
                 QStringLiteral("407,680"));
        double shares = 0.0;
        for (int row = 0; row < model.rowCount(); ++row) {
            shares += model.data(model.index(row, kShare), Qt::UserRole).toDouble();
        }
        QVERIFY(qAbs(shares - 1.0) < 1e-9);
        QCOMPARE(cell(model, conv, kParams, Qt::TextAlignmentRole).value<Qt::Alignment>() &
                     Qt::AlignRight,
                 Qt::AlignRight);
        QVERIFY(
            !cell(model, conv, LayerTableModel::Channels, Qt::ToolTipRole).toString().isEmpty());
        QVERIFY(!model.headerData(kMacs, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
        QVERIFY(table.totalsText().startsWith(QStringLiteral("Total: ")));
        QVERIFY2(table.totalsText().contains(QStringLiteral(" Parameters · ")),
                 qPrintable(table.totalsText()));
    }

    void bitsShowThePrecisionOfTheKeptChannels() {
        LayerTableModel model;
        model.setCostInfo(secateur::test::sampleCostInfo());
        secateur::Snapshot snapshot = sampleSnapshot(0.0);
        auto& layers = snapshot.decisions.layers;
        layers[0].weightBits.assign(static_cast<size_t>(layers[0].totalChannels), 8);
        layers[0].weightBits[0] = 0;  // a pruned channel is not counted
        layers[1].weightBits = {8, 8, 4, 4, 4, 2, 0};
        model.setLayers(snapshot.decisions, snapshot.layerCosts);
        const auto bits = [&](size_t layer, int role = Qt::DisplayRole) {
            return model.data(model.index(static_cast<int>(layer), LayerTableModel::Bits), role);
        };
        QCOMPARE(bits(0).toString(), QStringLiteral("8"));
        QCOMPARE(bits(1).toString(), QStringLiteral("8×2 4×3 2×1"));
        QCOMPARE(bits(2).toString(), QStringLiteral("float"));
        QCOMPARE(bits(0, Qt::UserRole).toDouble(), 8.0);
        QCOMPARE(bits(1, Qt::UserRole).toDouble(), (16.0 + 12.0 + 2.0) / 6.0);
        QCOMPARE(bits(2, Qt::UserRole).toDouble(), 32.0);
        QVERIFY2(
            bits(1, Qt::ToolTipRole).toString().contains(QStringLiteral("3 channels at 4 bits")),
            qPrintable(bits(1, Qt::ToolTipRole).toString()));
        QCOMPARE(model.headerData(LayerTableModel::Bits, Qt::Horizontal).toString(),
                 QStringLiteral("Bits"));
    }

    void columnsFollowTheCosts() {
        LayerTableModel model;
        useSampleCosts(model);
        secateur::Snapshot snapshot = sampleSnapshot(0.5);
        for (secateur::LayerCost& c : snapshot.layerCosts) c.costs["flash"] = 100.0;
        model.setLayers(snapshot.decisions, snapshot.layerCosts);
        // A cost the catalog lacks gets a column under its name, before the share column.
        QCOMPARE(model.costColumn(QStringLiteral("flash")), kShare);
        QCOMPARE(model.headerData(kShare, Qt::Horizontal).toString(), QStringLiteral("flash"));
        QCOMPARE(model.shareColumn(), kShare + 1);
        model.setShareCost(QStringLiteral("flash"));
        const int rows = model.rowCount();
        QCOMPARE(model.data(model.index(0, model.shareColumn()), Qt::UserRole).toDouble(),
                 1.0 / rows);
        QCOMPARE(model.headerData(model.shareColumn(), Qt::Horizontal).toString(),
                 QStringLiteral("flash share"));
    }

    void missingCostIsZero() {
        LayerTableModel model;
        useSampleCosts(model);
        secateur::Snapshot snapshot = sampleSnapshot(0.5);
        snapshot.layerCosts.pop_back();  // the head has no cost entry
        model.setLayers(snapshot.decisions, snapshot.layerCosts);
        QCOMPARE(cell(model, QStringLiteral("classifier"), kMacs, Qt::UserRole).toLongLong(), 0);
    }

    void valuesChangeInPlaceBetweenSnapshots() {
        LayerTable table;
        useSampleCosts(table);
        const secateur::Snapshot early = sampleSnapshot(0.0);
        const secateur::Snapshot late = sampleSnapshot(1.0);
        show(table, early);
        const LayerTableModel& model = *table.model();
        const QString conv = QStringLiteral("features.1.conv");
        const qlonglong keptEarly =
            cell(model, conv, LayerTableModel::Channels, Qt::UserRole).toLongLong();
        const qlonglong paramsEarly = cell(model, conv, kParams, Qt::UserRole).toLongLong();
        const QString totalsEarly = table.totalsText();

        QSignalSpy resets(table.model(), &QAbstractItemModel::modelReset);
        QSignalSpy changes(table.model(), &QAbstractItemModel::dataChanged);
        show(table, late);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(changes.count(), 1);
        QVERIFY(cell(model, conv, LayerTableModel::Channels, Qt::UserRole).toLongLong() <
                keptEarly);
        QVERIFY(cell(model, conv, kParams, Qt::UserRole).toLongLong() < paramsEarly);
        QCOMPARE(cell(model, conv, LayerTableModel::Kernel).toString(), QStringLiteral("3 / 7"));
        QVERIFY(table.totalsText() != totalsEarly);

        // Other layers: a reset.
        secateur::Snapshot fewer = late;
        fewer.decisions.layers.pop_back();
        show(table, fewer);
        QCOMPARE(resets.count(), 1);
        QCOMPARE(model.rowCount(), 4);
    }

    void sortingByMacsOrdersRows() {
        LayerTable table;
        useSampleCosts(table);
        show(table, sampleSnapshot(0.6));
        QTableView* view = table.view();
        view->sortByColumn(kMacs, Qt::DescendingOrder);
        const QAbstractItemModel* sorted = view->model();
        for (int row = 1; row < sorted->rowCount(); ++row) {
            QVERIFY(sorted->index(row - 1, kMacs).data(Qt::UserRole).toLongLong() >=
                    sorted->index(row, kMacs).data(Qt::UserRole).toLongLong());
        }
        QCOMPARE(sorted->index(4, LayerTableModel::Layer).data().toString(),
                 QStringLiteral("classifier"));

        // Clicking the header sorts too (ascending first): the smallest layer comes first.
        table.resize(820, 300);
        table.show();
        QVERIFY(QTest::qWaitForWindowExposed(&table));
        QHeaderView* header = view->horizontalHeader();
        const int x = header->sectionViewportPosition(kParams) + header->sectionSize(kParams) / 2;
        view->sortByColumn(LayerTableModel::Layer, Qt::AscendingOrder);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, Qt::NoModifier,
                          QPoint(x, header->height() / 2));
        QCOMPARE(header->sortIndicatorSection(), static_cast<int>(kParams));
        for (int row = 1; row < sorted->rowCount(); ++row) {
            QVERIFY(sorted->index(row - 1, kParams).data(Qt::UserRole).toLongLong() <=
                    sorted->index(row, kParams).data(Qt::UserRole).toLongLong());
        }
    }

    void selectionPersistsAndClicksSignal() {
        LayerTable table;
        useSampleCosts(table);
        table.resize(820, 300);
        show(table, sampleSnapshot(0.0));
        table.show();
        QVERIFY(QTest::qWaitForWindowExposed(&table));
        QSignalSpy selected(&table, &LayerTable::layerSelected);

        QTest::mouseClick(table.view()->viewport(), Qt::LeftButton, Qt::NoModifier,
                          rowCenter(*table.view(), 2));
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.first().first().toString(), QStringLiteral("features.2.dw"));
        QCOMPARE(table.selectedLayer(), QStringLiteral("features.2.dw"));

        // Live updates, sorted by MACs so the row moves: still the same layer, no signal.
        table.view()->sortByColumn(kMacs, Qt::DescendingOrder);
        for (double progress = 0.1; progress <= 1.0; progress += 0.1)
            show(table, sampleSnapshot(progress));
        QCOMPARE(table.selectedLayer(), QStringLiteral("features.2.dw"));

        // Across a reset as well.
        secateur::Snapshot fewer = sampleSnapshot(1.0);
        fewer.decisions.layers.erase(fewer.decisions.layers.begin());
        show(table, fewer);
        QCOMPARE(table.selectedLayer(), QStringLiteral("features.2.dw"));

        table.setSelectedLayer(QStringLiteral("classifier"));
        QCOMPARE(table.selectedLayer(), QStringLiteral("classifier"));
        QCOMPARE(selected.count(), 1);  // programmatic selection does not signal
        table.setSelectedLayer(QStringLiteral("unknown"));
        QVERIFY(table.selectedLayer().isEmpty());
    }

    void rendersToPng() {
        LayerTable table;
        useSampleCosts(table);
        table.resize(820, 260);
        show(table, sampleSnapshot(0.7));
        table.setSelectedLayer(QStringLiteral("features.1.conv"));
        table.show();
        QVERIFY(QTest::qWaitForWindowExposed(&table));
        QVERIFY(!table.whatsThis().isEmpty());
        QVERIFY(table.grab().save(QString::fromStdString(testOutputPath("layer_table.png"))));
    }
};

QTEST_MAIN(TestLayerTable)
#include "test_layer_table.moc"
