// secateur-studio [PROJECT_OR_RUN_DIR] [--screenshot FILE.png --after SECONDS --tab NAME]
#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QIcon>
#include <cstdio>

#include "app/studio/main_window.h"
#include "app/studio/screenshot.h"
#include "app/studio/studio_info.h"
#include "engine/search/allocator.h"

int main(int argc, char** argv) {
    Q_INIT_RESOURCE(resources);  // resources/resources.qrc lives in the static secateur_studio
    secateur::keepFreedMemoryForReuse();
    QCoreApplication::setOrganizationName(secateur::studio::kOrganisation);
    QCoreApplication::setApplicationName(secateur::studio::kApplication);
    QCoreApplication::setApplicationVersion(QStringLiteral(SECATEUR_VERSION));

    // The command line is read before the QApplication exists, so that --version and --help work
    // without a display.
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Secateur Studio: find small, fast, accurate networks for microcontrollers"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Print this help and exit"));
    const QCommandLineOption version(QStringLiteral("version"),
                                     QStringLiteral("Print the version and exit"));
    parser.addOption(help);
    parser.addOption(version);
    parser.addPositionalArgument(QStringLiteral("project"),
                                 QStringLiteral("a project file (.secproj) or a run folder"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("start the project's search, save a picture of the window after --after "
                       "seconds and quit"),
        QStringLiteral("FILE.png"));
    const QCommandLineOption after(QStringLiteral("after"),
                                   QStringLiteral("seconds before the screenshot (default 5)"),
                                   QStringLiteral("SECONDS"), QStringLiteral("5"));
    const QCommandLineOption tab(
        QStringLiteral("tab"),
        QStringLiteral("the tab the screenshot shows: %1 (default: the one the window opens on); "
                       "repeat it for several pictures, with {tab} in FILE.png")
            .arg(secateur::studio::screenshotTabNames().join(QStringLiteral(", "))),
        QStringLiteral("NAME"));
    parser.addOption(screenshot);
    parser.addOption(after);
    parser.addOption(tab);
    QStringList arguments;
    for (int i = 0; i < argc; ++i) arguments << QString::fromLocal8Bit(argv[i]);
    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "secateur-studio: error: %s (see secateur-studio --help)\n",
                     qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(version)) {
        std::printf("secateur-studio %s\n", SECATEUR_VERSION);
        return 0;
    }
    if (parser.isSet(help)) {
        // Without an application object Qt cannot name the program itself.
        std::printf("%s", qPrintable(parser.helpText().replace(QStringLiteral("<executable_name>"),
                                                               QStringLiteral("secateur-studio"))));
        return 0;
    }

    QApplication app(argc, argv);
    // The desktop matches windows to resources/SECATEUR_DESKTOP_ID.desktop (icon, name in the
    // dock).
    QGuiApplication::setDesktopFileName(QStringLiteral(SECATEUR_DESKTOP_ID));
    QGuiApplication::setApplicationDisplayName(QString::fromLatin1(secateur::studio::kDisplayName));
    // A PNG, not the SVG: Qt's SVG icon engine (qt6-svg) is not among the dependencies.
    QApplication::setWindowIcon(
        QIcon(QStringLiteral(":/icons/hicolor/256x256/apps/secateur-studio.png")));

    secateur::studio::MainWindow window;
    const QStringList args = parser.positionalArguments();
    if (args.size() > 1) {
        std::fprintf(stderr, "secateur-studio: give at most one project file or run folder\n");
        return 2;
    }
    if (args.isEmpty()) {
        window.openDefaultProject();
    } else if (!window.openPath(args.front())) {
        std::fprintf(stderr, "secateur-studio: error: %s\n", qPrintable(window.lastError()));
        if (parser.isSet(screenshot)) return 1;
    }
    window.show();

    if (parser.isSet(screenshot)) {
        bool ok = false;
        secateur::studio::ScreenshotRequest request;
        request.file = parser.value(screenshot);
        request.afterSeconds = parser.value(after).toDouble(&ok);
        if (!ok) request.afterSeconds = -1;
        request.tabs = parser.values(tab);
        // A project's search starts; a run folder is shown as it was left.
        request.startSearch = args.isEmpty() || !QFileInfo(args.front()).isDir();
        const QString mistake = scheduleScreenshots(window, request);
        if (!mistake.isEmpty()) {
            std::fprintf(stderr, "secateur-studio: %s\n", qPrintable(mistake));
            return 2;
        }
    }
    return QApplication::exec();
}
