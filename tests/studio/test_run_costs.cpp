// How a finished run's costs read in the status bar, the export dialog and the run list: the
// registry's labels and units, the minimised cost first, then every limit.
#include <QLocale>
#include <QTreeWidget>
#include <QtTest/QtTest>

#include "app/studio/run_costs.h"

using secateur::LimitStatus;
using secateur::RunSummary;
using secateur::studio::runCostColumns;
using secateur::studio::runCostText;
using secateur::studio::setRunCostCells;

namespace {

RunSummary run() {
    RunSummary r;
    r.cost = "macs";
    r.costs = {{"params", 11827},   {"macs", 1286881},       {"flash", 20873},
               {"peak_ram", 12000}, {"latency_ms", 8.37412}, {"energy_uj", 1006.2}};
    r.limits = {LimitStatus{"flash", 65536, 20873, true}};
    return r;
}

}  // namespace

class RunCostsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void theMinimisedCostThenEveryLimit() {
        QCOMPARE(runCostText(run()), QStringLiteral("1.29M MACs · Flash 20.4 kB of 64 kB"));
        RunSummary over = run();
        over.cost = "latency_ms";
        over.limits = {LimitStatus{"peak_ram", 8192, 12000, false}};
        over.repair.ran = true;
        const QString text = runCostText(over);
        QVERIFY2(text.startsWith(QStringLiteral("Latency 8.37 ms")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("11.7 kB of 8 kB (over)")), qPrintable(text));
        QVERIFY2(text.endsWith(QStringLiteral("repaired")), qPrintable(text));
    }

    void oneColumnPerRegisteredCost() {
        const QStringList columns = runCostColumns();
        QCOMPARE(columns.size(), static_cast<int>(secateur::costCatalog().size()));
        QVERIFY(columns.contains(QStringLiteral("Flash")));
        QTreeWidget tree;
        tree.setColumnCount(2 + static_cast<int>(columns.size()));
        auto* item = new QTreeWidgetItem(&tree);
        setRunCostCells(*item, 2, run());
        const int flash = 2 + static_cast<int>(columns.indexOf(QStringLiteral("Flash")));
        QCOMPARE(item->text(flash), QStringLiteral("20,873"));
        QVERIFY(item->toolTip(flash).contains(QStringLiteral("bytes")));
        const int latency = 2 + static_cast<int>(columns.indexOf(QStringLiteral("Latency")));
        QCOMPARE(item->text(latency), QStringLiteral("8.374"));
    }
};

QTEST_MAIN(RunCostsTest)
#include "test_run_costs.moc"
