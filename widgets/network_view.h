// The searched network drawn left to right, one bar per conv or linear layer: bar height is the
// number of output channels (outline: seed, filled: kept), bar width the kernel length, colour the
// layer's kind.
#pragma once

#include <QColor>
#include <QRectF>

#include <cstdint>
#include <vector>

#include "widgets/layer_decision_view.h"

namespace secateur::widgets {

class NetworkView : public LayerDecisionView {
    Q_OBJECT

public:
    explicit NetworkView(QWidget* parent = nullptr);

    // Where the bars of `layer` are drawn: the seed outline and the kept part inside it.
    QRectF seedBarRect(int layer) const;
    QRectF keptBarRect(int layer) const;
    // The kept bar's fill: its kind's colour, faded when its channels are not searched.
    QColor barColor(int layer) const;
    // The kinds the legend lists: those present, in LayerKind order.
    std::vector<secateur::LayerKind> legendKinds() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    int layerAt(const QPoint& position) const override;
    QRect toolTipArea(int layer) const override;

private:
    enum class LabelMode { Horizontal, Rotated };
    struct Layout {
        QRectF plot;  // where the bars go; the axis is its vertical centre
        double slotWidth = 0.0, maxBarWidth = 0.0;
        int64_t maxChannels = 1, maxTaps = 1;
        LabelMode labels = LabelMode::Horizontal;
        int labelStep = 1;  // draw every labelStep-th label when slots are too narrow
    };

    Layout layout() const;
    QRectF barRect(const Layout& layout, int layer, int64_t channels, int64_t taps) const;
    QRectF seedBar(const Layout& layout, int layer) const;
    QRectF keptBar(const Layout& layout, int layer) const;
    QRectF slotRect(const Layout& layout, int layer) const;

    void paintLegend(QPainter& painter) const;
    void paintLabels(QPainter& painter, const Layout& layout) const;
};

}  // namespace secateur::widgets
