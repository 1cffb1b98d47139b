// The live channel masks of a search: one row per conv or linear layer with its kept channels,
// the keep probability of every channel, and its kernel taps and dilation.
#pragma once

#include <QString>
#include <QWidget>

#include <cstdint>
#include <utility>

#include "engine/space/space.h"

namespace secateur::widgets {

class MaskView : public QWidget {
    Q_OBJECT

public:
    explicit MaskView(QWidget* parent = nullptr);

    // Cheap: copies the values and schedules a repaint (meant for ~20 updates per second).
    void setDecisions(const secateur::Decisions& decisions);
    int layerCount() const;
    // Kept and total output channels of `layer` as drawn ({0, 0} outside the range).
    std::pair<int64_t, int64_t> keptOf(int layer) const;

    void setSelectedLayer(const QString& node);
    QString selectedLayer() const { return selectedNode_; }
    // Where the row of `layer` is drawn (to scroll it into view).
    QRect rowRect(int layer) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void layerClicked(const QString& node);

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    struct Columns {
        QRect name, kept, strip, kernel;
    };

    Columns columnsFor(const QRect& row) const;
    int layerAt(const QPoint& position) const;

    void paintHeader(QPainter& painter) const;
    void paintRow(QPainter& painter, int layer) const;
    void paintKeptBar(QPainter& painter, const QRect& area,
                      const secateur::LayerDecision& layer) const;
    void paintChannelStrip(QPainter& painter, const QRect& area,
                           const secateur::LayerDecision& layer) const;
    void paintKernel(QPainter& painter, const QRect& area,
                     const secateur::LayerDecision& layer) const;

    secateur::Decisions decisions_;
    QString selectedNode_;
};

}  // namespace secateur::widgets
