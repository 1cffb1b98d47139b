// What the project panel's tests share: a sample project and devices, the panel prepared as the
// studio prepares it, and edits made as a user makes them.
#pragma once

#include <QAbstractButton>
#include <QFile>
#include <QLineEdit>
#include <QString>
#include <QTemporaryDir>
#include <QTest>
#include <string>
#include <vector>

#include "engine/search/limits.h"
#include "engine/target/target.h"
#include "tests/widgets/sample_data.h"
#include "widgets/project_panel.h"

namespace secateur::test {

using secateur::widgets::ProjectPanel;

inline secateur::Project sampleProject() {
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
inline std::vector<secateur::Target> sampleTargets() {
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

inline void prepare(ProjectPanel& panel) {
    panel.setZooModels({"ds_cnn", "tiny_conv"},
                       {"Depthwise-separable CNN for keyword spotting (49x10 MFCC)",
                        "Two small convolutions, the fastest to search"});
    panel.setTasks({"synthetic", "speech_commands"});
    panel.setDimensions(secateur::test::sampleDimensionInfo());
}

template <typename T>
T* child(const ProjectPanel& panel, const char* name) {
    T* widget = panel.findChild<T*>(QString::fromLatin1(name));
    if (!widget) qFatal("no child %s", name);
    return widget;
}

// Replaces a line edit's text as a user would.
inline void retype(const ProjectPanel& panel, const char* name, const QString& text) {
    auto* edit = child<QLineEdit>(panel, name);
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

// Clicks a check box or radio button on its indicator, as a user would.
inline void click(QAbstractButton* button) {
    QTest::mouseClick(button, Qt::LeftButton, {}, QPoint(6, button->height() / 2));
}

inline QString writeFile(const QTemporaryDir& dir, const QString& name) {
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
    file.write("not really torchscript");
    return path;
}

}  // namespace secateur::test
