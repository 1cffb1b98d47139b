#include "widgets/phase_bands.h"

#include <QFontMetrics>
#include <cmath>
#include <utility>

#include "widgets/custom_plot.h"
#include "widgets/palette.h"

namespace secateur::widgets {
namespace {

// Steps along x, the full height of the chart along y.
void placeOnChart(QCPItemPosition* position, QCPAxisRect* chart) {
    position->setAxisRect(chart);
    position->setAxes(chart->axis(QCPAxis::atBottom), chart->axis(QCPAxis::atLeft));
    position->setTypeX(QCPItemPosition::ptPlotCoords);
    position->setTypeY(QCPItemPosition::ptAxisRectRatio);
}

QCPItemRect* addShade(QCustomPlot* plot, QCPAxisRect* chart, const QBrush& brush) {
    auto* shade = new QCPItemRect(plot);
    shade->setClipAxisRect(chart);
    placeOnChart(shade->topLeft, chart);
    placeOnChart(shade->bottomRight, chart);
    shade->setPen(Qt::NoPen);
    shade->setBrush(brush);
    return shade;
}

}  // namespace

PhaseBands::PhaseBands(QCustomPlot* plot, const QString& layer, QCPAxisRect* ribbon,
                       std::vector<QCPAxisRect*> charts)
    : plot_(plot), layer_(layer), ribbon_(ribbon), charts_(std::move(charts)) {}

void PhaseBands::track(TrainingPhase phase, double step) {
    if (phase == TrainingPhase::Done) {
        markDone(step);
        return;
    }
    if (!bands_.empty() && bands_.back().phase == phase) {
        extend(bands_.back(), step);
        return;
    }
    if (!bands_.empty()) extend(bands_.back(), step);
    bands_.push_back(makeBand(phase, step));
}

PhaseBands::Band PhaseBands::makeBand(TrainingPhase phase, double step) {
    Band band{phase, step, step, {}, nullptr};
    const QColor color = phaseColor(phase);
    for (QCPAxisRect* chart : charts_) {
        QCPItemRect* shade = addShade(plot_, chart, withAlpha(color, 24));
        shade->setLayer(layer_);
        band.shades.push_back(shade);
    }
    QCPItemRect* ribbonShade = addShade(plot_, ribbon_, withAlpha(color, 215));
    ribbonShade->setPen(QPen(Qt::white, 1));
    band.shades.push_back(ribbonShade);

    band.label = new QCPItemText(plot_);
    band.label->setClipAxisRect(ribbon_);
    placeOnChart(band.label->position, ribbon_);
    band.label->setPositionAlignment(Qt::AlignCenter);
    band.label->setText(phaseLabel(phase).toLower());
    band.label->setColor(Qt::white);
    QFont font = band.label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 0.85);
    band.label->setFont(font);
    extend(band, step);
    return band;
}

void PhaseBands::extend(Band& band, double step) {
    band.end = std::max(band.end, step);
    for (QCPItemRect* shade : band.shades) {
        shade->topLeft->setCoords(band.start, 0.0);
        shade->bottomRight->setCoords(band.end, 1.0);
    }
    band.label->position->setCoords((band.start + band.end) / 2.0, 0.5);
}

void PhaseBands::markDone(double step) {
    if (!doneLines_.empty()) return;
    if (!bands_.empty()) extend(bands_.back(), step);
    for (QCPAxisRect* chart : charts_) {
        auto* line = new QCPItemStraightLine(plot_);
        line->setLayer(layer_);
        line->setClipAxisRect(chart);
        placeOnChart(line->point1, chart);
        placeOnChart(line->point2, chart);
        line->point1->setCoords(step, 0.0);
        line->point2->setCoords(step, 1.0);
        line->setPen(QPen(phaseColor(TrainingPhase::Done), 1.2, Qt::DashLine));
        doneLines_.push_back(line);
    }
}

void PhaseBands::clear() {
    for (const Band& band : bands_) {
        for (QCPItemRect* shade : band.shades) plot_->removeItem(shade);
        plot_->removeItem(band.label);
    }
    for (QCPItemStraightLine* line : doneLines_) plot_->removeItem(line);
    bands_.clear();
    doneLines_.clear();
}

void PhaseBands::fitLabels() {
    const QCPAxis* steps = ribbon_->axis(QCPAxis::atBottom);
    for (const Band& band : bands_) {
        const double width =
            std::abs(steps->coordToPixel(band.end) - steps->coordToPixel(band.start));
        const int textWidth =
            QFontMetrics(band.label->font()).horizontalAdvance(band.label->text());
        band.label->setVisible(width >= textWidth + 8);
    }
}

}  // namespace secateur::widgets
