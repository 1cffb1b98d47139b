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
    QApplication app(argc, argv);
    // A PNG, not the SVG: Qt's SVG icon engine (qt6-svg) is not among the dependencies.
    QApplication::setWindowIcon(
        QIcon(QStringLiteral(":/icons/hicolor/256x256/apps/secateur-studio.png")));
    QApplication::setOrganizationName(secateur::studio::kOrganisation);
    QApplication::setApplicationName(secateur::studio::kApplication);
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Secateur Studio: find small, fast, accurate networks for microcontrollers"));
    parser.addHelpOption();
    parser.addVersionOption();
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
    parser.process(app);

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
