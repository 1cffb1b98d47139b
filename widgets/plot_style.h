// The look the QCustomPlot views share: grey axes and ticks, dark labels, a light grid.
#pragma once

class QCPAxis;

namespace secateur::widgets {

void styleAxis(QCPAxis* axis);

}  // namespace secateur::widgets
