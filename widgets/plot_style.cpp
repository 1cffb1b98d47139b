#include "widgets/plot_style.h"

#include "widgets/custom_plot.h"

namespace secateur::widgets {

void styleAxis(QCPAxis* axis) {
    const QColor text(70, 70, 78);
    axis->setBasePen(QPen(QColor(170, 170, 178)));
    axis->setTickPen(QPen(QColor(170, 170, 178)));
    axis->setSubTickPen(Qt::NoPen);
    axis->setTickLabelColor(text);
    axis->setLabelColor(text);
    axis->grid()->setPen(QPen(QColor(228, 228, 232), 0, Qt::SolidLine));
}

}  // namespace secateur::widgets
