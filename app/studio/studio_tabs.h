// The studio window's tabs as typed ids, with one table of their names: code selects and checks a
// tab by id, never by its position or its translated title.
#pragma once

#include <QCoreApplication>
#include <QString>
#include <array>

namespace secateur::studio {

enum class StudioTab { Live, Curves, Layers, Pareto, Memory, Compare, Sweep, Data };

struct StudioTabName {
    StudioTab tab;
    const char* name;   // stable: picture file names, tests
    const char* title;  // shown on the tab, translated in the "MainWindow" context
};

// In the order the window shows them.
inline constexpr std::array<StudioTabName, 8> kStudioTabs{
    {{StudioTab::Live, "live", QT_TRANSLATE_NOOP("MainWindow", "Live")},
     {StudioTab::Curves, "curves", QT_TRANSLATE_NOOP("MainWindow", "Curves")},
     {StudioTab::Layers, "layers", QT_TRANSLATE_NOOP("MainWindow", "Layers")},
     {StudioTab::Pareto, "pareto", QT_TRANSLATE_NOOP("MainWindow", "Pareto")},
     {StudioTab::Memory, "memory", QT_TRANSLATE_NOOP("MainWindow", "Memory")},
     {StudioTab::Compare, "compare", QT_TRANSLATE_NOOP("MainWindow", "Compare")},
     {StudioTab::Sweep, "sweep", QT_TRANSLATE_NOOP("MainWindow", "Sweep")},
     {StudioTab::Data, "data", QT_TRANSLATE_NOOP("MainWindow", "Data")}}};

inline const StudioTabName& studioTabName(StudioTab tab) {
    for (const StudioTabName& t : kStudioTabs)
        if (t.tab == tab) return t;
    return kStudioTabs.front();
}

inline QString studioTabTitle(StudioTab tab) {
    return QCoreApplication::translate("MainWindow", studioTabName(tab).title);
}

}  // namespace secateur::studio
