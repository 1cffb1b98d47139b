// The seed section of the project form: a built-in model, or a TorchScript file with the shapes
// of its inputs. Edits are reported by field name ("zoo", "seed_file", "input_shape").
#pragma once

#include <QGroupBox>
#include <QString>
#include <QStringList>
#include <map>

#include "engine/project/project.h"

class QButtonGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace secateur::widgets {

class SeedPicker : public QGroupBox {
    Q_OBJECT

public:
    explicit SeedPicker(QWidget* parent = nullptr);

    void setSeed(const secateur::SeedSource& seed);
    // `seed` with the model, file and input shapes replaced by what the picker shows.
    secateur::SeedSource appliedTo(secateur::SeedSource seed) const;

    void setZooModels(const QStringList& names, const QStringList& descriptions);
    // Relative file paths are checked against this folder.
    void setBaseDirectory(const QString& directory);
    void setEditable(bool editable);

    // Adds a message for each invalid seed field to `errors`.
    void validate(std::map<QString, QString>& errors) const;
    // The hidden red label under each seed field, by field name.
    const std::map<QString, QLabel*>& errorLabels() const { return errorLabels_; }
    // Enables the inputs of the chosen kind and shows the chosen model's description.
    void refresh();

Q_SIGNALS:
    void edited(const QString& field);

private:
    void browse();

    QString baseDirectory_;
    bool editable_ = true;
    std::map<QString, QLabel*> errorLabels_;
    QButtonGroup* kind_ = nullptr;
    QRadioButton* zooRadio_ = nullptr;
    QRadioButton* fileRadio_ = nullptr;
    QComboBox* zooCombo_ = nullptr;
    QLabel* zooDescription_ = nullptr;
    QLineEdit* fileEdit_ = nullptr;
    QPushButton* browseButton_ = nullptr;
    QLineEdit* inputShapeEdit_ = nullptr;
};

}  // namespace secateur::widgets
