// The searched network drawn left to right, one bar per conv or linear layer: bar height is the
// number of output channels (outline: seed, filled: kept), bar width the kernel length.
#pragma once

#include <QRectF>
#include <QString>
#include <QWidget>

#include <cstdint>
#include <utility>

#include "engine/space/space.h"

namespace secateur::widgets {

class NetworkView : public QWidget {
    Q_OBJECT

public:
    explicit NetworkView(QWidget* parent = nullptr);

    // Cheap: copies the values and schedules a repaint (meant for ~20 updates per second).
    void setDecisions(const secateur::Decisions& decisions);
    int layerCount() const;
    // Kept and total output channels of `layer` ({0, 0} outside the range).
    std::pair<int64_t, int64_t> keptOf(int layer) const;
    // Where the bars of `layer` are drawn: the seed outline and the kept part inside it.
    QRectF seedBarRect(int layer) const;
    QRectF keptBarRect(int layer) const;

    void setSelectedLayer(const QString& node);
    QString selectedLayer() const { return selectedNode_; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void layerClicked(const QString& node);

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

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
    int layerAt(const QPoint& position) const;

    void paintLegend(QPainter& painter) const;
    void paintLabels(QPainter& painter, const Layout& layout) const;

    secateur::Decisions decisions_;
    QString selectedNode_;
};

}  // namespace secateur::widgets
