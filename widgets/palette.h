// Colours shared by the views, so that a mask, a cost and a phase look the same everywhere.
#pragma once

#include <QColor>
#include <QString>

#include "engine/graph/layer_kind.h"
#include "engine/runs/training_phase.h"

namespace secateur::widgets {

// Keep probability in [0, 1] on a perceptually ordered scale (dark violet -> teal -> yellow).
QColor keepProbabilityColor(double probability);
// A channel the current decision removes.
QColor prunedColor();
// One colour per training phase (grey for Done).
QColor phaseColor(secateur::TrainingPhase phase);
// A phase's display name ("Warm-up", "Search", "Fine-tune", "Done"), translated.
QString phaseLabel(secateur::TrainingPhase phase);
// One colour per curve ("task loss", "cost term", "accuracy"), the seed point ("seed") and the
// layer table's "share" bar; costs take theirs from CostTexts::color.
QColor seriesColor(const QString& name);
// One distinct colour per layer kind; LayerKind::Other is the grey fallback.
QColor layerKindColor(secateur::LayerKind kind);
// A limit met (green) or exceeded (red), in every view that draws limits.
QColor limitColor(bool met);
// `color` with its alpha set to `alpha` (0 to 255).
QColor withAlpha(QColor color, int alpha);

}  // namespace secateur::widgets
