// One row per conv or linear layer of a searched network: its current decisions (channels,
// kernel, dilation against the seed, weight bits) and one column per registered cost. Updates in
// place while the layers stay the same.
#pragma once

#include <QAbstractTableModel>
#include <QMap>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

#include "engine/cost/cost.h"
#include "engine/space/space.h"
#include "widgets/cost_texts.h"

namespace secateur::widgets {

class LayerTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    // The fixed columns; one column per cost follows (setCostInfo), then the share column.
    enum Column { Layer, Kind, Channels, Kernel, Dilation, Bits, FirstCost };

    explicit LayerTableModel(QObject* parent = nullptr);

    // The cost columns, in the catalog's order and under its labels (the engine registry's).
    // Costs the layers report that the catalog lacks get a column under their name.
    void setCostInfo(const std::vector<secateur::CostInfo>& infos);
    // The cost whose per-layer share the last column shows (default: the first cost).
    void setShareCost(const QString& cost);
    QString shareCost() const;

    // Rows are `decisions.layers`; costs are matched by node name. Emits dataChanged (no reset)
    // when the layer names and cost columns are the same as before, in the same order.
    void setLayers(const secateur::Decisions& decisions,
                   const std::vector<secateur::LayerCost>& costs);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    // DisplayRole text, UserRole the numeric value to sort by, plus alignment, tooltip and a muted
    // foreground for layers whose channels are not searched.
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    QString nodeAt(int row) const;
    int rowOf(const QString& node) const;       // -1 when absent
    int costColumn(const QString& cost) const;  // -1 when there is no such column
    int shareColumn() const { return FirstCost + static_cast<int>(columns_.size()); }
    QStringList costColumns() const { return columns_; }
    // Over every node with a cost, not only the rows.
    double total(const QString& cost) const { return totals_.value(cost, 0.0); }
    const CostTexts& costTexts() const { return texts_; }

private:
    struct Row {
        secateur::LayerDecision decision;
        secateur::CostValues costs;
        double share = 0.0;  // of the share cost's total, in [0, 1]
    };

    QVariant display(const Row& row, int column) const;
    QVariant sortValue(const Row& row, int column) const;
    QString toolTip(const Row& row, int column) const;
    QString costAt(int column) const;  // the cost of a cost column, else empty
    void recomputeShares();

    CostTexts texts_;
    QStringList columns_;  // the cost columns' names
    QString shareCost_;
    std::vector<Row> rows_;
    QMap<QString, double> totals_;
};

}  // namespace secateur::widgets
