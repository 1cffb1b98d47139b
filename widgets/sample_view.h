// One prepared sample drawn as its kind asks: audio features as a heatmap (time across,
// coefficient up), a series as one trace per channel stacked top to bottom, an image as a
// picture (grey for one channel, colour for three).
#pragma once

#include <QImage>
#include <QWidget>

#include "engine/data/dataset.h"

namespace secateur::widgets {

class SampleView : public QWidget {
    Q_OBJECT

public:
    explicit SampleView(QWidget* parent = nullptr);

    void setSample(const secateur::DataSample& sample);
    void clear();
    bool hasSample() const { return !sample_.values.empty(); }
    const secateur::DataSample& sample() const { return sample_; }

    // What is drawn: "heatmap", "traces", "picture" or "" (nothing).
    QString drawing() const;
    // The heatmap or picture at its own size (one pixel per value); null for traces.
    const QImage& image() const { return image_; }
    // Traces: how many are drawn (one per channel, at most 16; the rest counted in a note).
    int traceCount() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    secateur::DataSample sample_;
    QImage image_;
};

}  // namespace secateur::widgets
