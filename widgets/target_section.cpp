#include "widgets/target_section.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QScopedValueRollback>
#include <array>
#include <cmath>

#include "widgets/limit_fields.h"
#include "widgets/project_fields.h"

namespace secateur::widgets {
namespace {

QString plainNumber(double v) {
    QLocale plain;
    plain.setNumberOptions(QLocale::OmitGroupSeparator);
    return plain.toString(v, 'f', QLocale::FloatingPointShortest);
}

QString memoryText(int64_t bytes) {
    return bytes % (1024 * 1024) == 0 ? QObject::tr("%1 MB").arg(bytes / (1024 * 1024))
                                      : QObject::tr("%1 kB").arg(plainNumber(bytes / kKiBytes));
}

}  // namespace

TargetSection::TargetSection(QWidget* parent) : QGroupBox(tr("Target and limits"), parent) {
    QFormLayout* form = makeForm(this);
    targetCombo_ = new QComboBox(this);
    targetCombo_->setToolTip(
        tr("The device whose flash, RAM, latency and energy the search prices"));
    targetNote_ = makeNote(this);
    targetNote_->setObjectName(QStringLiteral("target_note"));
    boardCombo_ = new QComboBox(this);
    boardCombo_->setToolTip(tr("A board of this device: fills the flash and RAM limits"));
    const auto makeLimit = [this](const QString& suffix, const QString& tip) {
        auto* spin = new LimitSpinBox(this);
        spin->setSuffix(suffix);
        spin->setToolTip(tip);
        return spin;
    };
    flashSpin_ = makeLimit(tr(" kB"), tr("Most flash the weights may take; 0: no limit"));
    ramSpin_ = makeLimit(tr(" kB"), tr("Most activation memory one inference may hold; 0: no "
                                       "limit"));
    latencySpin_ = makeLimit(tr(" ms"), tr("Longest estimated time of one inference; 0: no limit"));
    latencySpin_->setSingleStep(1.0);
    energySpin_ = makeLimit(tr(" µJ"), tr("Most estimated energy of one inference; 0: no limit"));
    energySpin_->setSingleStep(100.0);
    costCombo_ = new QComboBox(this);
    costCombo_->setToolTip(tr("The cost the search makes smaller, within the limits"));
    summary_ = makeNote(this);
    summary_->setObjectName(QStringLiteral("targets_summary"));

    form->addRow(tr("Device"), targetCombo_);
    addFieldMessage(form, QStringLiteral("target"), errorLabels_);
    form->addRow(targetNote_);
    form->addRow(tr("Board"), boardCombo_);
    const std::map<LimitField, QString> limitTitles{{LimitField::Flash, tr("Flash limit")},
                                                    {LimitField::Ram, tr("RAM limit")},
                                                    {LimitField::Latency, tr("Latency limit")},
                                                    {LimitField::Energy, tr("Energy limit")}};
    for (const LimitFieldInfo& limit : kLimitFields) {
        form->addRow(limitTitles.at(limit.field), spin(limit.field));
        addFieldMessage(form, limitFieldName(limit.field), errorLabels_);
    }
    form->addRow(tr("Minimise"), costCombo_);
    form->addRow(summary_);

    const std::array<std::pair<QWidget*, const char*>, 3> named{
        {{targetCombo_, "target"}, {boardCombo_, "board"}, {costCombo_, "cost"}}};
    for (const auto& [widget, name] : named) widget->setObjectName(QString::fromLatin1(name));
    for (const LimitFieldInfo& limit : kLimitFields)
        spin(limit.field)->setObjectName(limitFieldName(limit.field));

    const auto report = [this](const QString& field) {
        updateSummary();
        if (!filling_) Q_EMIT edited(field);
    };
    connect(targetCombo_, &QComboBox::currentIndexChanged, this, [this, report] {
        fillBoards();
        report(QStringLiteral("target"));
    });
    connect(boardCombo_, &QComboBox::activated, this, [this, report] {
        applyBoard();
        report(QStringLiteral("board"));
    });
    for (const LimitFieldInfo& limit : kLimitFields) {
        const LimitField field = limit.field;
        connect(spin(field), &QDoubleSpinBox::valueChanged, this, [this, field, report] {
            if (!filling_ && (field == LimitField::Flash || field == LimitField::Ram))
                boardCombo_->setCurrentIndex(0);  // edited by hand: no longer the board's
            report(limitFieldName(field));
        });
    }
    connect(costCombo_, &QComboBox::currentIndexChanged, this,
            [report] { report(QStringLiteral("cost")); });
    fillBoards();
}

void TargetSection::setTargets(const std::vector<secateur::Target>& targets) {
    targets_ = targets;
    QStringList names, tips;
    for (const secateur::Target& t : targets) {
        names << QString::fromStdString(t.name);
        tips << QString::fromStdString(t.description);
    }
    const QScopedValueRollback<bool> filling(filling_, true);
    fillCombo(targetCombo_, names, tips, targetLabel());
    fillBoards();
    updateSummary();
}

void TargetSection::setCosts(const std::vector<secateur::CostInfo>& costs) {
    costs_ = CostTexts(costs);
    QStringList names, descriptions;
    for (const secateur::CostInfo& cost : costs) {
        names << QString::fromStdString(cost.name);
        descriptions << QString::fromStdString(cost.description);
    }
    const QScopedValueRollback<bool> filling(filling_, true);
    fillCombo(costCombo_, names, descriptions,
              [this](const QString& name) { return costs_.label(name); });
    updateSummary();
}

void TargetSection::setSearch(const secateur::SearchOptions& search) {
    const QScopedValueRollback<bool> filling(filling_, true);
    selectValue(targetCombo_, QString::fromStdString(search.target), targetLabel());
    fillBoards();
    for (const LimitFieldInfo& limit : kLimitFields)
        spin(limit.field)->setValue(limitOn(search.limits, limit.cost) / limit.toCostUnit);
    boardCombo_->setCurrentIndex(0);
    if (const secateur::Target* t = currentTarget())
        for (size_t b = 0; b < t->boards.size(); ++b)
            if (t->boards[b].flashBytes == std::llround(flashSpin_->value() * kKiBytes) &&
                t->boards[b].ramBytes == std::llround(ramSpin_->value() * kKiBytes))
                boardCombo_->setCurrentIndex(static_cast<int>(b) + 1);
    selectValue(costCombo_, QString::fromStdString(search.cost),
                [this](const QString& name) { return costs_.label(name); });
    updateSummary();
}

secateur::SearchOptions TargetSection::appliedTo(secateur::SearchOptions search) const {
    if (!targetCombo_->currentData().toString().isEmpty())
        search.target = targetCombo_->currentData().toString().toStdString();
    for (const LimitFieldInfo& limit : kLimitFields)
        setLimit(search.limits, limit.cost, spin(limit.field)->value() * limit.toCostUnit);
    if (!costCombo_->currentData().toString().isEmpty())
        search.cost = costCombo_->currentData().toString().toStdString();
    return search;
}

void TargetSection::setEditable(bool editable) {
    for (QDoubleSpinBox* spin : {flashSpin_, ramSpin_, latencySpin_, energySpin_}) {
        spin->setReadOnly(!editable);
        spin->setButtonSymbols(editable ? QAbstractSpinBox::UpDownArrows
                                        : QAbstractSpinBox::NoButtons);
    }
    for (QComboBox* combo : {targetCombo_, boardCombo_, costCombo_}) combo->setEnabled(editable);
}

void TargetSection::validate(std::map<QString, QString>& errors) const {
    for (const LimitFieldInfo& limit : kLimitFields) {
        const double value = spin(limit.field)->value();
        if (!std::isfinite(value) || value < 0.0)
            errors[limitFieldName(limit.field)] = tr("must be 0 (no limit) or more");
    }
    if (targetCombo_->currentData().toString().isEmpty())
        errors[QStringLiteral("target")] = tr("choose the device");
}

QDoubleSpinBox* TargetSection::spin(LimitField field) const {
    switch (field) {
        case LimitField::Flash:
            return flashSpin_;
        case LimitField::Ram:
            return ramSpin_;
        case LimitField::Latency:
            return latencySpin_;
        case LimitField::Energy:
            break;
    }
    return energySpin_;
}

QString TargetSection::summary() const {
    return summary_->text();
}

DisplayName TargetSection::targetLabel() const {
    return [this](const QString& name) {
        for (const secateur::Target& t : targets_)
            if (QString::fromStdString(t.name) == name) return QString::fromStdString(t.label);
        return name;  // a measured target's CSV, or one this build does not have
    };
}

const secateur::Target* TargetSection::currentTarget() const {
    const std::string name = targetCombo_->currentData().toString().toStdString();
    for (const secateur::Target& t : targets_)
        if (t.name == name) return &t;
    return nullptr;
}

void TargetSection::fillBoards() {
    const QScopedValueRollback<bool> filling(filling_, true);
    boardCombo_->clear();
    boardCombo_->addItem(tr("Custom limits"));
    const secateur::Target* t = currentTarget();
    if (t) {
        for (const secateur::BoardPreset& b : t->boards)
            boardCombo_->addItem(tr("%1 (%2): %3 RAM, %4 flash")
                                     .arg(QString::fromStdString(b.name),
                                          QString::fromStdString(b.core), memoryText(b.ramBytes),
                                          memoryText(b.flashBytes)));
        targetNote_->setText(tr("%1. Latency: %2.")
                                 .arg(QString::fromStdString(t->description),
                                      QString::fromStdString(t->latencyError)));
    } else {
        targetNote_->setText(
            tr("Latencies fitted to the measured layers in this CSV file (docs/targets.md)"));
    }
    boardCombo_->setEnabled(t && !t->boards.empty() && targetCombo_->isEnabled());
}

void TargetSection::applyBoard() {
    const secateur::Target* t = currentTarget();
    const int index = boardCombo_->currentIndex() - 1;
    if (!t || index < 0 || index >= static_cast<int>(t->boards.size())) return;
    const secateur::BoardPreset& board = t->boards[static_cast<size_t>(index)];
    const QScopedValueRollback<bool> filling(filling_, true);
    flashSpin_->setValue(static_cast<double>(board.flashBytes) / kKiBytes);
    ramSpin_->setValue(static_cast<double>(board.ramBytes) / kKiBytes);
}

void TargetSection::updateSummary() {
    QStringList parts{
        tr("Minimise %1 on %2").arg(costCombo_->currentText(), targetCombo_->currentText())};
    parts << tr("flash%1").arg(limitText(flashSpin_->value()))
          << tr("RAM%1").arg(limitText(ramSpin_->value()));
    if (latencySpin_->value() > 0)
        parts << tr("latency ≤ %1 ms").arg(plainNumber(latencySpin_->value()));
    if (energySpin_->value() > 0)
        parts << tr("energy ≤ %1 µJ").arg(plainNumber(energySpin_->value()));
    summary_->setText(parts.join(QStringLiteral("; ")));
}

}  // namespace secateur::widgets
