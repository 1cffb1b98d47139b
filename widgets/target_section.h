// The target section of the project form: the device the costs are priced for, a board preset
// that fills the memory limits, limits on flash, RAM, latency and energy, and the cost to
// minimise. Edits are reported by field name ("target", "board", "flash", "ram", "latency",
// "energy", "cost").
#pragma once

#include <QGroupBox>
#include <QString>
#include <map>
#include <vector>

#include "engine/cost/cost.h"
#include "engine/search/search.h"
#include "engine/target/target.h"
#include "widgets/cost_texts.h"
#include "widgets/limit_fields.h"
#include "widgets/project_fields.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;

namespace secateur::widgets {

class TargetSection : public QGroupBox {
    Q_OBJECT

public:
    explicit TargetSection(QWidget* parent = nullptr);

    // The engine's registered targets (labels, descriptions, boards).
    void setTargets(const std::vector<secateur::Target>& targets);
    // The costs a search can minimise, from the engine's registry.
    void setCosts(const std::vector<secateur::CostInfo>& costs);

    // Shows the target, the limits and the minimised cost of `search`; reports no edits.
    void setSearch(const secateur::SearchOptions& search);
    // `search` with the target, the limits this section shows and the cost replaced (limits on
    // other costs, from the project file, are kept).
    secateur::SearchOptions appliedTo(secateur::SearchOptions search) const;

    void setEditable(bool editable);
    // Adds a message for each invalid field to `errors`.
    void validate(std::map<QString, QString>& errors) const;
    // The hidden red label under each field, by field name.
    const std::map<QString, QLabel*>& errorLabels() const { return errorLabels_; }
    // "Minimise latency on Arm Cortex-M7; flash ≤ 64 kB; RAM: no limit; ..."
    QString summary() const;
    // The label of the cost in the minimise combo (from setCosts).
    QString costLabel(const QString& name) const { return costs_.label(name); }

Q_SIGNALS:
    void edited(const QString& field);

private:
    void fillBoards();
    void applyBoard();
    void updateSummary();
    const secateur::Target* currentTarget() const;
    DisplayName targetLabel() const;  // a target name's label, from setTargets
    QDoubleSpinBox* spin(LimitField field) const;

    std::vector<secateur::Target> targets_;
    CostTexts costs_;
    std::map<QString, QLabel*> errorLabels_;
    bool filling_ = false;
    QComboBox* targetCombo_ = nullptr;
    QComboBox* boardCombo_ = nullptr;
    QDoubleSpinBox* flashSpin_ = nullptr;
    QDoubleSpinBox* ramSpin_ = nullptr;
    QDoubleSpinBox* latencySpin_ = nullptr;
    QDoubleSpinBox* energySpin_ = nullptr;
    QComboBox* costCombo_ = nullptr;
    QLabel* targetNote_ = nullptr;
    QLabel* summary_ = nullptr;
};

}  // namespace secateur::widgets
