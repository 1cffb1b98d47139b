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
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalBlocker>
#include <QStyle>
#include <QVBoxLayout>
#include <algorithm>

namespace secateur::widgets {
namespace {

constexpr int kPathRole = Qt::UserRole;
constexpr int kParamsRole = Qt::UserRole + 1;  // absent: not known

QString parametersText(qint64 params) {
    if (params == 0) return SeedPicker::tr("no parameters");
    if (params == 1) return SeedPicker::tr("1 parameter");
    return SeedPicker::tr("%1 parameters").arg(QLocale().toString(params));
}

// The checked path that `path` lies inside, if any.
QString checkedAncestor(const QString& path, const QStringList& checked) {
    for (const QString& other : checked)
        if (path.startsWith(other + QLatin1Char('.'))) return other;
    return {};
}

}  // namespace

SeedPicker::SeedPicker(QWidget* parent) : QGroupBox(tr("Seed network"), parent) {
    QFormLayout* form = makeForm(this);
    form_ = form;
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
    buildKeepWhole(form);

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
    connect(fileEdit_, &QLineEdit::textChanged, this, &SeedPicker::rebuildKeepWhole);
}

void SeedPicker::buildKeepWhole(QFormLayout* form) {
    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(3);
    keepWholeList_ = new QListWidget(box);
    keepWholeList_->setObjectName(QStringLiteral("keep_whole"));
    keepWholeList_->setSelectionMode(QAbstractItemView::NoSelection);
    keepWholeList_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    keepWholeList_->setIconSize(QSize(14, 14));
    const QString explanation =
        tr("A checked module is kept whole: it runs as its frozen TorchScript code, its channels "
           "are never pruned, and its parameters are counted. Use it for ops the importer does "
           "not support, such as an LSTM head.");
    keepWholeList_->setToolTip(explanation);
    keepWholeBusy_ = new QWidget(box);
    keepWholeBusy_->setObjectName(QStringLiteral("keep_whole_busy"));
    auto* busyRow = new QHBoxLayout(keepWholeBusy_);
    busyRow->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QProgressBar(keepWholeBusy_);
    bar->setRange(0, 0);  // busy, no known end
    bar->setTextVisible(false);
    bar->setMaximumSize(60, 10);
    busyRow->addWidget(bar);
    busyRow->addWidget(new QLabel(tr("Reading submodules…"), keepWholeBusy_), 1);
    keepWholeBusy_->hide();
    // No word-wrapped label inside the row: a QFormLayout gets the height of such rows wrong
    // when they change (see wrapText); the wrapped note gets a row of its own.
    keepWholeStatus_ = makeNote(box);
    keepWholeStatus_->setWordWrap(false);
    keepWholeStatus_->setObjectName(QStringLiteral("keep_whole_status"));
    layout->addWidget(keepWholeList_);
    layout->addWidget(keepWholeBusy_);
    layout->addWidget(keepWholeStatus_);
    keepWholeRow_ = form->rowCount();
    auto* label = new QLabel(tr("Keep whole"), this);
    label->setToolTip(explanation);
    form->addRow(label, box);
    addFieldMessage(form, QStringLiteral("keep_whole"), errorLabels_);
    QLabel* note = makeNote(this);
    note->setText(
        tr("Checked modules run as frozen TorchScript: never pruned, their parameters "
           "counted."));
    note->setToolTip(explanation);
    form->addRow(QString(), note);
    connect(keepWholeList_, &QListWidget::itemChanged, this, &SeedPicker::keepWholeToggled);
    rebuildKeepWhole();
}

void SeedPicker::setSeed(const secateur::SeedSource& seed) {
    (seed.torchscript.empty() ? zooRadio_ : fileRadio_)->setChecked(true);
    selectValue(zooCombo_, QString::fromStdString(seed.zoo), plainName);
    keepWhole_.clear();
    for (const std::string& path : seed.keepWhole) keepWhole_ << QString::fromStdString(path);
    fileEdit_->setText(QString::fromStdString(seed.torchscript));
    inputShapeEdit_->setText(shapeText(seed.inputShapes));
    rebuildKeepWhole();
}

secateur::SeedSource SeedPicker::appliedTo(secateur::SeedSource seed) const {
    seed.zoo.clear();
    seed.torchscript.clear();
    seed.inputShapes.clear();
    seed.keepWhole.clear();
    if (zooRadio_->isChecked()) {
        seed.zoo = zooCombo_->currentData().toString().toStdString();
    } else {
        seed.torchscript = fileEdit_->text().trimmed().toStdString();
        QString error;
        seed.inputShapes =
            parseShapeText(inputShapeEdit_->text(), error).value_or(std::vector<Shape>{});
        for (const QString& path : effectiveKeepWhole())
            seed.keepWhole.push_back(path.toStdString());
    }
    return seed;
}

void SeedPicker::setZooModels(const QStringList& names, const QStringList& descriptions) {
    fillCombo(zooCombo_, names, descriptions, plainName);
}

void SeedPicker::setBaseDirectory(const QString& directory) {
    baseDirectory_ = directory;
    rebuildKeepWhole();
}

QString SeedPicker::seedFilePath() const {
    const QString path = fileEdit_->text().trimmed();
    if (path.isEmpty()) return {};
    return QDir::cleanPath(QDir(baseDirectory_).absoluteFilePath(QDir::fromNativeSeparators(path)));
}

void SeedPicker::setSubmodules(const QString& file, const QStringList& paths,
                               const QList<qint64>& params) {
    if (file.isEmpty() || file != seedFilePath()) return;
    listedFile_ = file;
    submodulePaths_ = paths;
    submoduleParams_ = params;
    listError_.clear();
    rebuildKeepWhole();
    Q_EMIT submodulesChanged();
}

void SeedPicker::setSubmodulesError(const QString& file, const QString& message) {
    if (file.isEmpty() || file != seedFilePath()) return;
    listedFile_ = file;
    submodulePaths_.clear();
    submoduleParams_.clear();
    listError_ = message;
    rebuildKeepWhole();
    Q_EMIT submodulesChanged();
}

void SeedPicker::setReadingSubmodules(bool reading) {
    if (reading == reading_) return;
    reading_ = reading;
    updateKeepWholeItems();
}

bool SeedPicker::submodulesKnown() const {
    return !listedFile_.isEmpty() && listedFile_ == seedFilePath() && listError_.isEmpty();
}

QStringList SeedPicker::effectiveKeepWhole() const {
    QStringList paths;
    for (const QString& path : keepWhole_)
        if (checkedAncestor(path, keepWhole_).isEmpty()) paths << path;
    return paths;
}

void SeedPicker::rebuildKeepWhole() {
    {
        const QSignalBlocker block(keepWholeList_);
        keepWholeList_->clear();
        const bool known = submodulesKnown();
        const auto add = [this](const QString& path) {
            auto* item = new QListWidgetItem(keepWholeList_);
            item->setData(kPathRole, path);
            return item;
        };
        if (known)
            for (int i = 0; i < submodulePaths_.size(); ++i)
                add(submodulePaths_[i])->setData(kParamsRole, submoduleParams_.value(i));
        for (const QString& path : keepWhole_)
            if (!known || !submodulePaths_.contains(path)) add(path);
    }
    updateKeepWholeItems();
    // Show the first module kept whole rather than the file's first submodules.
    for (int i = 0; i < keepWholeList_->count(); ++i)
        if (keepWholeList_->item(i)->checkState() == Qt::Checked) {
            keepWholeList_->scrollToItem(keepWholeList_->item(i), QAbstractItemView::PositionAtTop);
            break;
        }
}

void SeedPicker::updateKeepWholeItems() {
    const bool known = submodulesKnown();
    {
        const QSignalBlocker block(keepWholeList_);
        const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
        for (int i = 0; i < keepWholeList_->count(); ++i) {
            QListWidgetItem* item = keepWholeList_->item(i);
            const QString path = item->data(kPathRole).toString();
            const QVariant params = item->data(kParamsRole);
            const bool missing = known && !params.isValid();
            const QString outer = checkedAncestor(path, keepWhole_);
            item->setCheckState(keepWhole_.contains(path) ? Qt::Checked : Qt::Unchecked);
            Qt::ItemFlags flags = Qt::ItemNeverHasChildren;
            if (outer.isEmpty()) flags |= Qt::ItemIsEnabled;
            if (editable_) flags |= Qt::ItemIsUserCheckable;
            item->setFlags(flags);
            item->setIcon(missing ? warning : QIcon());
            item->setForeground(missing ? QBrush(QColor(0xc6, 0x28, 0x28)) : QBrush());
            if (missing)
                item->setText(tr("%1 (not in this file)").arg(path));
            else if (params.isValid())
                item->setText(
                    QStringLiteral("%1 (%2)").arg(path, parametersText(params.toLongLong())));
            else
                item->setText(path);
            if (missing)
                item->setToolTip(tr("This file has no submodule '%1': uncheck it, or choose the "
                                    "file that has it")
                                     .arg(path));
            else if (!outer.isEmpty())
                item->setToolTip(tr("Kept whole with '%1'").arg(outer));
            else if (params.isValid() && params.toLongLong() == 0)
                item->setToolTip(tr("Keep '%1' whole: it runs as its frozen TorchScript code and "
                                    "its channels are never pruned (it has no parameters)")
                                     .arg(path));
            else
                item->setToolTip(tr("Keep '%1' whole: it runs as its frozen TorchScript code, its "
                                    "channels are never pruned, and its %2 are counted")
                                     .arg(path, params.isValid()
                                                    ? parametersText(params.toLongLong())
                                                    : tr("parameters")));
        }
    }
    const int count = keepWholeList_->count();
    keepWholeList_->setVisible(count > 0);
    if (count > 0) {
        const int rows = std::clamp(count, 1, 6);
        keepWholeList_->setFixedHeight(rows * keepWholeList_->sizeHintForRow(0) +
                                       2 * keepWholeList_->frameWidth());
    }
    keepWholeBusy_->setVisible(reading_);
    QString status;
    if (!reading_ && count == 0)
        status = known ? tr("This file has no submodules.") : tr("Listed once the file is read.");
    keepWholeStatus_->setText(status);
    keepWholeStatus_->setVisible(!status.isEmpty());
}

void SeedPicker::keepWholeToggled(QListWidgetItem* item) {
    const QString path = item->data(kPathRole).toString();
    const bool checked = item->checkState() == Qt::Checked;
    if (checked == keepWhole_.contains(path)) return;  // not a change of the check mark
    if (checked)
        keepWhole_ << path;
    else
        keepWhole_.removeAll(path);
    updateKeepWholeItems();
    Q_EMIT edited(QStringLiteral("keep_whole"));
}

void SeedPicker::setEditable(bool editable) {
    editable_ = editable;
    for (QLineEdit* edit : {fileEdit_, inputShapeEdit_}) edit->setReadOnly(!editable);
    for (QRadioButton* radio : {zooRadio_, fileRadio_}) radio->setEnabled(editable);
    updateKeepWholeItems();
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
    else if (!QFileInfo(seedFilePath()).isFile())
        errors[QStringLiteral("seed_file")] = tr("file not found: %1").arg(path);
    else if (listedFile_ == seedFilePath() && !listError_.isEmpty())
        errors[QStringLiteral("seed_file")] = listError_;
    if (submodulesKnown()) {
        QStringList missing;
        for (const QString& p : keepWhole_)
            if (!submodulePaths_.contains(p)) missing << QStringLiteral("'%1'").arg(p);
        if (missing.size() == 1)
            errors[QStringLiteral("keep_whole")] =
                tr("no submodule %1 in this file").arg(missing[0]);
        else if (!missing.isEmpty())
            errors[QStringLiteral("keep_whole")] =
                tr("no submodules %1 in this file").arg(missing.join(QStringLiteral(", ")));
    }
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
    form_->setRowVisible(keepWholeRow_, !zoo);
    form_->setRowVisible(keepWholeRow_ + 1, !zoo);  // the note

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
