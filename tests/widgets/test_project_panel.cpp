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

#include "tests/widgets/project_panel_support.h"
#include "tests/widgets/sample_data.h"
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

class TestProjectPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTripKeepsEveryField() {
        ProjectPanel panel;
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

    void addingDimensionUsesDefaults() {
        ProjectPanel panel;
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

    void changedFiresOnUserEditsOnly() {
        ProjectPanel panel;
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

    void readOnlyWhileRunning() {
        ProjectPanel panel;
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

    void rendersPanel() {
        ProjectPanel panel;
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
