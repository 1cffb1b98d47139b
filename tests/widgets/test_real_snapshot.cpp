// The views fed from a REAL engine run (ds_cnn, one search epoch on the synthetic task), the way
// the studio's main window feeds them: kinds, colours and labels come from the engine's vocabulary.
#include <QLabel>
#include <QtTest>

#include <algorithm>
#include <optional>
#include <set>

#include "engine/graph/layer_kind.h"
#include "engine/report/report.h"
#include "engine/runs/run_summary.h"
#include "engine/search/search.h"
#include "engine/search/task.h"
#include "engine/zoo/zoo.h"
#include "tests/widgets/sample_data.h"
#include "widgets/compare_view.h"
#include "widgets/layer_table.h"
#include "widgets/layer_table_model.h"
#include "widgets/mask_view.h"
#include "widgets/network_view.h"
#include "widgets/palette.h"

using secateur::LayerKind;
using secateur::widgets::LayerTableModel;

namespace {

class LastSnapshot : public secateur::SearchObserver {
public:
    void onStep(const secateur::Snapshot& s) override { last = s; }
    void onEpoch(const secateur::Snapshot& s) override { last = s; }
    std::optional<secateur::Snapshot> last;
};

struct Run {
    secateur::Snapshot snapshot;
    secateur::SearchResult result;
};

// One short search, run once for the whole test.
const Run& realRun() {
    static const Run run = [] {
        const secateur::Graph seed = secateur::zooModel("ds_cnn");
        const secateur::Task task = secateur::makeSyntheticTask(seed, {64, 32, 3});
        secateur::SearchOptions options;
        options.warmupEpochs = 0;
        options.searchEpochs = 1;
        options.finetuneEpochs = 0;
        options.threads = 1;
        LastSnapshot observer;
        Run r;
        r.result = secateur::runSearch(seed, task, options, &observer);
        r.snapshot = observer.last.value();
        return r;
    }();
    return run;
}

// The first layer of `kind` in the decisions, or -1.
int firstOf(const secateur::Decisions& decisions, LayerKind kind) {
    const auto& layers = decisions.layers;
    const auto it =
        std::find_if(layers.begin(), layers.end(),
                     [kind](const secateur::LayerDecision& d) { return d.kind == kind; });
    return it == layers.end() ? -1 : static_cast<int>(it - layers.begin());
}

}  // namespace

class TestRealSnapshot : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void snapshotCarriesTheKinds() {
        const secateur::Snapshot& s = realRun().snapshot;
        QCOMPARE(QString::fromStdString(s.phase), QStringLiteral("done"));
        QVERIFY(!s.decisions.layers.empty());
        for (const secateur::LayerDecision& d : s.decisions.layers)
            QVERIFY2(d.kind != LayerKind::Other, d.node.c_str());
        for (const LayerKind kind : {LayerKind::StandardConv, LayerKind::DepthwiseConv,
                                     LayerKind::PointwiseConv, LayerKind::Linear})
            QVERIFY2(firstOf(s.decisions, kind) >= 0, secateur::layerKindName(kind));
    }

    void networkViewColoursEachKind() {
        const secateur::Snapshot& s = realRun().snapshot;
        secateur::widgets::NetworkView view;
        view.resize(view.sizeHint());
        view.setDecisions(s.decisions);
        const std::vector<LayerKind> legend{LayerKind::StandardConv, LayerKind::DepthwiseConv,
                                            LayerKind::PointwiseConv, LayerKind::Linear};
        QVERIFY(view.legendKinds() == legend);

        const int dw = firstOf(s.decisions, LayerKind::DepthwiseConv);
        const int pw = firstOf(s.decisions, LayerKind::PointwiseConv);
        const int conv = firstOf(s.decisions, LayerKind::StandardConv);
        const QColor fallback = secateur::widgets::layerKindColor(LayerKind::Other);
        std::set<QRgb> colours;
        for (const int layer : {dw, pw, conv}) {
            QVERIFY(view.barColor(layer).isValid());
            QVERIFY(view.barColor(layer) != fallback);
            colours.insert(view.barColor(layer).rgb());
        }
        QCOMPARE(colours.size(), size_t{3});
        // Every depthwise conv has the depthwise colour, every pointwise conv the pointwise one.
        for (int layer = 0; layer < view.layerCount(); ++layer) {
            const secateur::LayerDecision& d = s.decisions.layers[static_cast<size_t>(layer)];
            if (d.searches("channels") && d.kind == LayerKind::DepthwiseConv)
                QCOMPARE(view.barColor(layer), view.barColor(dw));
            if (d.searches("channels") && d.kind == LayerKind::PointwiseConv)
                QCOMPARE(view.barColor(layer), view.barColor(pw));
        }
        // What is painted is that colour.
        const QImage image = view.grab().toImage();
        for (const int layer : {dw, pw, conv})
            QCOMPARE(image.pixelColor(view.keptBarRect(layer).center().toPoint()),
                     view.barColor(layer));
        QVERIFY(image.save(QString::fromStdString(
            secateur::test::testOutputPath("real_snapshot_network_view.png"))));
    }

    void layerTableNamesTheKinds() {
        const secateur::Snapshot& s = realRun().snapshot;
        secateur::widgets::LayerTable table;
        table.setCostInfo(s.costInfo);  // the engine's own cost list, carried by the snapshot
        table.setLayers(s.decisions, s.layerCosts);
        const LayerTableModel& model = *table.model();
        QVERIFY(!s.costInfo.empty());
        for (const secateur::CostInfo& cost : s.costInfo) {
            const int column = model.costColumn(QString::fromStdString(cost.name));
            QVERIFY2(column >= 0, cost.name.c_str());
            QCOMPARE(model.headerData(column, Qt::Horizontal).toString(),
                     QString::fromStdString(cost.label));
        }
        QCOMPARE(model.rowCount(), static_cast<int>(s.decisions.layers.size()));
        QStringList kinds;
        for (int row = 0; row < model.rowCount(); ++row)
            kinds << model.data(model.index(row, LayerTableModel::Kind)).toString();
        for (const char* label : {"Conv", "Depthwise conv", "Pointwise conv", "Linear"})
            QVERIFY2(kinds.contains(QString::fromLatin1(label)), label);
        QVERIFY(!kinds.contains(QStringLiteral("Other")));
        QVERIFY(!kinds.contains(QStringLiteral("conv")));
        QCOMPARE(kinds.count(QStringLiteral("Depthwise conv")), 4);  // one per ds_cnn block
        QCOMPARE(kinds.count(QStringLiteral("Pointwise conv")), 4);
        // The costs matched by name: the depthwise layer's MACs are its own.
        const int dw = firstOf(s.decisions, LayerKind::DepthwiseConv);
        QVERIFY(model.data(model.index(dw, model.costColumn(QStringLiteral("macs"))), Qt::UserRole)
                    .toLongLong() > 0);
        table.resize(760, 420);
        QVERIFY(secateur::test::saveRender(table, "real_snapshot_layer_table.png"));
    }

    void maskViewRenders() {
        secateur::widgets::MaskView view;
        view.resize(view.sizeHint());
        view.setDecisions(realRun().snapshot.decisions);
        QCOMPARE(view.layerCount(), static_cast<int>(realRun().snapshot.decisions.layers.size()));
        QVERIFY(secateur::test::saveRender(view, "real_snapshot_mask_view.png"));
    }

    void compareViewKeepsTheKindsThroughTheRunSummary() {
        // The run history reads summary.json back; the kinds survive the round trip.
        secateur::RunSummary summary;
        summary.id = "real";
        summary.decisions = realRun().result.decisions;
        summary.layerCosts = realRun().result.measured.layers;
        const std::string path = secateur::test::testOutputPath("real_snapshot_summary.json");
        secateur::saveRunSummary(summary, path);
        const secateur::RunSummary loaded = secateur::loadRunSummary(path);
        QCOMPARE(loaded.decisions.layers.size(), summary.decisions.layers.size());
        for (size_t i = 0; i < loaded.decisions.layers.size(); ++i)
            QVERIFY(loaded.decisions.layers[i].kind == summary.decisions.layers[i].kind);

        secateur::widgets::CompareView view;
        view.setArchitectures(loaded, loaded);
        QCOMPARE(view.rowCount(), static_cast<int>(loaded.decisions.layers.size()));
        const int dw = firstOf(loaded.decisions, LayerKind::DepthwiseConv);
        const int pw = firstOf(loaded.decisions, LayerKind::PointwiseConv);
        QCOMPARE(view.kindAt(dw), QStringLiteral("Depthwise conv"));
        QCOMPARE(view.kindAt(pw), QStringLiteral("Pointwise conv"));
        QCOMPARE(view.kindAt(view.rowCount() - 1), QStringLiteral("Linear"));
    }

    // A regression seed (temponet, heart rate) searched for real: the summary names the task's
    // metric, MAE, and the compare view judges the runs by it.
    void compareViewFollowsARegressionTasksMetric() {
        const secateur::Graph seed = secateur::zooModel("temponet");
        const secateur::Task task = secateur::makeSyntheticTask(seed, {32, 16, 3});
        QCOMPARE(task.info().metric, std::string("mae"));
        secateur::Project project;
        project.seed.zoo = "temponet";
        project.search.warmupEpochs = 0;
        project.search.searchEpochs = 1;
        project.search.finetuneEpochs = 0;
        project.search.threads = 1;
        const secateur::SearchResult result = secateur::runSearch(seed, task, project.search);
        const std::string path = secateur::test::testOutputPath("real_regression_summary.json");
        secateur::saveRunSummary(secateur::summarizeRun(project, seed, result, task.info()), path);
        const secateur::RunSummary left = secateur::loadRunSummary(path);
        QCOMPARE(left.metric, std::string("mae"));
        QVERIFY(left.lowerIsBetter);
        const std::optional<double> mae = secateur::headlineValue(left.metrics, left.metric);
        QVERIFY(mae.has_value());
        QVERIFY(!secateur::headlineValue(left.metrics, "accuracy"));

        secateur::RunSummary right = left;  // the same network with twice the error
        right.id = "worse";
        for (auto& [name, value] : right.metrics)
            if (name.rfind("val_mae", 0) == 0) value *= 2.0;
        secateur::widgets::CompareView view;
        view.setMetricLabel([](const std::string& metric) {
            return QString::fromStdString(secateur::metricLabel(metric));  // as the studio does
        });
        view.setArchitectures(left, right);
        QStringList texts;
        for (const QLabel* label : view.findChildren<QLabel*>()) texts << label->text();
        QVERIFY(texts.contains(QStringLiteral("Validation MAE")));
        QVERIFY(!texts.contains(QStringLiteral("Validation accuracy")));
        QVERIFY2(view.deltaText("mae").startsWith('+'), qPrintable(view.deltaText("mae")));
        QVERIFY(view.deltaText("mae").endsWith(QStringLiteral("(+100.0%)")));
        QVERIFY(!view.deltaText("mae").contains(QStringLiteral("pp")));
    }
};

QTEST_MAIN(TestRealSnapshot)
#include "test_real_snapshot.moc"
