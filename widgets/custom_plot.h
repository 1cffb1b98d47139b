// QCustomPlot for targets built with QT_NO_KEYWORDS: its header still spells `signals` and
// `foreach`, so they are mapped to Qt's macros while it is read.
#pragma once

#define signals Q_SIGNALS
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef foreach
#undef signals
