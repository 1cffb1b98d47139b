// One row per conv or linear layer of a searched network: its current decisions (channels,
// kernel, dilation against the seed) and costs. Updates in place while the layers stay the same.
#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <cstdint>
#include <vector>

#include "engine/cost/cost.h"
#include "engine/space/space.h"

namespace secateur::widgets {

class LayerTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Layer, Kind, Channels, Kernel, Dilation, Params, Macs, MacsShare, ColumnCount };

    explicit LayerTableModel(QObject* parent = nullptr);

    // Rows are `decisions.layers`; costs are matched by node name. Emits dataChanged (no reset)
    // when the layer names are the same as before, in the same order.
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
    int rowOf(const QString& node) const;  // -1 when absent
    // Over every node with a cost, not only the rows.
    int64_t totalParams() const { return totalParams_; }
    int64_t totalMacs() const { return totalMacs_; }

private:
    struct Row {
        secateur::LayerDecision decision;
        int64_t params = 0, macs = 0;
        double macsShare = 0.0;  // of totalMacs_, in [0, 1]
    };

    QVariant display(const Row& row, int column) const;
    QVariant sortValue(const Row& row, int column) const;
    QString toolTip(const Row& row, int column) const;

    std::vector<Row> rows_;
    int64_t totalParams_ = 0, totalMacs_ = 0;
};

}  // namespace secateur::widgets
