// The live channel masks of a search: one row per conv or linear layer with its kept channels,
// the keep probability of every channel, and its kernel taps and dilation.
#pragma once

#include "widgets/layer_decision_view.h"

namespace secateur::widgets {

class MaskView : public LayerDecisionView {
    Q_OBJECT

public:
    explicit MaskView(QWidget* parent = nullptr);

    // Where the row of `layer` is drawn (to scroll it into view).
    QRect rowRect(int layer) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    int layerAt(const QPoint& position) const override;
    QRect toolTipArea(int layer) const override;

private:
    struct Columns {
        QRect name, kept, strip, kernel;
    };

    Columns columnsFor(const QRect& row) const;

    void paintHeader(QPainter& painter) const;
    void paintRow(QPainter& painter, int layer) const;
    void paintKeptBar(QPainter& painter, const QRect& area,
                      const secateur::LayerDecision& layer) const;
    void paintChannelStrip(QPainter& painter, const QRect& area,
                           const secateur::LayerDecision& layer) const;
    void paintKernel(QPainter& painter, const QRect& area,
                     const secateur::LayerDecision& layer) const;
};

}  // namespace secateur::widgets
