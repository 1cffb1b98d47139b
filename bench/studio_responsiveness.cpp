// How the studio's window behaves while it searches: event-loop lateness, view updates per second,
// and the search's wall time against the same project searched headless. Every measurement runs
// in a fresh process (this program started again with --measure), so that one run's LibTorch
// thread teams cannot slow the next.
//   QT_QPA_PLATFORM=offscreen secateur-bench-studio [--rounds N]
//       [--out bench/results/responsiveness.json] [--markdown BENCHMARKS.md]
#include <sys/resource.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <chrono>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "app/studio/main_window.h"
#include "app/studio/run_panel.h"
#include "bench/report.h"
#include "engine/runs/run_summary.h"
#include "engine/search/allocator.h"
#include "engine/search/task.h"

namespace {

constexpr int kProbeMs = 10;

double percentile(std::vector<double> values, double q) {
    if (values.empty()) return 0.0;
    std::sort(values.begin(), values.end());
    const double rank = q * static_cast<double>(values.size() - 1);
    const auto low = static_cast<size_t>(rank);
    const size_t high = std::min(low + 1, values.size() - 1);
    return values[low] + (values[high] - values[low]) * (rank - static_cast<double>(low));
}

double mean(const std::vector<double>& values) {
    double sum = 0;
    for (const double v : values) sum += v;
    return values.empty() ? 0.0 : sum / static_cast<double>(values.size());
}

double threadCpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_THREAD, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// What `secateur search` does with the project: load, search with checkpoints, write the run.
QJsonObject measureHeadless(secateur::Project project, int threads) {
    const QTemporaryDir runFolder;
    const auto start = std::chrono::steady_clock::now();
    const secateur::Graph seed = project.loadSeed();
    const secateur::Task task = project.makeTask(seed);
    project.search.threads = threads;
    project.search.checkpoint = runFolder.filePath(QStringLiteral("checkpoint.pt")).toStdString();
    const secateur::SearchResult result = secateur::runSearch(seed, task, project.search);
    secateur::writeRun(runFolder.path().toStdString(), project, seed, result, task.info());
    return {{"seconds",
             std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()}};
}

// The same project started from the window; a 10 ms timer in its event loop records lateness.
QJsonObject measureStudio(const QString& projectFile, int threads) {
    secateur::studio::MainWindow window;
    window.setQuestionHandler(
        [](const QString&, const QString&, int) { return static_cast<int>(QMessageBox::No); });
    window.openPath(projectFile);
    window.show();
    window.runPanel()->setThreads(threads);
    std::vector<double> lateness;
    QElapsedTimer clock;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(kProbeMs);
    qint64 last = 0;
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        lateness.push_back(std::max(0.0, static_cast<double>(now - last) / 1e6 - kProbeMs));
        last = now;
    });
    bool done = false;
    QObject::connect(window.runPanel(), &secateur::studio::RunPanel::runningChanged,
                     [&done](bool running) { done = !running; });
    const double cpuBefore = threadCpuSeconds();
    clock.start();
    probe.start();
    window.startSearch();
    while (!done) QApplication::processEvents(QEventLoop::WaitForMoreEvents);
    probe.stop();
    const double seconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
    QJsonArray late;
    for (const double l : lateness) late.append(l);
    return {{"seconds", seconds},
            {"window_cpu_seconds", threadCpuSeconds() - cpuBefore},
            {"updates_per_second", static_cast<double>(window.viewUpdates()) / seconds},
            {"lateness_ms", late}};
}

QJsonObject runMeasurement(const QString& program, const QString& mode, const QString& project,
                           int threads) {
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(program, {QStringLiteral("--measure"), mode, QStringLiteral("--project"), project,
                          QStringLiteral("--threads"), QString::number(threads)});
    if (!child.waitForFinished(600000) || child.exitCode() != 0)
        throw std::runtime_error("measurement '" + mode.toStdString() + "' failed");
    return QJsonDocument::fromJson(child.readAllStandardOutput()).object();
}

std::string fixed(double v, int digits) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(digits) << v;
    return s.str();
}

}  // namespace

int main(int argc, char** argv) {
    secateur::keepFreedMemoryForReuse();
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    std::map<std::string, std::string> options{{"--out", "bench/results/responsiveness.json"},
                                               {"--rounds", "2"}};
    for (int i = 1; i + 1 < argc; i += 2) options[argv[i]] = argv[i + 1];
    if (options.count("--measure")) {
        const QString project = QString::fromStdString(options.at("--project"));
        const int threads = std::stoi(options.at("--threads"));
        const QJsonObject result =
            options.at("--measure") == "studio"
                ? measureStudio(project, threads)
                : measureHeadless(secateur::Project::load(project.toStdString()), threads);
        std::cout << QJsonDocument(result).toJson(QJsonDocument::Compact).toStdString() << "\n";
        return 0;
    }

    const int rounds = std::stoi(options.at("--rounds"));
    QTemporaryDir dir;
    const secateur::Project project =
        secateur::Project::load(SECATEUR_PROJECTS_DIR "/default.json");
    const QString projectFile = dir.filePath(QStringLiteral("bench.secproj"));
    project.save(projectFile.toStdString());
    const int cores = QThread::idealThreadCount();
    const std::vector<int> studioThreads{std::max(1, cores - 1), cores};
    const std::string loadBefore = secateur::bench::loadAverage();
    std::map<int, std::vector<QJsonObject>> studio;
    std::vector<double> headless;
    for (int round = 0; round < rounds; ++round) {
        headless.push_back(
            runMeasurement(argv[0], QStringLiteral("headless"), projectFile, 0)["seconds"]
                .toDouble());
        for (const int threads : studioThreads)
            studio[threads].push_back(
                runMeasurement(argv[0], QStringLiteral("studio"), projectFile, threads));
        std::cerr << "round " << round + 1 << " done\n";
    }
    secateur::bench::MachineInfo machine = secateur::bench::describeMachine();
    const double headlessMean = mean(headless);

    nlohmann::json json;
    json["machine"] = {{"cpu", machine.cpu},
                       {"logical_cpus", machine.logicalCpus},
                       {"date", machine.date},
                       {"load_before", loadBefore},
                       {"load_after", secateur::bench::loadAverage()}};
    json["project"] = project.name;
    json["headless_s"] = headless;
    json["studio"] = nlohmann::json::array();
    std::ostringstream table;
    table << "Measured " << machine.date << " on " << machine.cpu << " (" << machine.logicalCpus
          << " logical CPUs, load average " << loadBefore << " before, "
          << secateur::bench::loadAverage() << " after). The default project (" << project.name
          << ", "
          << project.search.warmupEpochs + project.search.searchEpochs +
                 project.search.finetuneEpochs
          << " epochs) searched " << rounds
          << " times by each column, every search in a fresh process, alternating: headless as "
             "`secateur search` does it (LibTorch's default threads: "
          << fixed(headlessMean, 2)
          << " s on average), and from the studio's window (offscreen) with the worker's thread "
             "count below. A "
          << kProbeMs
          << " ms timer in the window's event loop records how late it fires (all rounds "
             "pooled).\n\n"
          << "| worker threads | studio s | studio / headless (≤ 1.10) | lateness p50 ms | "
             "lateness p99 ms (< 50) | view updates / s (≥ 10) | window thread CPU s |\n"
          << "|---|---|---|---|---|---|---|\n";
    for (const int threads : studioThreads) {
        std::vector<double> late, seconds, rates, windowCpu;
        for (const QJsonObject& r : studio[threads]) {
            for (const QJsonValue v : r["lateness_ms"].toArray()) late.push_back(v.toDouble());
            seconds.push_back(r["seconds"].toDouble());
            rates.push_back(r["updates_per_second"].toDouble());
            windowCpu.push_back(r["window_cpu_seconds"].toDouble());
        }
        const double p50 = percentile(late, 0.5), p99 = percentile(late, 0.99);
        json["studio"].push_back({{"threads", threads},
                                  {"seconds", seconds},
                                  {"over_headless", mean(seconds) / headlessMean},
                                  {"lateness_p50_ms", p50},
                                  {"lateness_p99_ms", p99},
                                  {"lateness_samples", late.size()},
                                  {"view_updates_per_s", rates},
                                  {"window_cpu_s", windowCpu}});
        table << "| " << threads << (threads == studioThreads.front() ? " (default)" : "") << " | "
              << fixed(mean(seconds), 2) << " | " << fixed(mean(seconds) / headlessMean, 3) << " | "
              << fixed(p50, 2) << " | " << fixed(p99, 2) << " | " << fixed(mean(rates), 1) << " | "
              << fixed(mean(windowCpu), 2) << " |\n";
    }
    secateur::bench::writeFileAtomically(options.at("--out"), json.dump(2) + "\n");
    if (options.count("--markdown"))
        secateur::bench::replaceMarkedSection(options.at("--markdown"), "responsiveness",
                                              "## Studio responsiveness", table.str());
    std::cerr << table.str() << "wrote " << options.at("--out") << "\n";
    return 0;
}
