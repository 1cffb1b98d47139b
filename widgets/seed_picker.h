// The seed section of the project form: a built-in model, or a TorchScript file with the shapes
// of its inputs and the submodules to keep whole. Edits are reported by field name ("zoo",
// "seed_file", "input_shape", "keep_whole").
#pragma once

#include <QGroupBox>
#include <QList>
#include <QString>
#include <QStringList>
#include <map>

#include "engine/project/project.h"

class QButtonGroup;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class QRadioButton;

namespace secateur::widgets {

class SeedPicker : public QGroupBox {
    Q_OBJECT

public:
    explicit SeedPicker(QWidget* parent = nullptr);

    // Shows the seed; its keep-whole paths are checked in the list.
    void setSeed(const secateur::SeedSource& seed);
    // `seed` with the model, file, input shapes and kept-whole modules replaced by what the
    // picker shows. A checked module inside another checked one is not repeated.
    secateur::SeedSource appliedTo(secateur::SeedSource seed) const;

    void setZooModels(const QStringList& names, const QStringList& descriptions);
    // Relative file paths are checked against this folder.
    void setBaseDirectory(const QString& directory);
    void setEditable(bool editable);

    // The file field's path resolved against the base directory (absolute, clean), whichever
    // kind is chosen; empty when the field is. The app lists this file's submodules.
    QString seedFilePath() const;
    // The submodules of `file` (paths in path order, with their parameter counts), read by the
    // app: the keep-whole list offers them. Ignored unless `file` is seedFilePath(); forgotten
    // when the file changes.
    void setSubmodules(const QString& file, const QStringList& paths, const QList<qint64>& params);
    // Reading `file` failed: the message shows under the file field until the file changes.
    void setSubmodulesError(const QString& file, const QString& message);
    // Shows "Reading submodules…" with a busy bar under the list while the app reads the file.
    void setReadingSubmodules(bool reading);
    bool isReadingSubmodules() const { return reading_; }
    QListWidget* keepWholeList() const { return keepWholeList_; }

    // Adds a message for each invalid seed field to `errors`.
    void validate(std::map<QString, QString>& errors) const;
    // The hidden red label under each seed field, by field name.
    const std::map<QString, QLabel*>& errorLabels() const { return errorLabels_; }
    // Enables the inputs of the chosen kind and shows the chosen model's description.
    void refresh();

Q_SIGNALS:
    void edited(const QString& field);
    // The submodule list, its error or the reading state changed: the form checks itself again.
    void submodulesChanged();

private:
    void buildKeepWhole(QFormLayout* form);
    void browse();
    // The submodule list belongs to the file shown and was read without error.
    bool submodulesKnown() const;
    // Items for the file's submodules, then for checked paths the file does not have.
    void rebuildKeepWhole();
    // Check marks, texts, flags and tooltips from keepWhole_.
    void updateKeepWholeItems();
    void keepWholeToggled(QListWidgetItem* item);
    QStringList effectiveKeepWhole() const;

    QString baseDirectory_;
    bool editable_ = true;
    bool reading_ = false;
    std::map<QString, QLabel*> errorLabels_;
    QStringList keepWhole_;  // checked paths, in the project's order, then as checked
    QString listedFile_;     // the file the submodules and listError_ belong to
    QStringList submodulePaths_;
    QList<qint64> submoduleParams_;
    QString listError_;

    QFormLayout* form_ = nullptr;
    QButtonGroup* kind_ = nullptr;
    QRadioButton* zooRadio_ = nullptr;
    QRadioButton* fileRadio_ = nullptr;
    QComboBox* zooCombo_ = nullptr;
    QLabel* zooDescription_ = nullptr;
    QLineEdit* fileEdit_ = nullptr;
    QPushButton* browseButton_ = nullptr;
    QLineEdit* inputShapeEdit_ = nullptr;
    int keepWholeRow_ = -1;
    QListWidget* keepWholeList_ = nullptr;
    QWidget* keepWholeBusy_ = nullptr;
    QLabel* keepWholeStatus_ = nullptr;
};

}  // namespace secateur::widgets
