#include "widgets/project_fields.h"

#include <QComboBox>
#include <QFontMetrics>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>
#include <algorithm>

namespace secateur::widgets {

LimitSpinBox::LimitSpinBox(QWidget* parent) : QDoubleSpinBox(parent) {
    setRange(0.0, 1e9);
    setDecimals(3);
    setSingleStep(16.0);
    setSuffix(QStringLiteral(" kB"));
    setSpecialValueText(tr("No limit"));
}

QString LimitSpinBox::textFromValue(double value) const {
    QLocale plain = locale();
    plain.setNumberOptions(QLocale::OmitGroupSeparator);
    return plain.toString(value, 'f', QLocale::FloatingPointShortest);
}

QString taskDisplayName(const QString& task) {
    if (task == QStringLiteral("synthetic"))
        return QObject::tr("Synthetic (built-in, not real data)");
    if (task == QStringLiteral("folder")) return QObject::tr("Your own folder (see the Data tab)");
    return task;
}

QString limitText(double kb) {
    QLocale plain;
    plain.setNumberOptions(QLocale::OmitGroupSeparator);
    return kb > 0.0 ? QObject::tr(" ≤ %1 kB")
                          .arg(plain.toString(kb, 'f', QLocale::FloatingPointShortest))
                    : QObject::tr(": no limit");
}

std::optional<std::vector<Shape>> parseShapeText(const QString& text, QString& error) {
    std::vector<Shape> shapes;
    for (const QString& input : text.split(QLatin1Char(';'))) {
        Shape shape;
        for (const QString& part : input.split(QLatin1Char(','))) {
            bool ok = false;
            const qlonglong size = part.trimmed().toLongLong(&ok);
            if (!ok || size <= 0) {
                error = QObject::tr("\"%1\" is not a positive integer").arg(part.trimmed());
                return std::nullopt;
            }
            shape.push_back(size);
        }
        if (shape.size() < 2) {
            error = QObject::tr("each input needs at least 2 sizes, batch first (e.g. 1,1,49,10)");
            return std::nullopt;
        }
        shapes.push_back(std::move(shape));
    }
    return shapes;
}

QString shapeText(const std::vector<Shape>& shapes) {
    QStringList inputs;
    for (const Shape& shape : shapes) {
        QStringList sizes;
        for (const int64_t size : shape) sizes << QString::number(size);
        inputs << sizes.join(QLatin1Char(','));
    }
    return inputs.join(QLatin1Char(';'));
}

std::vector<Dimension> chosenDimensions(const std::vector<Dimension>& kept,
                                        const std::vector<std::string>& checked) {
    const auto isChecked = [&](const std::string& name) {
        return std::find(checked.begin(), checked.end(), name) != checked.end();
    };
    std::vector<Dimension> dimensions;
    for (const Dimension& d : kept)
        if (isChecked(d.name) && !hasDimension(dimensions, d.name)) dimensions.push_back(d);
    for (const std::string& name : checked)
        if (!hasDimension(dimensions, name)) dimensions.push_back(Dimension{name, {}, {}});
    return dimensions;
}

QString plainName(const QString& name) {
    return name;
}

void fillCombo(QComboBox* combo, const QStringList& values, const QStringList& tooltips,
               DisplayName display) {
    const QString current = combo->currentData().toString();
    combo->clear();
    for (int i = 0; i < values.size(); ++i) {
        combo->addItem(display(values[i]), values[i]);
        if (i < tooltips.size()) combo->setItemData(i, tooltips[i], Qt::ToolTipRole);
    }
    if (!current.isEmpty() && combo->findData(current) < 0)
        combo->addItem(display(current), current);
    combo->setCurrentIndex(std::max(0, combo->findData(current)));
}

void selectValue(QComboBox* combo, const QString& value, DisplayName display) {
    if (value.isEmpty()) return;
    if (combo->findData(value) < 0) combo->addItem(display(value), value);
    combo->setCurrentIndex(combo->findData(value));
}

QString wrapText(const QString& text, const QFontMetrics& metrics, int width) {
    QStringList lines;
    QString line;
    for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString joined = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
        if (metrics.horizontalAdvance(joined) <= width || line.isEmpty()) {
            line = joined;
        } else {
            lines << line;
            line = word;
        }
        // A word wider than the line (a file path) breaks between characters.
        while (line.size() > 1 && metrics.horizontalAdvance(line) > width) {
            int fit = line.size() - 1;
            while (fit > 1 && metrics.horizontalAdvance(line.left(fit)) > width) --fit;
            lines << line.left(fit);
            line = line.mid(fit);
        }
    }
    if (!line.isEmpty()) lines << line;
    return lines.join(QLatin1Char('\n'));
}

void alignFormLabels(QWidget* content) {
    std::vector<QWidget*> labels;
    for (QFormLayout* form : content->findChildren<QFormLayout*>())
        for (int row = 0; row < form->rowCount(); ++row)
            if (QLayoutItem* item = form->itemAt(row, QFormLayout::LabelRole);
                item && item->widget())
                labels.push_back(item->widget());
    int width = 0;
    for (const QWidget* label : labels) width = std::max(width, label->sizeHint().width());
    for (QWidget* label : labels) label->setMinimumWidth(width);
}

QLabel* addMessageUnderLastRow(QFormLayout* form) {
    const int row = form->rowCount() - 1;
    const bool spanning = form->itemAt(row, QFormLayout::SpanningRole) != nullptr;
    const QFormLayout::TakeRowResult taken = form->takeRow(row);
    auto* cell = new QWidget(form->parentWidget());
    auto* cellLayout = new QVBoxLayout(cell);
    cellLayout->setContentsMargins(0, 0, 0, 0);
    cellLayout->setSpacing(2);
    if (QLayout* layout = taken.fieldItem->layout()) {
        cellLayout->addLayout(layout);
    } else {
        cellLayout->addWidget(taken.fieldItem->widget());
        delete taken.fieldItem;
    }
    auto* label = new QLabel(cell);
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    label->setStyleSheet(QStringLiteral("color: #c62828;"));
    label->hide();
    cellLayout->addWidget(label);
    if (taken.labelItem) {
        form->insertRow(row, taken.labelItem->widget(), cell);
        delete taken.labelItem;
    } else if (spanning) {
        form->insertRow(row, cell);
    } else {
        form->insertRow(row, QString(), cell);
    }
    return label;
}

void addFieldMessage(QFormLayout* form, const QString& field, std::map<QString, QLabel*>& labels) {
    QLabel* label = addMessageUnderLastRow(form);
    label->setObjectName(field + QStringLiteral("_error"));
    labels[field] = label;
}

QFormLayout* makeForm(QWidget* parent) {
    auto* form = new QFormLayout(parent);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    form->setVerticalSpacing(6);
    form->setHorizontalSpacing(10);
    return form;
}

QLabel* makeNote(QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #66666c; font-size: 9pt;"));
    return label;
}

}  // namespace secateur::widgets
