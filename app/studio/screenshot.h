// secateur-studio --screenshot: pictures of the window's tabs after a delay, then quit.
#pragma once

#include <QString>
#include <QStringList>

namespace secateur::studio {

class MainWindow;

struct ScreenshotRequest {
    QString file;  // holds "{tab}" when several tabs are asked for
    double afterSeconds = 5;
    QStringList tabs;  // names from kStudioTabs; empty: the tab the window shows
    bool startSearch = true;
};

// The tab names --tab accepts.
QStringList screenshotTabNames();

// Checks the request; when it is valid, starts the project's search (if asked), and after the
// delay saves one picture per tab and quits the application (exit 0 when every picture was
// written). Returns the mistake in the request, or an empty string.
QString scheduleScreenshots(MainWindow& window, const ScreenshotRequest& request);

}  // namespace secateur::studio
