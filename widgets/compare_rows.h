// The body of the compare view: one painted row per layer, kept channels of the left run as a bar
// growing leftwards from the centre and of the right run growing rightwards.
#pragma once

#include <QString>
#include <QWidget>
#include <cstdint>
#include <optional>
#include <vector>

#include "engine/graph/layer_kind.h"

namespace secateur::widgets {

// One layer as one run decided it.
struct CompareSide {
    int64_t kept = 0, total = 0;
    QString shape;  // kernel and dilation, e.g. "k5 d2" (empty for layers without taps)
};

struct CompareRow {
    QString layer;
    secateur::LayerKind kind = secateur::LayerKind::Other;
    std::optional<CompareSide> left, right;  // empty: the layer is missing on that side

    bool differs() const {
        return !left || !right || left->kept != right->kept || left->total != right->total ||
               left->shape != right->shape;
    }
};

class CompareRows : public QWidget {
public:
    explicit CompareRows(QWidget* parent = nullptr);

    void setRows(std::vector<CompareRow> rows);
    int rowCount() const { return static_cast<int>(rows_.size()); }
    const CompareRow& row(int index) const { return rows_.at(static_cast<size_t>(index)); }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    struct Columns {
        QRectF leftTrack, middle, rightTrack;
    };
    Columns columnsFor(int row) const;
    void paintSide(QPainter& painter, const QRectF& track, const std::optional<CompareSide>& side,
                   bool growsLeft) const;
    int rowAt(int y) const;

    std::vector<CompareRow> rows_;
};

}  // namespace secateur::widgets
