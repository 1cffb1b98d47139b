// The sweep table: rows and texts per state, metric formats, selection and the click signal.
#include <QHeaderView>
#include <QLocale>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>
#include <algorithm>

#include "tests/widgets/sample_data.h"
#include "widgets/sweep_table.h"

using secateur::widgets::SweepRow;
using secateur::widgets::SweepTable;

namespace {

SweepRow row(const QString& name, secateur::PointKind kind, SweepRow::State state) {
    SweepRow r;
    r.name = name;
    r.kind = kind;
    r.state = state;
    return r;
}

// The seed and a baseline finished, a baseline running, a search waiting and one failed.
std::vector<SweepRow> sampleRows() {
    SweepRow seed = row("seed", secateur::PointKind::Seed, SweepRow::State::Finished);
    seed.setting = 1.0;
    seed.costs = {{"params", 123456}, {"macs", 9876543}};
    seed.validation = 0.8734;
    seed.test = 0.861;
    seed.seconds = 185;
    SweepRow half = row("width-0.5", secateur::PointKind::Baseline, SweepRow::State::Finished);
    half.setting = 0.5;
    half.costs = {{"params", 31000}, {"macs", 2500000}, {"latency_ms", 1.23456}};
    half.validation = 0.8;
    half.seconds = 42;
    SweepRow quarter = row("width-0.25", secateur::PointKind::Baseline, SweepRow::State::Running);
    quarter.setting = 0.25;
    quarter.progress = 0.452;
    quarter.detail = "fine-tune epoch 2 of 3";
    SweepRow search = row("search-0.3", secateur::PointKind::Search, SweepRow::State::Waiting);
    search.setting = 0.3;
    SweepRow failed = row("search-0.6", secateur::PointKind::Search, SweepRow::State::Failed);
    failed.detail = "out of memory";
    return {seed, half, quarter, search, failed};
}

QTreeWidget* treeOf(SweepTable& table) {
    return table.findChild<QTreeWidget*>();
}

}  // namespace

class TestSweepTable : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void columnsAndTree() {
        SweepTable table;
        table.setMetric("macro-F1", false);
        QTreeWidget* tree = treeOf(table);
        QCOMPARE(tree->columnCount(), 5);  // no cost columns before the costs are given
        QCOMPARE(tree->headerItem()->text(2), QString("Validation macro-F1"));
        table.setCostInfo(secateur::test::sampleCostInfo());
        QCOMPARE(tree->columnCount(), 7);
        QCOMPARE(tree->headerItem()->text(0), QString("Point"));
        QCOMPARE(tree->headerItem()->text(2),
                 QString::fromStdString(secateur::test::sampleCostInfo()[0].label));
        QVERIFY(tree->headerItem()->toolTip(2).contains(
            QString::fromStdString(secateur::test::sampleCostInfo()[0].description)));
        QCOMPARE(tree->headerItem()->text(4), QString("Validation macro-F1"));
        QCOMPARE(tree->headerItem()->text(5), QString("Test macro-F1"));
        QCOMPARE(tree->headerItem()->text(6), QString("Time"));
        QVERIFY(!tree->rootIsDecorated());
        QVERIFY(tree->uniformRowHeights());
        QVERIFY(!tree->isSortingEnabled());
    }

    void rowsAndTextsPerState() {
        SweepTable table;
        table.setCostInfo(secateur::test::sampleCostInfo());
        table.setRows(sampleRows());
        QCOMPARE(table.rowCount(), 5);
        QCOMPARE(table.rows().size(), size_t(5));
        QCOMPARE(table.cellText(0, "Point"), QString("seed"));
        QCOMPARE(table.cellText(0, "State"), QString("finished"));
        QCOMPARE(table.cellText(0, "params"), QString("123,456"));
        QCOMPARE(table.cellText(0, "MACs"), QString("9,876,543"));
        QCOMPARE(table.cellText(0, "macs"), QString("9,876,543"));  // by name too
        QCOMPARE(table.cellText(0, "Time"), QString("3 min 5 s"));
        QCOMPARE(table.cellText(1, "Time"), QString("42 s"));
        QCOMPARE(table.cellText(1, "Test"), QString("-"));
        QCOMPARE(table.cellText(2, "State"), QString("running 45 % (fine-tune epoch 2 of 3)"));
        QCOMPARE(table.cellText(2, "params"), QString("-"));
        QCOMPARE(table.cellText(2, "Time"), QString("-"));
        QCOMPARE(table.cellText(3, "State"), QString("waiting"));
        QCOMPARE(table.cellText(4, "State"), QString("failed: out of memory"));
        QCOMPARE(table.cellText(4, "Nope"), QString());
        QCOMPARE(table.cellText(9, "Point"), QString());
        // A cost column added later fills from the rows it has; an estimate keeps 4 digits.
        std::vector<secateur::CostInfo> infos = secateur::test::sampleCostInfo();
        for (const secateur::CostInfo& info : secateur::test::sampleDeviceCostInfo())
            infos.push_back(info);
        table.setCostInfo(infos);
        QCOMPARE(table.cellText(1, "latency_ms"), QString("1.235"));
        QCOMPARE(table.cellText(0, "latency_ms"), QString("-"));
        QCOMPARE(table.cellText(1, "Time"), QString("42 s"));
        table.setCostInfo(secateur::test::sampleCostInfo());

        QTreeWidget* tree = treeOf(table);
        QVERIFY(tree->topLevelItem(0)->font(0).bold());
        QVERIFY(!tree->topLevelItem(3)->font(0).bold());
        const QColor baseline = tree->topLevelItem(1)->foreground(0).color();
        QVERIFY(baseline.blue() > baseline.red());
        QCOMPARE(tree->topLevelItem(3)->foreground(0).style(), Qt::NoBrush);
        const QColor failed = tree->topLevelItem(4)->foreground(1).color();
        QVERIFY(failed.red() > 120 && failed.green() < 60 && failed.blue() < 60);

        // Only the running row has a bar, with its progress.
        auto* bar = qobject_cast<QProgressBar*>(tree->itemWidget(tree->topLevelItem(2), 1));
        QVERIFY(bar != nullptr);
        QCOMPARE(double(bar->value() - bar->minimum()) / (bar->maximum() - bar->minimum()), 0.452);
        QVERIFY(bar->text().startsWith("running 45 %"));
        for (int i : {0, 1, 3, 4}) QVERIFY(tree->itemWidget(tree->topLevelItem(i), 1) == nullptr);

        // When it finishes, the bar goes.
        std::vector<SweepRow> rows = sampleRows();
        rows[2].state = SweepRow::State::Finished;
        table.setRows(rows);
        QCOMPARE(table.cellText(2, "State"), QString("finished"));
        QVERIFY(tree->itemWidget(tree->topLevelItem(2), 1) == nullptr);
        rows.resize(2);
        table.setRows(rows);
        QCOMPARE(table.rowCount(), 2);
    }

    void metricFormats() {
        SweepTable table;
        table.setCostInfo(secateur::test::sampleCostInfo());
        table.setMetric("macro-F1", false);
        table.setRows(sampleRows());
        QCOMPARE(table.cellText(0, "Validation"), QString("87.3 %"));
        QCOMPARE(table.cellText(0, "Test"), QString("86.1 %"));
        QCOMPARE(table.cellText(1, "Validation"), QString("80.0 %"));
        QCOMPARE(table.cellText(3, "Validation"), QString("-"));

        std::vector<SweepRow> rows = sampleRows();
        rows[0].validation = 0.05234;
        rows[0].test = 12.345;
        rows[1].validation = 1.5;
        table.setMetric("MAE", true);
        table.setRows(rows);
        QCOMPARE(treeOf(table)->headerItem()->text(4), QString("Validation MAE"));
        QCOMPARE(table.cellText(0, "Validation"), QString("0.0523"));
        QCOMPARE(table.cellText(0, "Test"), QString("12.3"));
        QCOMPARE(table.cellText(1, "Validation"), QString("1.50"));
        QCOMPARE(table.cellText(1, "Test"), QString("-"));
    }

    void selectionSurvivesSetRows() {
        SweepTable table;
        table.setRows(sampleRows());
        QSignalSpy clicked(&table, &SweepTable::pointClicked);
        table.setSelected("width-0.25");
        QCOMPARE(table.selected(), QString("width-0.25"));
        std::vector<SweepRow> rows = sampleRows();
        std::reverse(rows.begin(), rows.end());
        rows.front().state = SweepRow::State::Running;
        table.setRows(rows);
        QCOMPARE(table.selected(), QString("width-0.25"));
        QCOMPARE(treeOf(table)->selectedItems().size(), 1);
        QCOMPARE(treeOf(table)->selectedItems().front()->text(0), QString("width-0.25"));
        rows.erase(std::remove_if(rows.begin(), rows.end(),
                                  [](const SweepRow& r) { return r.name == "width-0.25"; }),
                   rows.end());
        table.setRows(rows);
        QCOMPARE(table.selected(), QString());
        table.setSelected("seed");
        QCOMPARE(table.selected(), QString("seed"));
        table.setSelected(QString());
        QCOMPARE(table.selected(), QString());
        QCOMPARE(clicked.count(), 0);
    }

    void clickingEmitsOnce() {
        SweepTable table;
        table.resize(720, 220);
        table.setRows(sampleRows());
        table.show();
        QVERIFY(QTest::qWaitForWindowExposed(&table));
        QSignalSpy clicked(&table, &SweepTable::pointClicked);
        QTreeWidget* tree = treeOf(table);
        const QPoint at = tree->visualItemRect(tree->topLevelItem(1)).center();
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toString(), QString("width-0.5"));
        QCOMPARE(table.selected(), QString("width-0.5"));
        // Clicking the selected row again reports it again, once.
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(clicked.count(), 2);
        QCOMPARE(clicked.at(1).at(0).toString(), QString("width-0.5"));
        table.setRows(sampleRows());
        table.setSelected("seed");
        QCOMPARE(clicked.count(), 2);
    }

    void renders() {
        SweepTable table;
        table.setCostInfo(secateur::test::sampleCostInfo());
        table.setMetric("accuracy", false);
        table.resize(760, 200);
        table.setRows(sampleRows());
        table.setSelected("width-0.5");
        table.show();
        QVERIFY(QTest::qWaitForWindowExposed(&table));
        QVERIFY(secateur::test::saveRender(table, "sweep_table.png"));
    }
};

QTEST_MAIN(TestSweepTable)
#include "test_sweep_table.moc"
