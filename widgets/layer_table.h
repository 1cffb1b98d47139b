// The layers of a searched network in a sortable table (channels, kernel, dilation, costs per
// layer) with the network's totals below. Keeps the selection and sort order across live updates.
#pragma once

#include <QString>
#include <QWidget>
#include <vector>

#include "engine/cost/cost.h"
#include "engine/space/space.h"

class QItemSelection;
class QLabel;
class QSortFilterProxyModel;
class QStyledItemDelegate;
class QTableView;

namespace secateur::widgets {

class LayerTableModel;

class LayerTable : public QWidget {
    Q_OBJECT

public:
    explicit LayerTable(QWidget* parent = nullptr);

    // One column per cost of `infos` (the engine registry's catalog), under its label.
    void setCostInfo(const std::vector<secateur::CostInfo>& infos);
    // The cost whose per-layer share the last column draws as a bar (the project's cost).
    void setShareCost(const QString& cost);
    void setLayers(const secateur::Decisions& decisions,
                   const std::vector<secateur::LayerCost>& costs);
    // Selects the layer's row (clears the selection for an unknown node) without emitting.
    void setSelectedLayer(const QString& node);
    QString selectedLayer() const;

    LayerTableModel* model() const { return model_; }
    QTableView* view() const { return view_; }
    QString totalsText() const;

Q_SIGNALS:
    // The user selected a layer (empty when the selection was cleared).
    void layerSelected(const QString& node);

private:
    void onSelectionChanged();
    void fitColumns();

    LayerTableModel* model_ = nullptr;
    QSortFilterProxyModel* proxy_ = nullptr;
    QTableView* view_ = nullptr;
    QLabel* totals_ = nullptr;
    QStyledItemDelegate* shareBar_ = nullptr;  // owned by view_
    bool selectingProgrammatically_ = false;
};

}  // namespace secateur::widgets
