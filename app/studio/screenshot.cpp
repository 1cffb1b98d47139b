#include "app/studio/screenshot.h"

#include <QApplication>
#include <QTimer>
#include <cstdio>
#include <vector>

#include "app/studio/main_window.h"
#include "app/studio/run_panel.h"
#include "app/studio/studio_tabs.h"

namespace secateur::studio {

QStringList screenshotTabNames() {
    QStringList names;
    for (const StudioTabName& t : kStudioTabs) names << QString::fromLatin1(t.name);
    return names;
}

QString scheduleScreenshots(MainWindow& window, const ScreenshotRequest& request) {
    if (request.afterSeconds < 0) return QStringLiteral("--after needs a number of seconds");
    std::vector<const StudioTabName*> tabs;
    for (const QString& name : request.tabs) {
        const StudioTabName* found = nullptr;
        for (const StudioTabName& t : kStudioTabs)
            if (name == QLatin1String(t.name)) found = &t;
        if (!found)
            return QStringLiteral("--tab %1 is not a tab; choose one of %2")
                .arg(name, screenshotTabNames().join(QStringLiteral(", ")));
        tabs.push_back(found);
    }
    if (tabs.size() > 1 && !request.file.contains(QStringLiteral("{tab}")))
        return QStringLiteral(
            "several --tab options need {tab} in the file name, as in "
            "shot-{tab}.png");
    if (request.startSearch) window.startSearch();  // the seed is read off the window's thread
    if (!tabs.empty()) window.showTab(tabs.front()->tab);
    const int delay = static_cast<int>(request.afterSeconds * 1000);
    QTimer::singleShot(delay, &window, [&window, tabs, file = request.file] {
        bool allSaved = true;
        const auto save = [&](const QString& path) {
            const bool saved = window.grab().save(path);
            std::fprintf(stderr, "secateur-studio: %s %s\n", saved ? "wrote" : "cannot write",
                         qPrintable(path));
            allSaved = allSaved && saved;
        };
        if (tabs.empty()) save(file);
        for (const StudioTabName* t : tabs) {
            window.showTab(t->tab);
            QCoreApplication::processEvents();
            save(QString(file).replace(QStringLiteral("{tab}"), QLatin1String(t->name)));
        }
        window.cancelSeedImport();
        window.runPanel()->stop();
        QApplication::exit(allSaved ? 0 : 1);
    });
    return {};
}

}  // namespace secateur::studio
