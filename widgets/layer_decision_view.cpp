#include "widgets/layer_decision_view.h"

#include <QEvent>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QToolTip>

#include "widgets/layer_decision_format.h"

namespace secateur::widgets {

LayerDecisionView::LayerDecisionView(QWidget* parent) : QWidget(parent) {
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void LayerDecisionView::setDecisions(const secateur::Decisions& decisions) {
    const bool rowsChanged = decisions.layers.size() != decisions_.layers.size();
    decisions_ = decisions;
    if (rowsChanged) updateGeometry();
    update();
}

int LayerDecisionView::layerCount() const {
    return static_cast<int>(decisions_.layers.size());
}

std::pair<int64_t, int64_t> LayerDecisionView::keptOf(int layer) const {
    if (layer < 0 || layer >= layerCount()) return {0, 0};
    const LayerDecision& d = decision(layer);
    return {d.keptChannels, d.totalChannels};
}

void LayerDecisionView::setSelectedLayer(const QString& node) {
    if (node == selectedNode_) return;
    selectedNode_ = node;
    update();
}

const LayerDecision& LayerDecisionView::decision(int layer) const {
    return decisions_.layers[static_cast<size_t>(layer)];
}

bool LayerDecisionView::event(QEvent* event) {
    if (event->type() != QEvent::ToolTip) return QWidget::event(event);
    const auto* help = static_cast<QHelpEvent*>(event);
    const int layer = layerAt(help->pos());
    if (layer >= 0) {
        QToolTip::showText(help->globalPos(), layerToolTip(decision(layer)), this,
                           toolTipArea(layer));
    } else {
        QToolTip::showText(help->globalPos(), toolTip(), this);
    }
    return true;
}

void LayerDecisionView::mousePressEvent(QMouseEvent* event) {
    const int layer = layerAt(event->position().toPoint());
    if (event->button() != Qt::LeftButton || layer < 0) {
        QWidget::mousePressEvent(event);
        return;
    }
    const QString node = QString::fromStdString(decision(layer).node);
    setSelectedLayer(node);
    Q_EMIT layerClicked(node);
}

}  // namespace secateur::widgets
