// The project panel's seed and target sections: a TorchScript seed file and its keep-whole list,
// the device, its board presets and the limits. The rest of the form is in test_project_panel.cpp.
#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include "tests/widgets/project_panel_support.h"
#include "tests/widgets/sample_data.h"
#include "widgets/limit_fields.h"
#include "widgets/project_panel.h"
#include "widgets/seed_picker.h"

using secateur::test::child;
using secateur::test::click;
using secateur::test::prepare;
using secateur::test::retype;
using secateur::test::sampleProject;
using secateur::test::sampleTargets;
using secateur::test::writeFile;
using secateur::widgets::ProjectPanel;
using Strings = std::vector<std::string>;

namespace {

// A TorchScript seed as tests/python/constructs.py writes lstm_head_trace.pt, with its submodules.
secateur::Project lstmHeadProject(const QTemporaryDir& dir, Strings keepWhole) {
    secateur::Project p = sampleProject();
    p.seed = {};
    p.seed.torchscript = writeFile(dir, "lstm_head.pt").toStdString();
    p.seed.inputShapes = {{1, 3, 16}};
    p.seed.keepWhole = std::move(keepWhole);
    return p;
}
const QStringList kPaths{"c1",   "c1.0", "c1.1", "c1.2",    "c2",       "c2.0",
                         "c2.1", "c2.2", "head", "head.fc", "head.lstm"};
const QList<qint64> kParams{96, 80, 16, 0, 216, 200, 16, 0, 412, 28, 384};

QListWidgetItem* keepWholeItem(const ProjectPanel& panel, const QString& path) {
    auto* list = child<QListWidget>(panel, "keep_whole");
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->data(Qt::UserRole).toString() == path) return list->item(i);
    qFatal("no keep-whole item %s", qPrintable(path));
}

// Toggles a keep-whole check box with the keyboard, as a user would.
void toggle(const ProjectPanel& panel, const QString& path) {
    auto* list = child<QListWidget>(panel, "keep_whole");
    list->setCurrentItem(keepWholeItem(panel, path));
    QTest::keyClick(list, Qt::Key_Space);
}

bool checked(const ProjectPanel& panel, const QString& path) {
    return keepWholeItem(panel, path)->checkState() == Qt::Checked;
}

}  // namespace

class TestProjectPanelSections : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTripTorchScriptSeed() {
        const QTemporaryDir dir;
        ProjectPanel panel;
        panel.setCosts(secateur::test::sampleCostInfo());
        secateur::Project in = sampleProject();
        in.seed.zoo.clear();
        in.seed.torchscript = writeFile(dir, "model.pt").toStdString();
        in.seed.inputShapes = {{1, 1, 49, 10}, {1, 3}};
        panel.setProject(in);
        QVERIFY2(panel.isValid(), qPrintable(panel.errors().join('\n')));
        QVERIFY(child<QRadioButton>(panel, "file_radio")->isChecked());
        QCOMPARE(child<QLineEdit>(panel, "input_shape")->text(), QString("1,1,49,10;1,3"));
        const secateur::Project out = panel.project();
        QCOMPARE(out.seed.torchscript, in.seed.torchscript);
        QVERIFY(out.seed.zoo.empty());
        QCOMPARE(out.seed.inputShapes, in.seed.inputShapes);
    }

    void missingFileIsInvalid() {
        const QTemporaryDir dir;
        ProjectPanel panel;
        panel.setCosts(secateur::test::sampleCostInfo());
        prepare(panel);
        panel.setProject(sampleProject());
        click(child<QRadioButton>(panel, "file_radio"));
        QVERIFY(!panel.isValid());
        QCOMPARE(panel.fieldError("seed_file"), QString("choose a TorchScript file"));
        QVERIFY(!panel.fieldError("input_shape").isEmpty());
        const QString missing = dir.filePath("missing.pt");
        retype(panel, "seed_file", missing);
        QCOMPARE(panel.fieldError("seed_file"), QString("file not found: %1").arg(missing));
        retype(panel, "seed_file", writeFile(dir, "model.pt"));
        QVERIFY(panel.fieldError("seed_file").isEmpty());
        retype(panel, "input_shape", "1,1,49,10");
        QVERIFY2(panel.isValid(), qPrintable(panel.errors().join('\n')));
        // Relative paths resolve against the project's folder.
        retype(panel, "seed_file", "model.pt");
        QVERIFY(!panel.isValid());
        panel.setBaseDirectory(dir.path());
        QVERIFY(panel.isValid());
        // Back to the built-in model: the file no longer matters.
        retype(panel, "seed_file", "gone.pt");
        click(child<QRadioButton>(panel, "zoo_radio"));
        QVERIFY(panel.isValid());
        QCOMPARE(panel.project().seed.zoo, std::string("ds_cnn"));
    }

    void keepWholeListUpdatesTheProject() {
        const QTemporaryDir dir;
        ProjectPanel panel;
        panel.setCosts(secateur::test::sampleCostInfo());
        prepare(panel);
        panel.setProject(lstmHeadProject(dir, {}));
        secateur::widgets::SeedPicker* picker = panel.seedPicker();
        auto* list = child<QListWidget>(panel, "keep_whole");
        QCOMPARE(list->count(), 0);  // the app has not read the file yet
        picker->setReadingSubmodules(true);
        QVERIFY(child<QWidget>(panel, "keep_whole_busy")->isVisibleTo(&panel));
        picker->setSubmodules(dir.filePath("other.pt"), kPaths, kParams);  // not this file
        QCOMPARE(list->count(), 0);
        picker->setSubmodules(picker->seedFilePath(), kPaths, kParams);
        picker->setReadingSubmodules(false);
        QVERIFY(!child<QWidget>(panel, "keep_whole_busy")->isVisibleTo(&panel));
        QCOMPARE(list->count(), kPaths.size());
        QCOMPARE(keepWholeItem(panel, "head")->text(), QString("head (412 parameters)"));
        QCOMPARE(keepWholeItem(panel, "c1.2")->text(), QString("c1.2 (no parameters)"));
        QVERIFY(!list->toolTip().isEmpty());

        // Checking a module records it and clears an import error shown under the seed.
        panel.setFieldError("seed_file",
                            "aten::lstm: keep its module whole with --keep-whole head");
        QSignalSpy changed(&panel, &ProjectPanel::changed);
        toggle(panel, "head");
        QCOMPARE(changed.count(), 1);
        QCOMPARE(panel.project().seed.keepWhole, Strings{"head"});
        QVERIFY2(panel.isValid(), qPrintable(panel.errors().join('\n')));
        // Modules inside it are greyed and kept whole with it, not named again.
        QVERIFY(!(keepWholeItem(panel, "head.lstm")->flags() & Qt::ItemIsEnabled));
        toggle(panel, "c1");
        QCOMPARE(panel.project().seed.keepWhole, (Strings{"head", "c1"}));
        toggle(panel, "head");
        QCOMPARE(panel.project().seed.keepWhole, Strings{"c1"});
        QVERIFY(keepWholeItem(panel, "head.lstm")->flags() & Qt::ItemIsEnabled);
        QCOMPARE(changed.count(), 3);

        // setProject restores the checks; the file's list stays (the same file).
        panel.setProject(lstmHeadProject(dir, {"head"}));
        QCOMPARE(list->count(), kPaths.size());
        QVERIFY(checked(panel, "head"));
        QVERIFY(!checked(panel, "c1"));
        QCOMPARE(panel.project().seed.keepWhole, Strings{"head"});

        // A built-in model hides the list and keeps nothing whole; the file brings it back.
        click(child<QRadioButton>(panel, "zoo_radio"));
        QVERIFY(!list->isVisibleTo(&panel));
        QVERIFY(panel.project().seed.keepWhole.empty());
        click(child<QRadioButton>(panel, "file_radio"));
        QVERIFY(list->isVisibleTo(&panel));
        QCOMPARE(panel.project().seed.keepWhole, Strings{"head"});

        // Read-only while a search runs.
        panel.setEditable(false);
        QVERIFY(!(keepWholeItem(panel, "c1")->flags() & Qt::ItemIsUserCheckable));
        toggle(panel, "c1");
        QCOMPARE(panel.project().seed.keepWhole, Strings{"head"});
        panel.setEditable(true);
        toggle(panel, "c1");
        QCOMPARE(panel.project().seed.keepWhole, (Strings{"head", "c1"}));
    }

    void keepWholeFlagsModulesTheFileLacks() {
        const QTemporaryDir dir;
        ProjectPanel panel;
        panel.setCosts(secateur::test::sampleCostInfo());
        prepare(panel);
        panel.resize(360, 980);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setProject(lstmHeadProject(dir, {"head", "decoder"}));
        secateur::widgets::SeedPicker* picker = panel.seedPicker();
        // Before the file is read, its paths are listed as they are, and nothing is flagged.
        QCOMPARE(child<QListWidget>(panel, "keep_whole")->count(), 2);
        QVERIFY(checked(panel, "decoder"));
        QVERIFY(panel.isValid());
        picker->setSubmodules(picker->seedFilePath(), kPaths, kParams);
        QCOMPARE(child<QListWidget>(panel, "keep_whole")->count(), kPaths.size() + 1);
        QListWidgetItem* decoder = keepWholeItem(panel, "decoder");
        QCOMPARE(decoder->text(), QString("decoder (not in this file)"));
        QVERIFY(!decoder->icon().isNull());
        QVERIFY(checked(panel, "decoder"));
        QVERIFY(!panel.isValid());
        QCOMPARE(panel.fieldError("keep_whole"), QString("no submodule 'decoder' in this file"));
        QVERIFY(panel.errors().contains("Keep whole: no submodule 'decoder' in this file"));
        QVERIFY(child<QLabel>(panel, "keep_whole_error")->isVisibleTo(&panel));

        QTest::qWait(100);
        QVERIFY(picker->grab().save(
            QString::fromStdString(secateur::test::testOutputPath("seed_picker_keep_whole.png"))));
        toggle(panel, "decoder");
        QVERIFY(panel.isValid());
        QCOMPARE(panel.project().seed.keepWhole, Strings{"head"});
        // A file that cannot be read says why under the file field, until the file changes.
        picker->setSubmodulesError(picker->seedFilePath(), "not a TorchScript file");
        QCOMPARE(panel.fieldError("seed_file"), QString("not a TorchScript file"));
        retype(panel, "seed_file", writeFile(dir, "other.pt"));
        QVERIFY(panel.fieldError("seed_file").isEmpty());
        QCOMPARE(child<QListWidget>(panel, "keep_whole")->count(), 1);  // "head", unread
        QVERIFY(panel.isValid());
    }

    void targetsSummary() {
        ProjectPanel panel;
        panel.setCosts(secateur::test::sampleCostInfo());
        prepare(panel);
        secateur::Project p = sampleProject();
        p.search.cost = "macs";
        setLimit(p.search.limits, "peak_ram", 0.0);
        panel.setProject(p);
        const QString summary =
            QStringLiteral("Minimise MACs on cortex-m7; flash ≤ 64 kB; RAM: no limit");
        QVERIFY(panel.findChild<QLabel*>("targets_summary"));
        QCOMPARE(panel.findChild<QLabel*>("targets_summary")->text(), summary);
        QCOMPARE(child<QDoubleSpinBox>(panel, "ram")->text(), QString("No limit"));
    }

    void boardPresetFillsTheMemoryLimits() {
        ProjectPanel panel;
        panel.setCosts(secateur::test::sampleCostInfo());
        panel.setTargets(sampleTargets());
        prepare(panel);
        secateur::Project p = sampleProject();
        setLimit(p.search.limits, "macs", 5e5);  // a limit the form does not show is kept
        panel.setProject(p);
        auto* device = child<QComboBox>(panel, "target");
        QCOMPARE(device->currentText(), QString("Arm Cortex-M7, 216 MHz (int8)"));
        auto* board = child<QComboBox>(panel, "board");
        QCOMPARE(board->count(), 3);  // custom, then the two boards
        QCOMPARE(board->currentIndex(), 0);
        QSignalSpy changed(&panel, &ProjectPanel::changed);
        board->setCurrentIndex(2);
        Q_EMIT board->activated(2);
        QCOMPARE(changed.count(), 1);
        secateur::Project out = panel.project();
        QCOMPARE(limitOn(out.search.limits, "flash"), 2048.0 * 1024);
        QCOMPARE(limitOn(out.search.limits, "peak_ram"), 1024.0 * 1024);
        QCOMPARE(limitOn(out.search.limits, "macs"), 5e5);
        child<QDoubleSpinBox>(panel, "flash")->setValue(100.0);  // by hand: no longer the board
        QCOMPARE(board->currentIndex(), 0);
        child<QDoubleSpinBox>(panel, "latency")->setValue(20.0);
        child<QDoubleSpinBox>(panel, "energy")->setValue(900.0);
        out = panel.project();
        QCOMPARE(limitOn(out.search.limits, "latency_ms"), 20.0);
        QCOMPARE(limitOn(out.search.limits, "energy_uj"), 900.0);
        QVERIFY(panel.findChild<QLabel*>("targets_summary")->text().contains("latency ≤ 20 ms"));
        device->setCurrentIndex(device->findData(QString("host")));
        QCOMPARE(panel.project().search.target, std::string("host"));
        QVERIFY(!board->isEnabled());  // the host lists no boards
        panel.setProject(out);         // reopening finds the board whose memory the limits are
        setLimit(out.search.limits, "flash", 1024.0 * 1024);
        setLimit(out.search.limits, "peak_ram", 320.0 * 1024);
        panel.setProject(out);
        QCOMPARE(board->currentIndex(), 1);
    }

    void limitErrorShowsNextToTheField() {
        ProjectPanel panel;
        panel.setCosts(secateur::test::sampleCostInfo());
        panel.setTargets(sampleTargets());
        prepare(panel);
        panel.setProject(sampleProject());
        panel.setFieldError("flash", "limit flash <= 64 kB cannot be met: 12 % over");
        QVERIFY(!panel.isValid());
        QCOMPARE(panel.errors().first(),
                 QString("Flash limit: limit flash <= 64 kB cannot be met: 12 % over"));
        auto* label = panel.findChild<QLabel*>("flash_error");
        QVERIFY(label);
        QVERIFY(!label->isHidden());
        child<QDoubleSpinBox>(panel, "flash")->setValue(128.0);  // the user's edit clears it
        QVERIFY(panel.isValid());
    }

    // One table maps each limit field to its cost: each field edits its own cost's limit, in the
    // cost's unit, and the studio finds the field of a limit the seed cannot meet through it.
    void everyLimitFieldSetsItsCost() {
        using secateur::widgets::kLimitFields;
        ProjectPanel panel;
        panel.setCosts(secateur::test::sampleCostInfo());
        panel.setTargets(sampleTargets());
        prepare(panel);
        panel.setProject(sampleProject());
        for (const secateur::widgets::LimitFieldInfo& field : kLimitFields) {
            child<QDoubleSpinBox>(panel, field.name)->setValue(7.0);
            QCOMPARE(limitOn(panel.project().search.limits, field.cost), 7.0 * field.toCostUnit);
            QVERIFY(secateur::widgets::limitFieldOfCost(field.cost) == field.field);
            QCOMPARE(secateur::widgets::limitFieldName(field.field), QString(field.name));
            QVERIFY(panel.findChild<QLabel*>(QString(field.name) + "_error"));
        }
        QCOMPARE(limitOn(panel.project().search.limits, "peak_ram"), 7.0 * 1024);
        QVERIFY(!secateur::widgets::limitFieldOfCost("macs"));  // no field: kept as it is
    }
};

QTEST_MAIN(TestProjectPanelSections)
#include "test_project_panel_sections.moc"
