// A slider over the snapshots of a search, so the user can replay how the masks learned: every
// frame is one snapshot's decisions and per-layer costs. Long searches keep at most `capacity`
// frames, evenly thinned, always with the newest one.
#pragma once

#include <QString>
#include <QWidget>
#include <vector>

#include "engine/search/search.h"

class QLabel;
class QSlider;

namespace secateur::widgets {

struct MaskFrame {
    int64_t step = 0;
    QString phase;
    secateur::Decisions decisions;
    std::vector<secateur::LayerCost> layerCosts;
};

class MaskTimeline : public QWidget {
    Q_OBJECT
public:
    explicit MaskTimeline(QWidget* parent = nullptr, int capacity = 400);

    void clear();
    void append(const secateur::Snapshot& snapshot);
    void setFrames(std::vector<MaskFrame> frames);  // e.g. a finished run's, to replay it
    const std::vector<MaskFrame>& frames() const { return frames_; }
    int frameCount() const { return static_cast<int>(frames_.size()); }
    // Moves the slider as the user would (emits frameChosen).
    void choose(int frame);
    bool atNewest() const;

Q_SIGNALS:
    // The user picked a frame; `newest` when it is the last one (back to live).
    void frameChosen(const secateur::widgets::MaskFrame& frame, bool newest);

private:
    void thin();
    void updateSlider();
    void updateLabel();

    int capacity_;
    std::vector<MaskFrame> frames_;
    QSlider* slider_;
    QLabel* label_;
};

}  // namespace secateur::widgets

Q_DECLARE_METATYPE(secateur::widgets::MaskFrame)
