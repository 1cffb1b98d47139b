#include "widgets/project_panel.h"

#include "widgets/project_fields.h"
#include "widgets/seed_picker.h"
#include "widgets/target_section.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QScopedValueRollback>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <array>
#include <cmath>

namespace secateur::widgets {
namespace {

struct FieldTitle {
    const char* field;
    const char* title;
};

// Form order, for errors().
constexpr std::array<FieldTitle, 15> kFieldTitles{{{"name", "Name"},
                                                   {"zoo", "Built-in model"},
                                                   {"seed_file", "Seed file"},
                                                   {"input_shape", "Input shape"},
                                                   {"keep_whole", "Keep whole"},
                                                   {"dimensions", "Search dimensions"},
                                                   {"target", "Device"},
                                                   {"flash", "Flash limit"},
                                                   {"ram", "RAM limit"},
                                                   {"latency", "Latency limit"},
                                                   {"energy", "Energy limit"},
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
    addFieldMessage(nameForm, QStringLiteral("name"), errorLabels_);
    sections->addWidget(nameBox);
    seedPicker_ = new SeedPicker(content);
    errorLabels_.insert(seedPicker_->errorLabels().begin(), seedPicker_->errorLabels().end());
    sections->addWidget(seedPicker_);
    sections->addWidget(buildDataSection());
    sections->addWidget(buildDimensionsSection());
    targetSection_ = new TargetSection(content);
    errorLabels_.insert(targetSection_->errorLabels().begin(), targetSection_->errorLabels().end());
    sections->addWidget(targetSection_);
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
           "lengths, dilations). The strength weighs the cost (parameters, MACs, ...) against the "
           "task loss: higher values give smaller networks. Fields in red must be fixed before "
           "the search can start."));

    setTasks({QStringLiteral("synthetic")});
    connectEdits();
    setProject(secateur::Project{});
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
    dimensionRow_ = new QHBoxLayout;
    dimensionRow_->addStretch(1);
    form->addRow(dimensionRow_);
    addFieldMessage(form, QStringLiteral("dimensions"), errorLabels_);
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
    addFieldMessage(form, QStringLiteral("epochs"), errorLabels_);
    form->addRow(tr("Batch size"), batchSpin_);
    addFieldMessage(form, QStringLiteral("batch"), errorLabels_);
    form->addRow(tr("Strength"), strengthEdit_);
    addFieldMessage(form, QStringLiteral("strength"), errorLabels_);
    form->addRow(tr("Random seed"), randomSeedEdit_);
    addFieldMessage(form, QStringLiteral("random_seed"), errorLabels_);
    return box;
}

void ProjectPanel::connectEdits() {
    // Object names let tests and the app's help find the inputs.
    const std::array<std::pair<QWidget*, const char*>, 8> named{
        {{nameEdit_, "name"},
         {taskCombo_, "task"},
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
    connect(strengthEdit_, &QLineEdit::textEdited, this, onEdit("strength"));
    connect(randomSeedEdit_, &QLineEdit::textEdited, this, onEdit("random_seed"));
    connect(seedPicker_, &SeedPicker::edited, this, &ProjectPanel::userEdited);
    connect(seedPicker_, &SeedPicker::submodulesChanged, this, &ProjectPanel::refresh);
    connect(taskCombo_, &QComboBox::currentIndexChanged, this, onEdit("task"));
    connect(targetSection_, &TargetSection::edited, this, &ProjectPanel::userEdited);
    for (QSpinBox* spin : {warmupSpin_, searchSpin_, finetuneSpin_})
        connect(spin, &QSpinBox::valueChanged, this, onEdit("epochs"));
    connect(batchSpin_, &QSpinBox::valueChanged, this, onEdit("batch"));
}

void ProjectPanel::userEdited(const QString& field) {
    if (filling_) return;
    // The seed's fields decide together whether it imports: an edit of one clears an import
    // error shown under any of them.
    const QStringList seed{QStringLiteral("zoo"), QStringLiteral("seed_file"),
                           QStringLiteral("input_shape"), QStringLiteral("keep_whole")};
    for (const QString& f : seed.contains(field) ? seed : QStringList{field})
        externalErrors_.erase(f);
    refresh();
    Q_EMIT changed();
}

void ProjectPanel::setProject(const secateur::Project& project) {
    base_ = project;
    externalErrors_.clear();
    {
        const QScopedValueRollback<bool> filling(filling_, true);
        const SearchOptions& search = project.search;
        nameEdit_->setText(QString::fromStdString(project.name));
        seedPicker_->setSeed(project.seed);
        selectValue(taskCombo_, QString::fromStdString(project.task), taskDisplayName);
        for (const auto& [name, box] : dimensionBoxes_)
            box->setChecked(hasDimension(search.dimensions, name));
        targetSection_->setSearch(search);
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
    p.seed = seedPicker_->appliedTo(p.seed);
    p.task = taskCombo_->currentData().toString().toStdString();

    if (!dimensionBoxes_.empty())  // without setDimensions, the project's dimensions stay
        p.search.dimensions = chosenDimensions(base_.search.dimensions, checkedDimensions());
    p.search = targetSection_->appliedTo(p.search);
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
    fillQuietly([&] { seedPicker_->setZooModels(names, descriptions); });
}

void ProjectPanel::setTasks(const QStringList& tasks) {
    fillQuietly([&] { fillCombo(taskCombo_, tasks, {}, taskDisplayName); });
}

void ProjectPanel::setDimensions(const std::vector<secateur::DimensionInfo>& dimensions) {
    for (const auto& entry : dimensionBoxes_) delete entry.second;
    dimensionBoxes_.clear();
    for (const secateur::DimensionInfo& info : dimensions) {
        auto* box = new QCheckBox(QString::fromStdString(info.label));  // the row owns it
        box->setObjectName(QString::fromStdString(info.name));
        box->setToolTip(QString::fromStdString(info.description + "; layers: " + info.eligible));
        box->setEnabled(editable_);
        box->setChecked(hasDimension(base_.search.dimensions, info.name));
        dimensionRow_->insertWidget(dimensionRow_->count() - 1, box);
        connect(box, &QCheckBox::toggled, this, [this] { userEdited(QStringLiteral("dimensions")); });
        dimensionBoxes_.emplace_back(info.name, box);
    }
    refresh();
}

std::vector<std::string> ProjectPanel::checkedDimensions() const {
    std::vector<std::string> names;
    for (const auto& [name, box] : dimensionBoxes_)
        if (box->isChecked()) names.push_back(name);
    return names;
}

void ProjectPanel::setCosts(const std::vector<secateur::CostInfo>& costs) {
    fillQuietly([&] { targetSection_->setCosts(costs); });
}

void ProjectPanel::setTargets(const std::vector<secateur::Target>& targets) {
    fillQuietly([&] { targetSection_->setTargets(targets); });
}

void ProjectPanel::fillQuietly(const std::function<void()>& fill) {
    {
        const QScopedValueRollback<bool> filling(filling_, true);
        fill();
    }
    refresh();
}

void ProjectPanel::setBaseDirectory(const QString& directory) {
    seedPicker_->setBaseDirectory(directory);
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
    for (QLineEdit* edit : {nameEdit_, strengthEdit_, randomSeedEdit_})
        edit->setReadOnly(!editable);
    for (QAbstractSpinBox* spin : std::initializer_list<QAbstractSpinBox*>{
             warmupSpin_, searchSpin_, finetuneSpin_, batchSpin_}) {
        spin->setReadOnly(!editable);
        spin->setButtonSymbols(editable ? QAbstractSpinBox::UpDownArrows
                                        : QAbstractSpinBox::NoButtons);
    }
    taskCombo_->setEnabled(editable);
    for (const auto& entry : dimensionBoxes_) entry.second->setEnabled(editable);
    seedPicker_->setEditable(editable);
    targetSection_->setEditable(editable);
}

std::map<QString, QString> ProjectPanel::validate() const {
    std::map<QString, QString> e;
    if (nameEdit_->text().trimmed().isEmpty()) e[QStringLiteral("name")] = tr("must not be empty");
    seedPicker_->validate(e);
    if (!dimensionBoxes_.empty() && checkedDimensions().empty())
        e[QStringLiteral("dimensions")] = tr("choose at least one");
    targetSection_->validate(e);
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
    seedPicker_->refresh();
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

}  // namespace secateur::widgets
