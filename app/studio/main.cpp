// secateur-studio [PROJECT_OR_RUN_DIR] [--screenshot FILE.png --after SECONDS]
#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>
#include <cstdio>

#include "app/studio/main_window.h"
#include "app/studio/run_panel.h"
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
    parser.addOption(screenshot);
    parser.addOption(after);
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
        const double seconds = parser.value(after).toDouble(&ok);
        if (!ok || seconds < 0) {
            std::fprintf(stderr, "secateur-studio: --after needs a number of seconds\n");
            return 2;
        }
        const QString file = parser.value(screenshot);
        window.startSearch();  // the seed is read first, off the window's thread
        QTimer::singleShot(static_cast<int>(seconds * 1000), &window, [&window, file] {
            const bool saved = window.grab().save(file);
            std::fprintf(stderr, "secateur-studio: %s %s\n", saved ? "wrote" : "cannot write",
                         qPrintable(file));
            window.cancelSeedImport();
            window.runPanel()->stop();
            QApplication::exit(saved ? 0 : 1);
        });
    }
    return QApplication::exec();
}
