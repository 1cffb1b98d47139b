#include "widgets/seed_picker.h"

#include "widgets/project_fields.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>

namespace secateur::widgets {

SeedPicker::SeedPicker(QWidget* parent) : QGroupBox(tr("Seed network"), parent) {
    QFormLayout* form = makeForm(this);
    kind_ = new QButtonGroup(this);
    zooRadio_ = new QRadioButton(tr("Built-in model"), this);
    fileRadio_ = new QRadioButton(tr("TorchScript file"), this);
    kind_->addButton(zooRadio_);
    kind_->addButton(fileRadio_);
    zooRadio_->setToolTip(tr("Start from a model that ships with the studio"));
    fileRadio_->setToolTip(tr("Start from your own trained model, saved with torch.jit.save"));

    zooCombo_ = new QComboBox(this);
    zooDescription_ = makeNote(this);
    form->addRow(zooRadio_);
    form->addRow(tr("Model"), zooCombo_);
    addFieldMessage(form, QStringLiteral("zoo"), errorLabels_);
    form->addRow(QString(), zooDescription_);

    fileEdit_ = new QLineEdit(this);
    fileEdit_->setPlaceholderText(tr("model.pt"));
    browseButton_ = new QPushButton(tr("Browse…"), this);
    auto* fileRow = new QHBoxLayout;
    fileRow->setSpacing(4);
    fileRow->addWidget(fileEdit_, 1);
    fileRow->addWidget(browseButton_);
    inputShapeEdit_ = new QLineEdit(this);
    inputShapeEdit_->setPlaceholderText(QStringLiteral("1,1,49,10"));
    inputShapeEdit_->setToolTip(
        tr("Sizes of each input, batch first, separated by commas; several inputs by ';'"));
    form->addRow(fileRadio_);
    form->addRow(tr("File"), fileRow);
    addFieldMessage(form, QStringLiteral("seed_file"), errorLabels_);
    form->addRow(tr("Input shape"), inputShapeEdit_);
    addFieldMessage(form, QStringLiteral("input_shape"), errorLabels_);

    // Object names let tests and the app's help find the inputs.
    zooRadio_->setObjectName(QStringLiteral("zoo_radio"));
    fileRadio_->setObjectName(QStringLiteral("file_radio"));
    zooCombo_->setObjectName(QStringLiteral("zoo"));
    fileEdit_->setObjectName(QStringLiteral("seed_file"));
    browseButton_->setObjectName(QStringLiteral("browse"));
    inputShapeEdit_->setObjectName(QStringLiteral("input_shape"));

    const auto onEdit = [this](const char* field) {
        return [this, field] { Q_EMIT edited(QString::fromLatin1(field)); };
    };
    connect(fileEdit_, &QLineEdit::textEdited, this, onEdit("seed_file"));
    connect(inputShapeEdit_, &QLineEdit::textEdited, this, onEdit("input_shape"));
    connect(zooRadio_, &QRadioButton::toggled, this, onEdit("seed_file"));
    connect(zooCombo_, &QComboBox::currentIndexChanged, this, onEdit("zoo"));
    connect(browseButton_, &QPushButton::clicked, this, &SeedPicker::browse);
}

void SeedPicker::setSeed(const secateur::SeedSource& seed) {
    (seed.torchscript.empty() ? zooRadio_ : fileRadio_)->setChecked(true);
    selectValue(zooCombo_, QString::fromStdString(seed.zoo), plainName);
    fileEdit_->setText(QString::fromStdString(seed.torchscript));
    inputShapeEdit_->setText(shapeText(seed.inputShapes));
}

secateur::SeedSource SeedPicker::appliedTo(secateur::SeedSource seed) const {
    seed.zoo.clear();
    seed.torchscript.clear();
    seed.inputShapes.clear();
    if (zooRadio_->isChecked()) {
        seed.zoo = zooCombo_->currentData().toString().toStdString();
    } else {
        seed.torchscript = fileEdit_->text().trimmed().toStdString();
        QString error;
        seed.inputShapes =
            parseShapeText(inputShapeEdit_->text(), error).value_or(std::vector<Shape>{});
    }
    return seed;
}

void SeedPicker::setZooModels(const QStringList& names, const QStringList& descriptions) {
    fillCombo(zooCombo_, names, descriptions, plainName);
}

void SeedPicker::setBaseDirectory(const QString& directory) {
    baseDirectory_ = directory;
}

void SeedPicker::setEditable(bool editable) {
    editable_ = editable;
    for (QLineEdit* edit : {fileEdit_, inputShapeEdit_}) edit->setReadOnly(!editable);
    for (QRadioButton* radio : {zooRadio_, fileRadio_}) radio->setEnabled(editable);
    refresh();
}

void SeedPicker::validate(std::map<QString, QString>& errors) const {
    if (zooRadio_->isChecked()) {
        if (zooCombo_->currentData().toString().isEmpty())
            errors[QStringLiteral("zoo")] = tr("choose a model");
        return;
    }
    const QString path = fileEdit_->text().trimmed();
    if (path.isEmpty())
        errors[QStringLiteral("seed_file")] = tr("choose a TorchScript file");
    else if (!QFileInfo(QDir(baseDirectory_).absoluteFilePath(path)).isFile())
        errors[QStringLiteral("seed_file")] = tr("file not found: %1").arg(path);
    QString shapeError;
    if (inputShapeEdit_->text().trimmed().isEmpty())
        errors[QStringLiteral("input_shape")] =
            tr("required for a TorchScript file (e.g. 1,1,49,10)");
    else if (!parseShapeText(inputShapeEdit_->text(), shapeError))
        errors[QStringLiteral("input_shape")] = shapeError;
}

void SeedPicker::refresh() {
    const bool zoo = zooRadio_->isChecked();
    zooCombo_->setEnabled(editable_ && zoo);
    zooDescription_->setEnabled(zoo);
    for (QWidget* w : std::initializer_list<QWidget*>{fileEdit_, inputShapeEdit_})
        w->setEnabled(!zoo);
    browseButton_->setEnabled(editable_ && !zoo);

    const QString description = zooCombo_->currentData(Qt::ToolTipRole).toString();
    zooDescription_->setText(description);
    zooDescription_->setVisible(!description.isEmpty());
    zooCombo_->setToolTip(description.isEmpty() ? tr("A model that ships with the studio")
                                                : description);
}

void SeedPicker::browse() {
    const QString start = fileEdit_->text().isEmpty() ? baseDirectory_ : fileEdit_->text();
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a TorchScript model"), start,
                                                      tr("TorchScript (*.pt *.pth)"));
    if (path.isEmpty()) return;
    fileEdit_->setText(QDir::toNativeSeparators(path));
    fileRadio_->setChecked(true);
    Q_EMIT edited(QStringLiteral("seed_file"));
}

}  // namespace secateur::widgets
