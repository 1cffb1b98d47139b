// Small helpers shared by the views that draw a LayerDecision (mask, network, compare, table).
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

// "7×7" for a kernel or dilation of any rank, `separator` between the sizes.
QString joinSizes(const std::vector<int64_t>& sizes, QChar separator = QChar(0x00D7));
// The product of the sizes: a kernel's number of taps (1 for none).
int64_t sizeProduct(const std::vector<int64_t>& sizes);
// Kept over total output channels, in [0, 1] (0 without channels).
double keptShare(int64_t kept, int64_t total);
double keptShare(const secateur::LayerDecision& layer);
double meanKeepProbability(const secateur::LayerDecision& layer);
// The kind's display label ("Depthwise conv"), translated.
QString kindLabel(secateur::LayerKind kind);
// Rich-text tooltip: name, kind, kept channels, mean keep probability, kernel and dilation.
QString layerToolTip(const secateur::LayerDecision& layer);

}  // namespace secateur::widgets
