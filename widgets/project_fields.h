// Small pieces of the project form: display names, shape text and a spin box for memory limits.
#pragma once

#include <QDoubleSpinBox>
#include <QString>
#include <QStringList>
#include <array>
#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "engine/graph/ir.h"
#include "engine/space/dimensions.h"

class QComboBox;
class QFontMetrics;
class QFormLayout;
class QLabel;

namespace secateur::widgets {

// A memory limit in kB: 0 reads "No limit"; values show without trailing zeros.
class LimitSpinBox : public QDoubleSpinBox {
public:
    explicit LimitSpinBox(QWidget* parent = nullptr);

protected:
    QString textFromValue(double value) const override;
};

// "synthetic" -> "Synthetic (built-in, not real data)"; other names as they are.
QString taskDisplayName(const QString& task);
// " ≤ 64 kB" or ": no limit", to follow "flash" or "RAM" in a sentence.
QString limitText(double kb);

// "1,1,49,10;1,3" -> shapes; sets `error` and returns nothing when the text is not valid.
std::optional<std::vector<Shape>> parseShapeText(const QString& text, QString& error);
QString shapeText(const std::vector<Shape>& shapes);

// The dimensions named in `checked`: those in `kept` first, with their per-layer settings and
// order, then the others over every layer, in the order of `checked`.
std::vector<Dimension> chosenDimensions(const std::vector<Dimension>& kept,
                                        const std::vector<std::string>& checked);

using DisplayName = std::function<QString(const QString&)>;
QString plainName(const QString& name);
// Replaces the items with `values` (item data; text through `display`), keeping the current value;
// a current value missing from `values` stays as an extra item so that nothing is lost.
void fillCombo(QComboBox* combo, const QStringList& values, const QStringList& tooltips,
               DisplayName display);
// Selects `value` (added when missing); an empty value leaves the selection.
void selectValue(QComboBox* combo, const QString& value, DisplayName display);

// `text` with line breaks so that no line is wider than `width` pixels (long words break
// anywhere); a QLabel with word wrap inside a QFormLayout gets its height wrong.
QString wrapText(const QString& text, const QFontMetrics& metrics, int width);

QFormLayout* makeForm(QWidget* parent);
// One label width for every form under `content`, so that the fields of all sections line up.
void alignFormLabels(QWidget* content);
// A hidden red message label that shares one cell with the last row's field, right under it.
QLabel* addMessageUnderLastRow(QFormLayout* form);
// The same, named "<field>_error" and kept in `labels` under `field`.
void addFieldMessage(QFormLayout* form, const QString& field, std::map<QString, QLabel*>& labels);
// A small grey wrapped note.
QLabel* makeNote(QWidget* parent);

}  // namespace secateur::widgets
