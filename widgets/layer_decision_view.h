// The base of the views that draw one row or bar per LayerDecision (mask view, network view): the
// decisions, the selected layer, a tooltip per layer and selection by click.
#pragma once

#include <QRect>
#include <QString>
#include <QWidget>

#include <cstdint>
#include <utility>

#include "engine/space/space.h"

namespace secateur::widgets {

class LayerDecisionView : public QWidget {
    Q_OBJECT

public:
    explicit LayerDecisionView(QWidget* parent = nullptr);

    // Cheap: copies the values and schedules a repaint (meant for ~20 updates per second).
    void setDecisions(const secateur::Decisions& decisions);
    int layerCount() const;
    // Kept and total output channels of `layer` as drawn ({0, 0} outside the range).
    std::pair<int64_t, int64_t> keptOf(int layer) const;

    void setSelectedLayer(const QString& node);
    QString selectedLayer() const { return selectedNode_; }

Q_SIGNALS:
    void layerClicked(const QString& node);

protected:
    const secateur::Decisions& decisions() const { return decisions_; }
    const secateur::LayerDecision& decision(int layer) const;
    // The layer drawn at `position`, or -1.
    virtual int layerAt(const QPoint& position) const = 0;
    // Where the tooltip of `layer` stays up while the mouse is in it.
    virtual QRect toolTipArea(int layer) const = 0;

    bool event(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    secateur::Decisions decisions_;
    QString selectedNode_;
};

}  // namespace secateur::widgets
