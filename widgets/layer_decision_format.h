// Small helpers shared by the views that draw a LayerDecision (mask view, network view).
#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

#include <cstdint>
#include <vector>

#include "engine/space/space.h"

namespace secateur::widgets {

// `a` moved towards `b` by `weightOfB` in [0, 1].
QColor blendColors(const QColor& a, const QColor& b, double weightOfB);
// Secondary text: the palette's text colour faded towards its background.
QColor mutedTextColor(const QPalette& palette);

// "7×7" for a kernel or dilation of any rank.
QString joinSizes(const std::vector<int64_t>& sizes);
// Number of taps of a kernel (1 for none).
int64_t tapCount(const std::vector<int64_t>& kernel);
// Kept over total output channels, in [0, 1].
double keptShare(const secateur::LayerDecision& layer);
double meanKeepProbability(const secateur::LayerDecision& layer);
// Rich-text tooltip: name, op, kept channels, mean keep probability, kernel and dilation.
QString layerToolTip(const secateur::LayerDecision& layer);

}  // namespace secateur::widgets
