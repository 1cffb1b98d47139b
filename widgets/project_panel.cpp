#include "widgets/project_panel.h"

#include "widgets/project_fields.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QScopedValueRollback>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

namespace secateur::widgets {
namespace {

struct FieldTitle {
    const char* field;
    const char* title;
};

// Form order, for errors().
constexpr std::array<FieldTitle, 11> kFieldTitles{{{"name", "Name"},
                                                   {"zoo", "Built-in model"},
                                                   {"seed_file", "Seed file"},
                                                   {"input_shape", "Input shape"},
                                                   {"dimensions", "Search dimensions"},
                                                   {"flash", "Flash limit"},
                                                   {"ram", "RAM limit"},
                                                   {"epochs", "Epochs"},
                                                   {"batch", "Batch size"},
                                                   {"strength", "Strength"},
                                                   {"random_seed", "Random seed"}}};

}  // namespace

ProjectPanel::ProjectPanel(QWidget* parent) : QWidget(parent) {
    auto* content = new QWidget;
    content_ = content;
    content->installEventFilter(this);
    auto* sections = new QVBoxLayout(content);
    sections->setContentsMargins(8, 8, 8, 8);
    sections->setSpacing(10);

    auto* nameBox = new QWidget(content);
    QFormLayout* nameForm = makeForm(nameBox);
    nameForm->setContentsMargins(12, 2, 12, 0);
    nameEdit_ = new QLineEdit(nameBox);
    nameEdit_->setPlaceholderText(tr("e.g. keyword spotting, small"));
    nameForm->addRow(tr("Name"), nameEdit_);
    addErrorRow(nameForm, QStringLiteral("name"));
    sections->addWidget(nameBox);
    sections->addWidget(buildSeedSection());
    sections->addWidget(buildDataSection());
    sections->addWidget(buildDimensionsSection());
    sections->addWidget(buildTargetsSection());
    sections->addWidget(buildBudgetSection());
    sections->addStretch(1);
    alignFormLabels(content);

    auto* scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    setToolTip(tr("Set up a search: the seed network, the data, what to search and the budget"));
    setWhatsThis(
        tr("The project panel describes one search. The seed is the trained network the search "
           "starts from; the search dimensions say what it may shrink (output channels, kernel "
           "lengths, dilations). The strength weighs the cost (parameters or MACs) against the "
           "task loss: higher values give smaller networks. Fields in red must be fixed before "
           "the search can start."));

    setTasks({QStringLiteral("synthetic")});
    setCostNames({QStringLiteral("params"), QStringLiteral("macs")});
    connectEdits();
    setProject(secateur::Project{});
}

QLabel* ProjectPanel::addErrorRow(QFormLayout* form, const QString& field) {
    QLabel* label = addMessageUnderLastRow(form);
    label->setObjectName(field + QStringLiteral("_error"));
    errorLabels_[field] = label;
    return label;
}

QWidget* ProjectPanel::buildSeedSection() {
    auto* box = new QGroupBox(tr("Seed network"));
    QFormLayout* form = makeForm(box);
    seedKind_ = new QButtonGroup(box);
    zooRadio_ = new QRadioButton(tr("Built-in model"), box);
    fileRadio_ = new QRadioButton(tr("TorchScript file"), box);
    seedKind_->addButton(zooRadio_);
    seedKind_->addButton(fileRadio_);
    zooRadio_->setToolTip(tr("Start from a model that ships with the studio"));
    fileRadio_->setToolTip(tr("Start from your own trained model, saved with torch.jit.save"));

    zooCombo_ = new QComboBox(box);
    zooDescription_ = makeNote(box);
    form->addRow(zooRadio_);
    form->addRow(tr("Model"), zooCombo_);
    addErrorRow(form, QStringLiteral("zoo"));
    form->addRow(QString(), zooDescription_);

    seedFileEdit_ = new QLineEdit(box);
    seedFileEdit_->setPlaceholderText(tr("model.pt"));
    browseButton_ = new QPushButton(tr("Browse…"), box);
    auto* fileRow = new QHBoxLayout;
    fileRow->setSpacing(4);
    fileRow->addWidget(seedFileEdit_, 1);
    fileRow->addWidget(browseButton_);
    inputShapeEdit_ = new QLineEdit(box);
    inputShapeEdit_->setPlaceholderText(QStringLiteral("1,1,49,10"));
    inputShapeEdit_->setToolTip(
        tr("Sizes of each input, batch first, separated by commas; several inputs by ';'"));
    form->addRow(fileRadio_);
    form->addRow(tr("File"), fileRow);
    addErrorRow(form, QStringLiteral("seed_file"));
    form->addRow(tr("Input shape"), inputShapeEdit_);
    addErrorRow(form, QStringLiteral("input_shape"));
    connect(browseButton_, &QPushButton::clicked, this, &ProjectPanel::browseSeedFile);
    return box;
}

QWidget* ProjectPanel::buildDataSection() {
    auto* box = new QGroupBox(tr("Data"));
    QFormLayout* form = makeForm(box);
    taskCombo_ = new QComboBox(box);
    taskCombo_->setToolTip(tr("The data set the network is trained and validated on"));
    form->addRow(tr("Task"), taskCombo_);
    return box;
}

QWidget* ProjectPanel::buildDimensionsSection() {
    auto* box = new QGroupBox(tr("Search dimensions"));
    QFormLayout* form = makeForm(box);
    channelsBox_ = new QCheckBox(tr("Channels"), box);
    kernelsBox_ = new QCheckBox(tr("Kernels"), box);
    dilationsBox_ = new QCheckBox(tr("Dilations"), box);
    channelsBox_->setToolTip(
        tr("Search how many output channels each conv and linear layer keeps"));
    kernelsBox_->setToolTip(tr("Search shorter kernels (a smaller receptive field per layer)"));
    dilationsBox_->setToolTip(tr("Search power-of-two dilations of 1-D convolution taps"));
    auto* row = new QHBoxLayout;
    row->addWidget(channelsBox_);
    row->addWidget(kernelsBox_);
    row->addWidget(dilationsBox_);
    row->addStretch(1);
    form->addRow(row);
    addErrorRow(form, QStringLiteral("dimensions"));
    return box;
}

QWidget* ProjectPanel::buildTargetsSection() {
    auto* box = new QGroupBox(tr("Targets"));
    QFormLayout* form = makeForm(box);
    flashSpin_ = new LimitSpinBox(box);
    ramSpin_ = new LimitSpinBox(box);
    flashSpin_->setToolTip(tr("Flash (program memory) of the target device; 0: no limit"));
    ramSpin_->setToolTip(tr("RAM of the target device; 0: no limit"));
    costCombo_ = new QComboBox(box);
    costCombo_->setToolTip(tr("The cost the search makes smaller"));
    targetsSummary_ = makeNote(box);
    targetsSummary_->setObjectName(QStringLiteral("targets_summary"));
    form->addRow(tr("Flash limit"), flashSpin_);
    addErrorRow(form, QStringLiteral("flash"));
    form->addRow(tr("RAM limit"), ramSpin_);
    addErrorRow(form, QStringLiteral("ram"));
    form->addRow(tr("Minimise"), costCombo_);
    form->addRow(targetsSummary_);
    return box;
}

QWidget* ProjectPanel::buildBudgetSection() {
    auto* box = new QGroupBox(tr("Budget"));
    QFormLayout* form = makeForm(box);
    const auto makeSpin = [box](int minimum, int maximum, const QString& tip) {
        auto* spin = new QSpinBox(box);
        spin->setRange(minimum, maximum);
        spin->setToolTip(tip);
        return spin;
    };
    warmupSpin_ = makeSpin(0, 10000, tr("Epochs of plain training before the search"));
    searchSpin_ = makeSpin(0, 10000, tr("Epochs that train weights and architecture together"));
    finetuneSpin_ = makeSpin(0, 10000, tr("Epochs that train the chosen network, now fixed"));
    batchSpin_ = makeSpin(0, 1 << 20, tr("Training examples per step"));
    strengthEdit_ = new QLineEdit(box);
    strengthEdit_->setToolTip(
        tr("Weight of the cost against the task loss: 0 keeps the seed, higher prunes more"));
    randomSeedEdit_ = new QLineEdit(box);
    randomSeedEdit_->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{0,20}")), box));
    randomSeedEdit_->setToolTip(tr("The same seed gives the same search"));
    form->addRow(tr("Warm-up epochs"), warmupSpin_);
    form->addRow(tr("Search epochs"), searchSpin_);
    form->addRow(tr("Fine-tune epochs"), finetuneSpin_);
    addErrorRow(form, QStringLiteral("epochs"));
    form->addRow(tr("Batch size"), batchSpin_);
    addErrorRow(form, QStringLiteral("batch"));
    form->addRow(tr("Strength"), strengthEdit_);
    addErrorRow(form, QStringLiteral("strength"));
    form->addRow(tr("Random seed"), randomSeedEdit_);
    addErrorRow(form, QStringLiteral("random_seed"));
    return box;
}

void ProjectPanel::connectEdits() {
    // Object names let tests and the app's help find the inputs.
    const std::array<std::pair<QWidget*, const char*>, 20> named{
        {{nameEdit_, "name"},
         {zooRadio_, "zoo_radio"},
         {fileRadio_, "file_radio"},
         {zooCombo_, "zoo"},
         {seedFileEdit_, "seed_file"},
         {browseButton_, "browse"},
         {inputShapeEdit_, "input_shape"},
         {taskCombo_, "task"},
         {channelsBox_, "channels"},
         {kernelsBox_, "kernels"},
         {dilationsBox_, "dilations"},
         {flashSpin_, "flash"},
         {ramSpin_, "ram"},
         {costCombo_, "cost"},
         {warmupSpin_, "warmup_epochs"},
         {searchSpin_, "search_epochs"},
         {finetuneSpin_, "finetune_epochs"},
         {batchSpin_, "batch"},
         {strengthEdit_, "strength"},
         {randomSeedEdit_, "random_seed"}}};
    for (const auto& [widget, name] : named) widget->setObjectName(QString::fromLatin1(name));
    const auto onEdit = [this](const char* field) {
        return [this, field] { userEdited(QString::fromLatin1(field)); };
    };
    connect(nameEdit_, &QLineEdit::textEdited, this, onEdit("name"));
    connect(seedFileEdit_, &QLineEdit::textEdited, this, onEdit("seed_file"));
    connect(inputShapeEdit_, &QLineEdit::textEdited, this, onEdit("input_shape"));
    connect(strengthEdit_, &QLineEdit::textEdited, this, onEdit("strength"));
    connect(randomSeedEdit_, &QLineEdit::textEdited, this, onEdit("random_seed"));
    connect(zooRadio_, &QRadioButton::toggled, this, onEdit("seed_file"));
    connect(zooCombo_, &QComboBox::currentIndexChanged, this, onEdit("zoo"));
    connect(taskCombo_, &QComboBox::currentIndexChanged, this, onEdit("task"));
    connect(costCombo_, &QComboBox::currentIndexChanged, this, onEdit("cost"));
    for (QCheckBox* box : {channelsBox_, kernelsBox_, dilationsBox_})
        connect(box, &QCheckBox::toggled, this, onEdit("dimensions"));
    connect(flashSpin_, &QDoubleSpinBox::valueChanged, this, onEdit("flash"));
    connect(ramSpin_, &QDoubleSpinBox::valueChanged, this, onEdit("ram"));
    for (QSpinBox* spin : {warmupSpin_, searchSpin_, finetuneSpin_})
        connect(spin, &QSpinBox::valueChanged, this, onEdit("epochs"));
    connect(batchSpin_, &QSpinBox::valueChanged, this, onEdit("batch"));
}

void ProjectPanel::userEdited(const QString& field) {
    if (filling_) return;
    externalErrors_.erase(field);
    refresh();
    Q_EMIT changed();
}

void ProjectPanel::browseSeedFile() {
    const QString start = seedFileEdit_->text().isEmpty() ? baseDirectory_ : seedFileEdit_->text();
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a TorchScript model"), start,
                                                      tr("TorchScript (*.pt *.pth)"));
    if (path.isEmpty()) return;
    seedFileEdit_->setText(QDir::toNativeSeparators(path));
    fileRadio_->setChecked(true);
    userEdited(QStringLiteral("seed_file"));
}

void ProjectPanel::setProject(const secateur::Project& project) {
    base_ = project;
    externalErrors_.clear();
    {
        const QScopedValueRollback<bool> filling(filling_, true);
        const SeedSource& seed = project.seed;
        const SearchOptions& search = project.search;
        nameEdit_->setText(QString::fromStdString(project.name));
        (seed.torchscript.empty() ? zooRadio_ : fileRadio_)->setChecked(true);
        selectValue(zooCombo_, QString::fromStdString(seed.zoo), plainName);
        seedFileEdit_->setText(QString::fromStdString(seed.torchscript));
        inputShapeEdit_->setText(shapeText(seed.inputShapes));
        selectValue(taskCombo_, QString::fromStdString(project.task), taskDisplayName);
        const auto has = [&search](size_t index) {
            return std::any_of(search.dimensions.begin(), search.dimensions.end(),
                               [index](const Dimension& d) { return d.index() == index; });
        };
        channelsBox_->setChecked(has(0));
        kernelsBox_->setChecked(has(1));
        dilationsBox_->setChecked(has(2));
        flashSpin_->setValue(project.targets.flashKb);
        ramSpin_->setValue(project.targets.ramKb);
        selectValue(costCombo_, QString::fromStdString(search.cost), costDisplayName);
        warmupSpin_->setValue(search.warmupEpochs);
        searchSpin_->setValue(search.searchEpochs);
        finetuneSpin_->setValue(search.finetuneEpochs);
        batchSpin_->setValue(
            static_cast<int>(std::min<int64_t>(search.batchSize, batchSpin_->maximum())));
        strengthEdit_->setText(
            QString::number(search.strength, 'g', QLocale::FloatingPointShortest));
        randomSeedEdit_->setText(QString::number(static_cast<qulonglong>(search.seed)));
        refresh();
    }
}

secateur::Project ProjectPanel::project() const {
    Project p = base_;
    p.name = nameEdit_->text().trimmed().toStdString();
    p.seed.zoo.clear();
    p.seed.torchscript.clear();
    p.seed.inputShapes.clear();
    if (zooRadio_->isChecked()) {
        p.seed.zoo = zooCombo_->currentData().toString().toStdString();
    } else {
        p.seed.torchscript = seedFileEdit_->text().trimmed().toStdString();
        QString error;
        p.seed.inputShapes =
            parseShapeText(inputShapeEdit_->text(), error).value_or(std::vector<Shape>{});
    }
    p.task = taskCombo_->currentData().toString().toStdString();

    // Dimensions kept from the project keep their per-layer settings and order.
    const std::array<std::pair<const QCheckBox*, Dimension>, 3> choices{
        {{channelsBox_, Channels{}}, {kernelsBox_, Kernels{}}, {dilationsBox_, Dilations{}}}};
    std::vector<Dimension> dimensions;
    const auto present = [&dimensions](size_t index) {
        return std::any_of(dimensions.begin(), dimensions.end(),
                           [index](const Dimension& d) { return d.index() == index; });
    };
    for (const Dimension& d : base_.search.dimensions)
        if (choices[d.index()].first->isChecked() && !present(d.index())) dimensions.push_back(d);
    for (const auto& [box, dimension] : choices)
        if (box->isChecked() && !present(dimension.index())) dimensions.push_back(dimension);
    p.search.dimensions = std::move(dimensions);

    p.targets.flashKb = flashSpin_->value();
    p.targets.ramKb = ramSpin_->value();
    p.search.cost = costCombo_->currentData().toString().toStdString();
    p.search.warmupEpochs = warmupSpin_->value();
    p.search.searchEpochs = searchSpin_->value();
    p.search.finetuneEpochs = finetuneSpin_->value();
    p.search.batchSize = batchSpin_->value();
    bool ok = false;
    if (const double strength = strengthEdit_->text().trimmed().toDouble(&ok); ok)
        p.search.strength = strength;
    if (const qulonglong seed = randomSeedEdit_->text().toULongLong(&ok); ok) p.search.seed = seed;
    return p;
}

void ProjectPanel::setZooModels(const QStringList& names, const QStringList& descriptions) {
    {
        const QScopedValueRollback<bool> filling(filling_, true);
        fillCombo(zooCombo_, names, descriptions, plainName);
    }
    refresh();
}

void ProjectPanel::setTasks(const QStringList& tasks) {
    {
        const QScopedValueRollback<bool> filling(filling_, true);
        fillCombo(taskCombo_, tasks, {}, taskDisplayName);
    }
    refresh();
}

void ProjectPanel::setCostNames(const QStringList& costNames) {
    {
        const QScopedValueRollback<bool> filling(filling_, true);
        fillCombo(costCombo_, costNames, {}, costDisplayName);
    }
    refresh();
}

void ProjectPanel::setBaseDirectory(const QString& directory) {
    baseDirectory_ = directory;
    refresh();
}

bool ProjectPanel::isValid() const {
    return currentErrors_.empty();
}

QStringList ProjectPanel::errors() const {
    QStringList list;
    for (const FieldTitle& f : kFieldTitles) {
        const QString message = fieldError(QString::fromLatin1(f.field));
        if (!message.isEmpty()) list << QStringLiteral("%1: %2").arg(tr(f.title), message);
    }
    return list;
}

QString ProjectPanel::fieldError(const QString& field) const {
    const auto it = currentErrors_.find(field);
    return it == currentErrors_.end() ? QString() : it->second;
}

void ProjectPanel::setFieldError(const QString& field, const QString& message) {
    if (message.isEmpty())
        externalErrors_.erase(field);
    else
        externalErrors_[field] = message;
    refresh();
}

void ProjectPanel::setEditable(bool editable) {
    editable_ = editable;
    for (QLineEdit* edit :
         {nameEdit_, seedFileEdit_, inputShapeEdit_, strengthEdit_, randomSeedEdit_})
        edit->setReadOnly(!editable);
    for (QAbstractSpinBox* spin : std::initializer_list<QAbstractSpinBox*>{
             flashSpin_, ramSpin_, warmupSpin_, searchSpin_, finetuneSpin_, batchSpin_}) {
        spin->setReadOnly(!editable);
        spin->setButtonSymbols(editable ? QAbstractSpinBox::UpDownArrows
                                        : QAbstractSpinBox::NoButtons);
    }
    for (QWidget* w : std::initializer_list<QWidget*>{zooRadio_, fileRadio_, taskCombo_, costCombo_,
                                                      channelsBox_, kernelsBox_, dilationsBox_})
        w->setEnabled(editable);
    updateEnabledStates();
}

std::map<QString, QString> ProjectPanel::validate() const {
    std::map<QString, QString> e;
    if (nameEdit_->text().trimmed().isEmpty()) e[QStringLiteral("name")] = tr("must not be empty");
    if (zooRadio_->isChecked()) {
        if (zooCombo_->currentData().toString().isEmpty())
            e[QStringLiteral("zoo")] = tr("choose a model");
    } else {
        const QString path = seedFileEdit_->text().trimmed();
        if (path.isEmpty())
            e[QStringLiteral("seed_file")] = tr("choose a TorchScript file");
        else if (!QFileInfo(QDir(baseDirectory_).absoluteFilePath(path)).isFile())
            e[QStringLiteral("seed_file")] = tr("file not found: %1").arg(path);
        QString shapeError;
        if (inputShapeEdit_->text().trimmed().isEmpty())
            e[QStringLiteral("input_shape")] =
                tr("required for a TorchScript file (e.g. 1,1,49,10)");
        else if (!parseShapeText(inputShapeEdit_->text(), shapeError))
            e[QStringLiteral("input_shape")] = shapeError;
    }
    if (!channelsBox_->isChecked() && !kernelsBox_->isChecked() && !dilationsBox_->isChecked())
        e[QStringLiteral("dimensions")] = tr("choose at least one");
    for (const auto& [field, spin] : {std::pair{"flash", flashSpin_}, std::pair{"ram", ramSpin_}})
        if (!std::isfinite(spin->value()) || spin->value() < 0.0)
            e[QString::fromLatin1(field)] = tr("must be 0 (no limit) or more");
    if (searchSpin_->value() < 1) e[QStringLiteral("epochs")] = tr("search needs at least 1 epoch");
    if (batchSpin_->value() < 1) e[QStringLiteral("batch")] = tr("must be at least 1");
    bool ok = false;
    const double strength = strengthEdit_->text().trimmed().toDouble(&ok);
    if (!ok)
        e[QStringLiteral("strength")] = tr("must be a number, e.g. 0.2");
    else if (!std::isfinite(strength) || strength < 0.0)
        e[QStringLiteral("strength")] = tr("must be a finite number ≥ 0");
    static_cast<void>(randomSeedEdit_->text().toULongLong(&ok));
    if (!ok) e[QStringLiteral("random_seed")] = tr("must be a whole number ≥ 0");
    for (const auto& [field, message] : externalErrors_) e.emplace(field, message);
    return e;
}

void ProjectPanel::refresh() {
    currentErrors_ = validate();
    showErrorTexts();
    updateEnabledStates();
    updateZooDescription();
    updateTargetsSummary();
    const bool valid = currentErrors_.empty();
    if (valid == lastValid_) return;
    lastValid_ = valid;
    if (!filling_) Q_EMIT validityChanged(valid);
}

void ProjectPanel::showErrorTexts() {
    for (const auto& [field, label] : errorLabels_) {
        const QString message = fieldError(field);
        const int width = label->parentWidget()->contentsRect().width();
        label->setText(wrapText(message, label->fontMetrics(), std::max(width, 80)));
        label->setVisible(!message.isEmpty());
    }
}

bool ProjectPanel::eventFilter(QObject* watched, QEvent* event) {
    if (watched == content_ && event->type() == QEvent::Resize) showErrorTexts();
    return QWidget::eventFilter(watched, event);
}

void ProjectPanel::updateEnabledStates() {
    const bool zoo = zooRadio_->isChecked();
    zooCombo_->setEnabled(editable_ && zoo);
    zooDescription_->setEnabled(zoo);
    for (QWidget* w : std::initializer_list<QWidget*>{seedFileEdit_, inputShapeEdit_})
        w->setEnabled(!zoo);
    browseButton_->setEnabled(editable_ && !zoo);
}

void ProjectPanel::updateZooDescription() {
    const QString description = zooCombo_->currentData(Qt::ToolTipRole).toString();
    zooDescription_->setText(description);
    zooDescription_->setVisible(!description.isEmpty());
    zooCombo_->setToolTip(description.isEmpty() ? tr("A model that ships with the studio")
                                                : description);
}

void ProjectPanel::updateTargetsSummary() {
    targetsSummary_->setText(tr("Minimise %1; flash%2; RAM%3")
                                 .arg(costCombo_->currentText(), limitText(flashSpin_->value()),
                                      limitText(ramSpin_->value())));
}

}  // namespace secateur::widgets
