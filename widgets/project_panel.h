// The form where the user sets up a search: seed, data, dimensions, target and limits, budget, each
// field validated as it is edited, with the message in red under the field.
#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>
#include <functional>
#include <map>

#include "engine/project/project.h"
#include "widgets/project_fields.h"

class QCheckBox;
class QHBoxLayout;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace secateur::widgets {

class SeedPicker;
class TargetSection;

class ProjectPanel : public QWidget {
    Q_OBJECT

public:
    explicit ProjectPanel(QWidget* parent = nullptr);

    // Fills the fields and clears errors set with setFieldError; emits nothing, so callers read
    // isValid() afterwards.
    void setProject(const secateur::Project& project);
    // A copy of the last project set, with every field the form shows replaced by its value.
    secateur::Project project() const;

    void setZooModels(const QStringList& names, const QStringList& descriptions);
    void setTasks(const QStringList& tasks);
    // The costs a search can minimise, from the engine's registry (names, labels, tooltips).
    void setCosts(const std::vector<secateur::CostInfo>& costs);
    // One check box per dimension (named after it, its description as tooltip). Until this is
    // called, the panel leaves the project's dimensions as they are.
    void setDimensions(const std::vector<secateur::DimensionInfo>& dimensions);
    // The devices a search can price its costs for, from the engine's registry.
    void setTargets(const std::vector<secateur::Target>& targets);
    // Relative seed file paths are checked against this folder (the project file's).
    void setBaseDirectory(const QString& directory);

    bool isValid() const;
    // "Field: message" for each invalid field, in form order.
    QStringList errors() const;
    // The message under `field` ("name", "zoo", "seed_file", "input_shape", "keep_whole",
    // "dimensions", "target", "flash", "ram", "latency", "energy", "strength", "epochs", "batch",
    // "random_seed"); empty when it is valid.
    QString fieldError(const QString& field) const;
    // An error found elsewhere (e.g. the seed failed to import); cleared when the user edits the
    // field (for the seed's fields: any of them) or with an empty message.
    void setFieldError(const QString& field, const QString& message);

    void setEditable(bool editable);
    bool isEditable() const { return editable_; }
    // The seed section, which takes the seed file's submodules from the app.
    SeedPicker* seedPicker() const { return seedPicker_; }
    TargetSection* targetSection() const { return targetSection_; }

Q_SIGNALS:
    void changed();
    void validityChanged(bool valid);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* buildDataSection();
    QWidget* buildDimensionsSection();
    std::vector<std::string> checkedDimensions() const;
    QWidget* buildBudgetSection();
    void connectEdits();
    void userEdited(const QString& field);
    // Runs `fill` with edits not reported as the user's, then revalidates.
    void fillQuietly(const std::function<void()>& fill);
    std::map<QString, QString> validate() const;
    void refresh();
    void showErrorTexts();  // wrapped to the current width

    secateur::Project base_;
    std::map<QString, QString> externalErrors_;
    std::map<QString, QString> currentErrors_;
    std::map<QString, QLabel*> errorLabels_;
    bool filling_ = false;
    bool editable_ = true;
    bool lastValid_ = false;

    QWidget* content_ = nullptr;
    QLineEdit* nameEdit_ = nullptr;
    SeedPicker* seedPicker_ = nullptr;
    QComboBox* taskCombo_ = nullptr;
    QHBoxLayout* dimensionRow_ = nullptr;
    std::vector<std::pair<std::string, QCheckBox*>> dimensionBoxes_;  // by dimension name
    TargetSection* targetSection_ = nullptr;
    QSpinBox* warmupSpin_ = nullptr;
    QSpinBox* searchSpin_ = nullptr;
    QSpinBox* finetuneSpin_ = nullptr;
    QSpinBox* batchSpin_ = nullptr;
    QLineEdit* strengthEdit_ = nullptr;
    QLineEdit* randomSeedEdit_ = nullptr;
};

}  // namespace secateur::widgets
