#include "widgets/sample_view.h"

#include <QFontMetrics>
#include <QPainter>
#include <QPolygonF>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "widgets/palette.h"

namespace secateur::widgets {
namespace {

constexpr int kMaxTraces = 16;
constexpr int kMargin = 8;

QString shapeText(const Shape& shape) {
    QStringList sizes;
    for (const int64_t d : shape) sizes.append(QString::number(d));
    return QStringLiteral("[%1]").arg(sizes.join(QStringLiteral(", ")));
}

// Whether `shape` holds exactly `count` values, every size positive (no overflow).
bool holds(const Shape& shape, size_t count) {
    if (shape.empty()) return false;
    int64_t n = 1;
    for (const int64_t d : shape) {
        if (d <= 0 || n > std::numeric_limits<int64_t>::max() / d) return false;
        n *= d;
    }
    return static_cast<uint64_t>(n) == count;
}

// What a sample is drawn as, "" when it is empty or its shape does not fit its kind.
QString drawingOf(const DataSample& s) {
    if (s.values.empty() || !holds(s.shape, s.values.size())) return {};
    const size_t rank = s.shape.size();
    switch (s.kind) {
        case SampleKind::Audio:
            if (rank == 2 || (rank == 3 && s.shape[0] == 1)) return QStringLiteral("heatmap");
            return {};
        case SampleKind::Series:
            return rank == 2 ? QStringLiteral("traces") : QString();
        case SampleKind::Image:
            if (rank == 3 && (s.shape[0] == 1 || s.shape[0] == 3)) return QStringLiteral("picture");
            return {};
    }
    return {};
}

struct Range {
    float low = 0.0F, high = 0.0F;
    // `v` in [0, 1]; the middle for a constant range.
    double at(float v) const {
        if (!(high > low)) return 0.5;
        return std::clamp((static_cast<double>(v) - low) / (static_cast<double>(high) - low), 0.0,
                          1.0);
    }
};

Range rangeOf(const float* begin, const float* end) {
    Range r{std::numeric_limits<float>::max(), std::numeric_limits<float>::lowest()};
    for (const float* p = begin; p != end; ++p) {
        if (!std::isfinite(*p)) continue;
        r.low = std::min(r.low, *p);
        r.high = std::max(r.high, *p);
    }
    if (r.low > r.high) r = Range{};
    return r;
}

QImage heatmapImage(const DataSample& s) {
    const auto frames = static_cast<int>(s.shape[s.shape.size() - 2]);
    const auto coefficients = static_cast<int>(s.shape.back());
    const Range range = rangeOf(s.values.data(), s.values.data() + s.values.size());
    QImage image(frames, coefficients, QImage::Format_RGB32);
    for (int t = 0; t < frames; ++t) {
        for (int c = 0; c < coefficients; ++c) {
            const float v = s.values[static_cast<size_t>(t) * coefficients + c];
            const QColor color = std::isfinite(v) ? keepProbabilityColor(range.at(v)) : Qt::gray;
            image.setPixel(t, coefficients - 1 - c, color.rgb());  // coefficient 0 at the bottom
        }
    }
    return image;
}

QImage pictureImage(const DataSample& s) {
    const auto channels = static_cast<size_t>(s.shape[0]);
    const auto height = static_cast<int>(s.shape[1]);
    const auto width = static_cast<int>(s.shape[2]);
    const size_t plane = static_cast<size_t>(height) * width;
    const Range range = rangeOf(s.values.data(), s.values.data() + s.values.size());
    const auto level = [&](size_t i) {
        const float v = s.values[i];
        return std::isfinite(v) ? static_cast<int>(std::lround(range.at(v) * 255.0)) : 0;
    };
    QImage image(width, height, QImage::Format_RGB32);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            const size_t i = static_cast<size_t>(y) * width + x;
            const int r = level(i);
            const int g = channels == 3 ? level(plane + i) : r;
            const int b = channels == 3 ? level(2 * plane + i) : r;
            image.setPixel(x, y, qRgb(r, g, b));
        }
    }
    return image;
}

QColor traceColor(int channel) {
    static constexpr std::array<QRgb, 8> colors{0x1f77b4, 0xd62728, 0x2ca02c, 0xff7f0e,
                                                0x9467bd, 0x17becf, 0x8c564b, 0xe377c2};
    return QColor(colors[static_cast<size_t>(channel) % colors.size()]);
}

void paintHeatmap(QPainter& painter, QRect area, const SampleView& view) {
    const DataSample& sample = view.sample();
    const QImage& image = view.image();
    const QFontMetrics metrics(view.font());
    const int line = metrics.height();
    const QColor textColor = view.palette().color(QPalette::Text);
    const QString features = QString::fromStdString(sample.features);
    if (!features.isEmpty()) {
        painter.drawText(area.left(), area.bottom() - line + 1, area.width(), line,
                         Qt::AlignLeft | Qt::AlignVCenter,
                         metrics.elidedText(features, Qt::ElideRight, area.width()));
        area.setBottom(area.bottom() - line - kMargin / 2);
    }
    // Axis captions: "time frame" below, "coefficient" rotated at the left; ticks at the ends.
    const int frames = image.width(), coefficients = image.height();
    const int tickWidth = metrics.horizontalAdvance(QString::number(coefficients - 1));
    const QRect plot = area.adjusted(line + 4 + tickWidth + 4, 0, 0, -2 * line - 2);
    if (plot.width() < 8 || plot.height() < 8) return;
    painter.save();
    painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
    painter.drawImage(plot, image);
    painter.restore();
    painter.setPen(textColor.lighter(150));
    painter.drawRect(plot.adjusted(0, 0, -1, -1));
    painter.setPen(textColor);
    const int tickLeft = plot.left() - 4 - tickWidth;
    painter.drawText(tickLeft, plot.bottom() - line + 1, tickWidth, line,
                     Qt::AlignRight | Qt::AlignBottom, QStringLiteral("0"));
    painter.drawText(tickLeft, plot.top(), tickWidth, line, Qt::AlignRight | Qt::AlignTop,
                     QString::number(coefficients - 1));
    const int tickTop = plot.bottom() + 2;
    painter.drawText(plot.left(), tickTop, plot.width(), line, Qt::AlignLeft | Qt::AlignTop,
                     QStringLiteral("0"));
    painter.drawText(plot.left(), tickTop, plot.width(), line, Qt::AlignRight | Qt::AlignTop,
                     QString::number(frames - 1));
    painter.drawText(plot.left(), tickTop + line, plot.width(), line,
                     Qt::AlignHCenter | Qt::AlignTop, SampleView::tr("time frame"));
    painter.save();
    painter.translate(area.left(), plot.center().y());
    painter.rotate(-90.0);
    painter.drawText(-plot.height() / 2, 0, plot.height(), line, Qt::AlignCenter,
                     SampleView::tr("coefficient"));
    painter.restore();
}

void paintTraces(QPainter& painter, QRect area, const SampleView& view) {
    const DataSample& sample = view.sample();
    const QFontMetrics metrics(view.font());
    const int line = metrics.height();
    const auto channels = static_cast<int>(std::min<int64_t>(sample.shape[0], 1 << 30));
    const auto steps = static_cast<size_t>(sample.shape[1]);
    const int shown = view.traceCount();
    if (channels > shown) {
        painter.drawText(area.left(), area.bottom() - line + 1, area.width(), line,
                         Qt::AlignRight | Qt::AlignVCenter,
                         SampleView::tr("+%1 more channels").arg(channels - shown));
        area.setBottom(area.bottom() - line - 2);
    }
    const int labelWidth = metrics.horizontalAdvance(QString::number(shown - 1)) + 6;
    const QRectF plot = QRectF(area).adjusted(labelWidth, 0, 0, 0);
    if (plot.width() < 8 || plot.height() < 4) return;
    const double lane = plot.height() / shown;
    const QColor textColor = view.palette().color(QPalette::Text);
    // Every channel's index when the lanes are tall enough, else every few.
    const int labelEvery = std::max(1, static_cast<int>(std::ceil(line / std::max(lane, 1.0))));
    painter.setRenderHint(QPainter::Antialiasing, true);
    for (int c = 0; c < shown; ++c) {
        const QRectF band(plot.left(), plot.top() + c * lane, plot.width(), lane);
        if (c % 2 == 1) painter.fillRect(band, withAlpha(textColor, 12));
        painter.setPen(textColor);
        if (c % labelEvery == 0)
            painter.drawText(
                QRectF(area.left(), band.center().y() - line, labelWidth - 6, 2 * line),
                Qt::AlignRight | Qt::AlignVCenter, QString::number(c));
        const float* values = sample.values.data() + static_cast<size_t>(c) * steps;
        const Range range = rangeOf(values, values + steps);
        const double pad = std::min(3.0, lane / 6.0);
        const double span = std::max(0.0, lane - 2.0 * pad);
        const double dx = steps > 1 ? plot.width() / static_cast<double>(steps - 1) : 0.0;
        QPolygonF trace;
        trace.reserve(static_cast<int>(std::min<size_t>(steps, 1 << 24)));
        for (size_t i = 0; i < steps; ++i) {
            const double v = std::isfinite(values[i]) ? range.at(values[i]) : 0.5;
            trace.append(
                QPointF(plot.left() + dx * static_cast<double>(i), band.bottom() - pad - v * span));
        }
        painter.setPen(QPen(traceColor(c), 1.0));
        if (trace.size() == 1) trace.append(QPointF(plot.right(), trace.front().y()));
        painter.drawPolyline(trace);
    }
}

void paintPicture(QPainter& painter, QRect area, const SampleView& view) {
    const QImage& image = view.image();
    const double scale = std::min(static_cast<double>(area.width()) / image.width(),
                                  static_cast<double>(area.height()) / image.height());
    if (scale <= 0.0) return;
    // Whole pixels when enlarging, so every value is a square of the same size.
    const double s = scale >= 1.0 ? std::floor(scale) : scale;
    const QSize size(std::max(1, static_cast<int>(image.width() * s)),
                     std::max(1, static_cast<int>(image.height() * s)));
    const QRect target(area.left() + (area.width() - size.width()) / 2,
                       area.top() + (area.height() - size.height()) / 2, size.width(),
                       size.height());
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter.drawImage(target, image);
}

}  // namespace

SampleView::SampleView(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void SampleView::setSample(const DataSample& sample) {
    sample_ = sample;
    const QString kind = drawingOf(sample_);
    if (kind == QStringLiteral("heatmap")) {
        image_ = heatmapImage(sample_);
    } else if (kind == QStringLiteral("picture")) {
        image_ = pictureImage(sample_);
    } else {
        image_ = QImage();
    }
    update();
}

void SampleView::clear() {
    setSample(DataSample{});
}

QString SampleView::drawing() const {
    return drawingOf(sample_);
}

int SampleView::traceCount() const {
    if (drawing() != QStringLiteral("traces")) return 0;
    return static_cast<int>(std::min<int64_t>(sample_.shape[0], kMaxTraces));
}

QSize SampleView::sizeHint() const {
    return {520, 280};
}

QSize SampleView::minimumSizeHint() const {
    return {220, 140};
}

void SampleView::paintEvent(QPaintEvent* /*event*/) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    painter.setPen(palette().color(QPalette::Text));
    const QFontMetrics metrics(font());
    const int line = metrics.height();
    if (!hasSample()) {
        painter.drawText(rect(), Qt::AlignCenter, tr("No sample"));
        return;
    }
    const QString kind = drawing();
    QRect area = rect().adjusted(kMargin, kMargin, -kMargin, -kMargin);
    const QString caption = QStringLiteral("%1 #%2: %3")
                                .arg(QString::fromStdString(sample_.split))
                                .arg(sample_.index)
                                .arg(QString::fromStdString(sample_.label));
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.drawText(area.left(), area.top(), area.width(), line, Qt::AlignLeft | Qt::AlignVCenter,
                     QFontMetrics(bold).elidedText(caption, Qt::ElideRight, area.width()));
    painter.setFont(font());
    area.setTop(area.top() + line + kMargin / 2);
    if (kind.isEmpty()) {
        painter.drawText(area, Qt::AlignCenter | Qt::TextWordWrap,
                         tr("Cannot draw a sample of shape %1").arg(shapeText(sample_.shape)));
    } else if (kind == QStringLiteral("heatmap")) {
        paintHeatmap(painter, area, *this);
    } else if (kind == QStringLiteral("traces")) {
        paintTraces(painter, area, *this);
    } else {
        paintPicture(painter, area, *this);
    }
}

}  // namespace secateur::widgets
