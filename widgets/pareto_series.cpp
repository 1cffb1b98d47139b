#include "widgets/pareto_series.h"

#include <QtCharts/QChart>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>

#include "widgets/palette.h"
#include "widgets/pareto_labels.h"

namespace secateur::widgets {

ParetoSeries ParetoSeries::create(QChart* chart, QValueAxis* accuracyAxis) {
    ParetoSeries s;
    const QColor front = phaseColor(QStringLiteral("search"));
    s.dominated = new QScatterSeries(chart);
    s.dominated->setName(paretoText("Dominated runs"));
    s.dominated->setMarkerSize(9);
    s.dominated->setColor(withAlpha(front, 70));
    s.dominated->setBorderColor(withAlpha(front, 110));

    s.frontLine = new QLineSeries(chart);
    s.frontLine->setPen(QPen(withAlpha(front, 200), 2.0));

    const QColor limit = seriesColor(QStringLiteral("cost term"));
    s.limitLine = new QLineSeries(chart);
    s.limitLine->setPen(QPen(limit, 1.5, Qt::DashLine));
    s.limitLine->setPointLabelsFormat(paretoText("limit"));
    s.limitLine->setPointLabelsColor(limit);
    s.limitLine->setPointLabelsClipping(false);
    s.limitLine->setPointLabelsVisible(true);

    s.front = new QScatterSeries(chart);
    s.front->setName(paretoText("Pareto front"));
    s.front->setMarkerSize(11);
    s.front->setColor(front);
    s.front->setBorderColor(front.darker(130));

    const QColor seed = seriesColor(QStringLiteral("params"));
    s.seed = new QScatterSeries(chart);
    s.seed->setName(paretoText("Seed"));
    s.seed->setMarkerShape(QScatterSeries::MarkerShapeStar);
    s.seed->setMarkerSize(18);
    s.seed->setColor(seed);
    s.seed->setBorderColor(seed.darker(130));
    s.seed->setPointLabelsFormat(paretoText("seed"));
    s.seed->setPointLabelsColor(seed.darker(120));
    s.seed->setPointLabelsVisible(true);

    s.selected = new QScatterSeries(chart);
    s.selected->setName(paretoText("Selected"));
    s.selected->setMarkerSize(17);
    s.selected->setColor(QColor(255, 193, 7));
    s.selected->setPen(QPen(QColor(33, 33, 33), 2.5));

    for (QAbstractSeries* series : std::initializer_list<QAbstractSeries*>{
             s.dominated, s.frontLine, s.limitLine, s.front, s.seed, s.selected}) {
        chart->addSeries(series);
        series->attachAxis(accuracyAxis);
    }
    for (QAbstractSeries* series :
         std::initializer_list<QAbstractSeries*>{s.frontLine, s.limitLine, s.selected}) {
        for (QLegendMarker* marker : chart->legend()->markers(series)) marker->setVisible(false);
    }
    return s;
}

void ParetoSeries::updateLegend(QChart* chart) const {
    for (QScatterSeries* series : {dominated, front, seed}) {
        for (QLegendMarker* marker : chart->legend()->markers(series))
            marker->setVisible(series->count() > 0);
    }
}

}  // namespace secateur::widgets
