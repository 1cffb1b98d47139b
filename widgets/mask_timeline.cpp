#include "widgets/mask_timeline.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>

namespace secateur::widgets {

MaskTimeline::MaskTimeline(QWidget* parent, int capacity)
    : QWidget(parent),
      capacity_(std::max(2, capacity)),
      slider_(new QSlider(Qt::Horizontal, this)),
      label_(new QLabel(this)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->addWidget(new QLabel(tr("Replay"), this));
    layout->addWidget(slider_, 1);
    layout->addWidget(label_);
    label_->setMinimumWidth(
        label_->fontMetrics().horizontalAdvance(QStringLiteral("step 00000 · fine-tune (live)")));
    slider_->setToolTip(
        tr("Drag back to see the masks as they were earlier in the search; the "
           "right end follows the search live"));
    setWhatsThis(
        tr("Every snapshot of the search is kept here. Drag the slider to replay how the "
           "channel masks, kernels and dilations changed step by step: channels fade out "
           "as their keep probability falls, and the cost follows."));
    connect(slider_, &QSlider::valueChanged, this, [this](int value) {
        updateLabel();
        if (value >= 0 && value < frameCount()) Q_EMIT frameChosen(frames_[value], atNewest());
    });
    updateSlider();
}

void MaskTimeline::clear() {
    frames_.clear();
    updateSlider();
}

void MaskTimeline::append(const secateur::Snapshot& snapshot) {
    const bool followed = atNewest();
    frames_.push_back({snapshot.step, QString::fromStdString(snapshot.phase), snapshot.decisions,
                       snapshot.layerCosts});
    if (frameCount() > capacity_) thin();
    updateSlider();
    if (followed) {
        const QSignalBlocker block(slider_);
        slider_->setValue(frameCount() - 1);
        updateLabel();
    }
}

void MaskTimeline::setFrames(std::vector<MaskFrame> frames) {
    frames_ = std::move(frames);
    updateSlider();
    const QSignalBlocker block(slider_);
    slider_->setValue(frameCount() - 1);
    updateLabel();
}

void MaskTimeline::choose(int frame) {
    slider_->setValue(frame);
}

bool MaskTimeline::atNewest() const {
    return slider_->value() >= frameCount() - 1;
}

// Keeps every other frame and the newest one, so the slider's steps stay evenly spread.
void MaskTimeline::thin() {
    std::vector<MaskFrame> kept;
    for (size_t i = 0; i + 1 < frames_.size(); i += 2) kept.push_back(std::move(frames_[i]));
    kept.push_back(std::move(frames_.back()));
    frames_ = std::move(kept);
}

void MaskTimeline::updateSlider() {
    const QSignalBlocker block(slider_);
    slider_->setRange(0, std::max(0, frameCount() - 1));
    slider_->setEnabled(frameCount() > 1);
    updateLabel();
}

void MaskTimeline::updateLabel() {
    if (frames_.empty()) {
        label_->setText(tr("no snapshots yet"));
        return;
    }
    const MaskFrame& f =
        frames_[static_cast<size_t>(std::clamp(slider_->value(), 0, frameCount() - 1))];
    label_->setText(tr("step %1 · %2%3")
                        .arg(f.step)
                        .arg(f.phase)
                        .arg(atNewest() ? tr(" (newest)") : QString()));
}

}  // namespace secateur::widgets
