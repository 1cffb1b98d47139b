// The project form: round trip, validation messages, signals and rendering.
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

#include "tests/widgets/sample_data.h"
#include "widgets/project_panel.h"
#include "widgets/seed_picker.h"

using secateur::widgets::ProjectPanel;
using Strings = std::vector<std::string>;

namespace {

secateur::Project sampleProject() {
    secateur::Project p;
    p.name = "keyword spotting";
    p.seed.zoo = "ds_cnn";
    p.seed.frozenModules = {"features.0"};
    p.task = "speech_commands";
    p.search.dimensions = {
        secateur::Dimension{"kernels", {"features.0.conv"}, {}},
        secateur::Dimension{"channels", {"features.1.conv", "features.3.pw"}, {"classifier"}}};
    p.search.cost = "params";
    p.search.strength = 0.35;
    p.search.warmupEpochs = 3;
    p.search.searchEpochs = 7;
    p.search.finetuneEpochs = 1;
    p.search.batchSize = 64;
    p.search.seed = 123456789012345ULL;
    p.search.learningRate = 3e-4;
    setLimit(p.search.limits, "flash", 64.0 * 1024);
    setLimit(p.search.limits, "peak_ram", 20.5 * 1024);
    return p;
}

// Two devices as the engine's registry describes them (widget tests do not link the engine).
std::vector<secateur::Target> sampleTargets() {
    secateur::Target m7;
    m7.name = "cortex-m7";
    m7.label = "Arm Cortex-M7, 216 MHz (int8)";
    m7.description = "int8 weights and activations";
    m7.latencyError = "within 25 %";
    m7.boards = {{"STM32F746", "Cortex-M7 216 MHz", 320 * 1024, 1024 * 1024},
                 {"STM32H743", "Cortex-M7 480 MHz", 1024 * 1024, 2048 * 1024}};
    secateur::Target host = m7;
    host.name = "host";
    host.label = "Desktop CPU (float32)";
    host.boards.clear();
    return {m7, host};
}

void prepare(ProjectPanel& panel) {
    panel.setZooModels({"ds_cnn", "tiny_conv"},
                       {"Depthwise-separable CNN for keyword spotting (49x10 MFCC)",
                        "Two small convolutions, the fastest to search"});
    panel.setTasks({"synthetic", "speech_commands"});
}

template <typename T>
T* child(const ProjectPanel& panel, const char* name) {
    T* widget = panel.findChild<T*>(QString::fromLatin1(name));
    if (!widget) qFatal("no child %s", name);
    return widget;
}

// Replaces a line edit's text as a user would.
void retype(const ProjectPanel& panel, const char* name, const QString& text) {
    auto* edit = child<QLineEdit>(panel, name);
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

// Clicks a check box or radio button on its indicator, as a user would.
void click(QAbstractButton* button) {
    QTest::mouseClick(button, Qt::LeftButton, {}, QPoint(6, button->height() / 2));
}

QString writeFile(const QTemporaryDir& dir, const QString& name) {
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
    file.write("not really torchscript");
    return path;
}

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

class TestProjectPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTripKeepsEveryField() {
        ProjectPanel panel;
        panel.setDimensions(secateur::test::sampleDimensionInfo());
        panel.setCosts(secateur::test::sampleCostInfo());
        prepare(panel);
        const secateur::Project in = sampleProject();
        panel.setProject(in);
        QVERIFY2(panel.isValid(), qPrintable(panel.errors().join('\n')));
        const secateur::Project out = panel.project();
        QCOMPARE(out.name, in.name);
        QCOMPARE(out.seed.zoo, std::string("ds_cnn"));
        QVERIFY(out.seed.torchscript.empty());
        QCOMPARE(out.seed.frozenModules, in.seed.frozenModules);
        QCOMPARE(out.task, std::string("speech_commands"));
        QCOMPARE(out.search.cost, std::string("params"));
        QCOMPARE(out.search.strength, 0.35);
        QCOMPARE(out.search.warmupEpochs, 3);
        QCOMPARE(out.search.searchEpochs, 7);
        QCOMPARE(out.search.finetuneEpochs, 1);
        QCOMPARE(out.search.batchSize, int64_t{64});
        QCOMPARE(out.search.seed, uint64_t{123456789012345ULL});
        QCOMPARE(out.search.learningRate, 3e-4);
        QCOMPARE(limitOn(out.search.limits, "flash"), 64.0 * 1024);
        QCOMPARE(limitOn(out.search.limits, "peak_ram"), 20.5 * 1024);
        QCOMPARE(out.search.dimensions.size(), size_t{2});
        const auto& kernels = out.search.dimensions[0];
        QCOMPARE(kernels.name, std::string("kernels"));
        QCOMPARE(kernels.layers, std::vector<std::string>{"features.0.conv"});
        const auto& channels = out.search.dimensions[1];
        QCOMPARE(channels.name, std::string("channels"));
        QCOMPARE(channels.layers.size(), size_t{2});
        QCOMPARE(channels.exclude, std::vector<std::string>{"classifier"});
        QVERIFY(!child<QCheckBox>(panel, "dilations")->isChecked());
        QCOMPARE(child<QComboBox>(panel, "task")->currentText(), QString("speech_commands"));
        QCOMPARE(child<QComboBox>(panel, "cost")->currentText(), QString("Parameters"));
    }

    void roundTripTorchScriptSeed() {
        const QTemporaryDir dir;
        ProjectPanel panel;
        panel.setDimensions(secateur::test::sampleDimensionInfo());
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

    void addingDimensionUsesDefaults() {
        ProjectPanel panel;
        panel.setDimensions(secateur::test::sampleDimensionInfo());
        panel.setCosts(secateur::test::sampleCostInfo());
        prepare(panel);
        panel.setProject(sampleProject());
        click(child<QCheckBox>(panel, "dilations"));
        const auto dims = panel.project().search.dimensions;
        QCOMPARE(dims.size(), size_t{3});
        QCOMPARE(dims[2].name, std::string("dilations"));
        QVERIFY(dims[2].layers.empty());
        QCOMPARE(dims[0].layers.size(), size_t{1});
    }

    void emptyNameIsInvalid() {
        ProjectPanel panel;
        panel.setDimensions(secateur::test::sampleDimensionInfo());
        panel.setCosts(secateur::test::sampleCostInfo());
        prepare(panel);
        panel.setProject(sampleProject());
        QSignalSpy validity(&panel, &ProjectPanel::validityChanged);
        retype(panel, "name", QString());
        QVERIFY(!panel.isValid());
        QCOMPARE(panel.fieldError("name"), QString("must not be empty"));
        QVERIFY(panel.errors().contains("Name: must not be empty"));
        QVERIFY(child<QLabel>(panel, "name_error")->isVisibleTo(&panel));
        QCOMPARE(validity.count(), 1);
        QCOMPARE(validity.at(0).at(0).toBool(), false);
        QTest::keyClicks(child<QLineEdit>(panel, "name"), "kws");
        QVERIFY(panel.isValid());
        QVERIFY(!child<QLabel>(panel, "name_error")->isVisibleTo(&panel));
        QCOMPARE(validity.count(), 2);
        QCOMPARE(validity.at(1).at(0).toBool(), true);
    }

    void noDimensionIsInvalid() {
        ProjectPanel panel;
        panel.setDimensions(secateur::test::sampleDimensionInfo());
        panel.setCosts(secateur::test::sampleCostInfo());
        prepare(panel);
        panel.setProject(sampleProject());
        click(child<QCheckBox>(panel, "channels"));
        QVERIFY(panel.isValid());
        click(child<QCheckBox>(panel, "kernels"));
        QVERIFY(!panel.isValid());
        QCOMPARE(panel.errors(), QStringList{"Search dimensions: choose at least one"});
        click(child<QCheckBox>(panel, "dilations"));
        QVERIFY(panel.isValid());
    }

    void badStrengthIsInvalid() {
        ProjectPanel panel;
        panel.setDimensions(secateur::test::sampleDimensionInfo());
        panel.setCosts(secateur::test::sampleCostInfo());
        prepare(panel);
        panel.setProject(sampleProject());
        retype(panel, "strength", "-0.5");
        QVERIFY(!panel.isValid());
        QCOMPARE(panel.fieldError("strength"), QString("must be a finite number ≥ 0"));
        retype(panel, "strength", "abc");
        QCOMPARE(panel.fieldError("strength"), QString("must be a number, e.g. 0.2"));
        retype(panel, "strength", "inf");
        QVERIFY(!panel.isValid());
        retype(panel, "strength", "0.5");
        QVERIFY(panel.isValid());
        QCOMPARE(panel.project().search.strength, 0.5);
    }

    void badInputShapeIsInvalid() {
        const QTemporaryDir dir;
        ProjectPanel panel;
        panel.setDimensions(secateur::test::sampleDimensionInfo());
        panel.setCosts(secateur::test::sampleCostInfo());
        secateur::Project p = sampleProject();
        p.seed = {};
        p.seed.torchscript = writeFile(dir, "model.pt").toStdString();
        p.seed.inputShapes = {{1, 1, 49, 10}};
        panel.setProject(p);
        QVERIFY(panel.isValid());
        retype(panel, "input_shape", "1,x");
        QVERIFY(!panel.isValid());
        QCOMPARE(panel.fieldError("input_shape"), QString("\"x\" is not a positive integer"));
        QVERIFY(panel.errors().contains("Input shape: \"x\" is not a positive integer"));
        retype(panel, "input_shape", "10");
        QVERIFY(panel.fieldError("input_shape").startsWith("each input needs at least 2 sizes"));
        retype(panel, "input_shape", "1,0");
        QVERIFY(!panel.isValid());
        retype(panel, "input_shape", "1,3,32,32; 1,10");
        QVERIFY(panel.isValid());
        QCOMPARE(panel.project().seed.inputShapes,
                 (std::vector<secateur::Shape>{{1, 3, 32, 32}, {1, 10}}));
    }

    void missingFileIsInvalid() {
        const QTemporaryDir dir;
        ProjectPanel panel;
        panel.setDimensions(secateur::test::sampleDimensionInfo());
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

    void changedFiresOnUserEditsOnly() {
        ProjectPanel panel;
        panel.setDimensions(secateur::test::sampleDimensionInfo());
        panel.setCosts(secateur::test::sampleCostInfo());
        prepare(panel);
        QSignalSpy changed(&panel, &ProjectPanel::changed);
        QSignalSpy validity(&panel, &ProjectPanel::validityChanged);
        panel.setProject(sampleProject());
        panel.setProject(secateur::Project{});
        panel.setProject(sampleProject());
        QCOMPARE(changed.count(), 0);
        QCOMPARE(validity.count(), 0);
        QTest::keyClicks(child<QLineEdit>(panel, "name"), " v2");
        QCOMPARE(changed.count(), 3);
        QCOMPARE(panel.project().name, std::string("keyword spotting v2"));
        click(child<QCheckBox>(panel, "dilations"));
        QCOMPARE(changed.count(), 4);
        child<QSpinBox>(panel, "batch")->setValue(128);
        QCOMPARE(changed.count(), 5);
        QCOMPARE(panel.project().search.batchSize, int64_t{128});
    }

    void fieldErrorShowsAndClearsOnEdit() {
        ProjectPanel panel;
        panel.setDimensions(secateur::test::sampleDimensionInfo());
        panel.setCosts(secateur::test::sampleCostInfo());
        prepare(panel);
        panel.setProject(sampleProject());
        QSignalSpy validity(&panel, &ProjectPanel::validityChanged);
        panel.setFieldError("seed_file", "import failed: unsupported op aten::lstm");
        QVERIFY(!panel.isValid());
        QCOMPARE(panel.fieldError("seed_file"),
                 QString("import failed: unsupported op aten::lstm"));
        QCOMPARE(child<QLabel>(panel, "seed_file_error")->text().replace('\n', ' '),
                 panel.fieldError("seed_file"));
        QVERIFY(child<QLabel>(panel, "seed_file_error")->isVisibleTo(&panel));
        QCOMPARE(validity.count(), 1);
        // Editing another field keeps it; editing the seed clears it.
        QTest::keyClicks(child<QLineEdit>(panel, "name"), "!");
        QVERIFY(!panel.isValid());
        click(child<QRadioButton>(panel, "file_radio"));
        click(child<QRadioButton>(panel, "zoo_radio"));
        QVERIFY(panel.fieldError("seed_file").isEmpty());
        QVERIFY(panel.isValid());
        QVERIFY(!child<QLabel>(panel, "seed_file_error")->isVisibleTo(&panel));
        // An error from elsewhere on a field with its own check, then setProject clears it.
        panel.setFieldError("strength", "too strong for this seed");
        QCOMPARE(panel.errors(), QStringList{"Strength: too strong for this seed"});
        panel.setProject(sampleProject());
        QVERIFY(panel.isValid());
    }

    void keepWholeListUpdatesTheProject() {
        const QTemporaryDir dir;
        ProjectPanel panel;
        panel.setDimensions(secateur::test::sampleDimensionInfo());
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
        panel.setDimensions(secateur::test::sampleDimensionInfo());
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

    void readOnlyWhileRunning() {
        ProjectPanel panel;
        panel.setDimensions(secateur::test::sampleDimensionInfo());
        panel.setCosts(secateur::test::sampleCostInfo());
        prepare(panel);
        panel.setProject(sampleProject());
        panel.setEditable(false);
        QVERIFY(child<QLineEdit>(panel, "name")->isReadOnly());
        QVERIFY(!child<QCheckBox>(panel, "channels")->isEnabled());
        QVERIFY(!child<QComboBox>(panel, "zoo")->isEnabled());
        panel.setEditable(true);
        QVERIFY(!child<QLineEdit>(panel, "name")->isReadOnly());
        QVERIFY(child<QComboBox>(panel, "zoo")->isEnabled());
        QVERIFY(!child<QLineEdit>(panel, "seed_file")->isEnabled());
    }

    void targetsSummary() {
        ProjectPanel panel;
        panel.setDimensions(secateur::test::sampleDimensionInfo());
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
        panel.setDimensions(secateur::test::sampleDimensionInfo());
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
        panel.setProject(out);  // reopening finds the board whose memory the limits are
        setLimit(out.search.limits, "flash", 1024.0 * 1024);
        setLimit(out.search.limits, "peak_ram", 320.0 * 1024);
        panel.setProject(out);
        QCOMPARE(board->currentIndex(), 1);
    }

    void limitErrorShowsNextToTheField() {
        ProjectPanel panel;
        panel.setDimensions(secateur::test::sampleDimensionInfo());
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

    void rendersPanel() {
        ProjectPanel panel;
        panel.setDimensions(secateur::test::sampleDimensionInfo());
        panel.setCosts(secateur::test::sampleCostInfo());
        panel.setTargets(sampleTargets());
        prepare(panel);
        panel.setProject(sampleProject());
        panel.resize(360, 1000);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(panel.grab().save(
            QString::fromStdString(secateur::test::testOutputPath("project_panel.png"))));
    }

    void rendersErrors() {
        ProjectPanel panel;
        panel.setDimensions(secateur::test::sampleDimensionInfo());
        panel.setCosts(secateur::test::sampleCostInfo());
        prepare(panel);
        panel.setProject(sampleProject());
        panel.resize(360, 870);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        retype(panel, "name", QString());
        click(child<QRadioButton>(panel, "file_radio"));
        retype(panel, "seed_file", "/nonexistent/kws_model.pt");
        retype(panel, "input_shape", "1,x");
        click(child<QCheckBox>(panel, "channels"));
        click(child<QCheckBox>(panel, "kernels"));
        retype(panel, "strength", "-1");
        QCOMPARE(panel.errors().size(), 5);
        // Layout requests cascade from each message up to the panel: let them all run.
        for (int round = 0; round < 5; ++round) QCoreApplication::processEvents();
        QVERIFY(panel.grab().save(
            QString::fromStdString(secateur::test::testOutputPath("project_panel_errors.png"))));
    }
};

QTEST_MAIN(TestProjectPanel)
#include "test_project_panel.moc"
