#include "bench/report.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "engine/util/atomic_file.h"

namespace secateur::bench {
namespace {

constexpr double kSearchTarget = 1.10;        // searchable / plain step in the engine
constexpr double kDeviceSearchTarget = 1.15;  // with the peak RAM and latency terms
constexpr double kPythonTarget = 1.05;        // engine plain / Python plain step
constexpr double kQuantisedTarget = 1.30;     // 8-bit quantisation-aware / float plain step

double percentile(const std::vector<double>& sorted, double q) {
    const double position = q * static_cast<double>(sorted.size() - 1);
    const auto low = static_cast<size_t>(position);
    const size_t high = std::min(low + 1, sorted.size() - 1);
    return sorted[low] + (sorted[high] - sorted[low]) * (position - static_cast<double>(low));
}

std::string readFile(const std::string& path) {
    std::ifstream in(path);
    if (!in) return "";
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string fixed(double value, int digits) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
    return buffer;
}

nlohmann::json timingJson(const StepTiming& t) {
    return {{"median_ms", t.step.median}, {"p10_ms", t.step.p10},
            {"p90_ms", t.step.p90},       {"samples", t.step.samples},
            {"phases_ms", t.phasesMs},    {"minor_faults_per_step", t.minorFaultsPerStep}};
}

std::string cell(const StepTiming& t) {
    return fixed(t.step.median, 2) + " (" + fixed(t.step.p10, 2) + "–" + fixed(t.step.p90, 2) + ")";
}

std::string verdict(double ratio, double target) {
    return fixed(ratio, 3) + (ratio <= target ? " ✓" : " ✗");
}

std::string table(const std::vector<ModelResult>& models, const MachineInfo& m) {
    std::ostringstream out;
    out << "Measured " << m.date << " (source " << m.revision << ") on " << m.cpu << " ("
        << m.logicalCpus << " logical CPUs, load average " << m.loadBefore << " before, "
        << m.loadAfter << " after), LibTorch " << m.torchVersion << ", Python torch "
        << m.pythonTorchVersion << ", " << m.threads << " threads, batch " << m.batch
        << ", median of " << m.steps << " steps in " << m.rounds
        << " rounds that alternate the six configurations, each after " << m.warmup
        << " warm-up steps (p10–p90 in brackets), cost strength " << fixed(m.strength, 2) << ".\n\n"
        << "| model | params | engine plain ms | engine search ms | Python plain ms | "
           "search / plain (≤ "
        << fixed(kSearchTarget, 2) << ") | plain / Python (≤ " << fixed(kPythonTarget, 2) << ") |\n"
        << "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n";
    for (const ModelResult& r : models) {
        out << "| " << r.name << " | " << r.params << " | " << cell(r.plain) << " | "
            << cell(r.search) << " | " << (r.hasPython ? cell(r.python) : "–") << " | "
            << verdict(r.search.step.median / r.plain.step.median, kSearchTarget) << " | "
            << (r.hasPython ? verdict(r.plain.step.median / r.python.step.median, kPythonTarget)
                            : "–")
            << " |\n";
    }
    out << "\nWith the device costs: the search step with the `peak_ram` (a smooth maximum over "
           "the execution plan) and `latency_ms` (cortex-m7) terms added to `macs`, measured in "
           "the same rounds:\n\n"
        << "| model | engine plain ms | search + peak RAM + latency ms | device search / plain (≤ "
        << fixed(kDeviceSearchTarget, 2) << ") |\n| --- | ---: | ---: | ---: |\n";
    for (const ModelResult& r : models)
        out << "| " << r.name << " | " << cell(r.plain) << " | " << cell(r.deviceSearch) << " | "
            << verdict(r.deviceSearch.step.median / r.plain.step.median, kDeviceSearchTarget)
            << " |\n";
    out << "\nWith 8-bit weights (the `precision` dimension): the plain step with its weights "
           "quantised per output channel (quantisation-aware training), and the search step of "
           "the first table with `precision` added, measured in the same rounds:\n\n"
        << "| model | engine plain ms | plain 8-bit weights ms | 8-bit / plain (≤ "
        << fixed(kQuantisedTarget, 2)
        << ") | search + precision ms | search + precision / plain |\n"
           "| --- | ---: | ---: | ---: | ---: | ---: |\n";
    for (const ModelResult& r : models)
        out << "| " << r.name << " | " << cell(r.plain) << " | " << cell(r.quantised) << " | "
            << verdict(r.quantised.step.median / r.plain.step.median, kQuantisedTarget) << " | "
            << cell(r.precisionSearch) << " | "
            << fixed(r.precisionSearch.step.median / r.plain.step.median, 2) << " |\n";
    out << "\nPhases (medians, ms: forward incl. loss / backward / optimiser; minor page faults "
           "per step):\n\n";
    for (const ModelResult& r : models) {
        const auto phases = [](const StepTiming& t) {
            return fixed(t.phasesMs.at("forward"), 2) + " / " +
                   fixed(t.phasesMs.at("backward"), 2) + " / " +
                   fixed(t.phasesMs.at("optimizer"), 2) + ", " + fixed(t.minorFaultsPerStep, 0) +
                   " faults";
        };
        out << "- " << r.name << ": engine plain " << phases(r.plain) << "; engine search "
            << phases(r.search);
        if (r.hasPython) out << "; Python plain " << phases(r.python);
        out << "\n";
    }
    return out.str();
}

}  // namespace

Stats summarize(std::vector<double> samplesMs) {
    if (samplesMs.empty()) throw std::runtime_error("no samples to summarize");
    std::sort(samplesMs.begin(), samplesMs.end());
    return {percentile(samplesMs, 0.5), percentile(samplesMs, 0.1), percentile(samplesMs, 0.9),
            samplesMs.size()};
}

std::string loadAverage() {
    std::istringstream in(readFile("/proc/loadavg"));
    std::string a, b, c;
    in >> a >> b >> c;
    return a + " " + b + " " + c;
}

std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> items;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty()) items.push_back(item);
    return items;
}

MachineInfo describeMachine() {
    MachineInfo m;
    std::istringstream cpuinfo(readFile("/proc/cpuinfo"));
    for (std::string line; std::getline(cpuinfo, line);) {
        if (line.rfind("processor", 0) == 0) ++m.logicalCpus;
        if (m.cpu.empty() && line.rfind("model name", 0) == 0) {
            const size_t colon = line.find(':');
            if (colon != std::string::npos)
                m.cpu = line.substr(line.find_first_not_of(' ', colon + 1));
        }
    }
    if (m.cpu.empty()) m.cpu = "unknown CPU";
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    m.date = date;
    return m;
}

nlohmann::json toJson(const std::vector<ModelResult>& models, const MachineInfo& m) {
    nlohmann::json out;
    out["machine"] = {{"cpu", m.cpu},
                      {"logical_cpus", m.logicalCpus},
                      {"threads", m.threads},
                      {"interop_threads", m.interopThreads},
                      {"torch_version", m.torchVersion},
                      {"python_torch_version", m.pythonTorchVersion},
                      {"mkldnn_cpp", m.mkldnnCpp},
                      {"mkldnn_python", m.mkldnnPython},
                      {"date", m.date},
                      {"revision", m.revision},
                      {"load_average_before", m.loadBefore},
                      {"load_average_after", m.loadAfter}};
    out["settings"] = {{"batch", m.batch},   {"steps", m.steps},
                       {"rounds", m.rounds}, {"warmup_per_round", m.warmup},
                       {"cost", "macs"},     {"strength", m.strength}};
    out["targets"] = {{"search_over_plain", kSearchTarget},
                      {"device_search_over_plain", kDeviceSearchTarget},
                      {"plain_over_python", kPythonTarget},
                      {"quantised_over_plain", kQuantisedTarget}};
    for (const ModelResult& r : models) {
        nlohmann::json j{
            {"params", r.params},
            {"plain_ms", r.plain.step.median},
            {"plain_p10_ms", r.plain.step.p10},
            {"plain_p90_ms", r.plain.step.p90},
            {"search_ms", r.search.step.median},
            {"search_p10_ms", r.search.step.p10},
            {"search_p90_ms", r.search.step.p90},
            {"search_over_plain", r.search.step.median / r.plain.step.median},
            {"plain", timingJson(r.plain)},
            {"search", timingJson(r.search)},
            {"device_search_ms", r.deviceSearch.step.median},
            {"device_search_over_plain", r.deviceSearch.step.median / r.plain.step.median},
            {"device_search", timingJson(r.deviceSearch)},
            {"quantised_ms", r.quantised.step.median},
            {"quantised_over_plain", r.quantised.step.median / r.plain.step.median},
            {"quantised", timingJson(r.quantised)},
            {"precision_search_ms", r.precisionSearch.step.median},
            {"precision_search_over_plain", r.precisionSearch.step.median / r.plain.step.median},
            {"precision_search", timingJson(r.precisionSearch)},
            {"load_average_per_round", r.loadPerRound}};
        if (r.hasPython) {
            j["python_plain_ms"] = r.python.step.median;
            j["python_plain_p10_ms"] = r.python.step.p10;
            j["python_plain_p90_ms"] = r.python.step.p90;
            j["plain_over_python"] = r.plain.step.median / r.python.step.median;
            j["python_plain"] = timingJson(r.python);
        }
        out["models"][r.name] = j;
    }
    return out;
}

void writeFileAtomically(const std::string& path, const std::string& text) {
    const std::filesystem::path target(path);
    if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path());
    secateur::writeFileAtomically(path, text);
}

void replaceMarkedSection(const std::string& path, const std::string& name,
                          const std::string& heading, const std::string& body) {
    const std::string beginMarker = "<!-- " + name + ":begin -->";
    const std::string endMarker = "<!-- " + name + ":end -->";
    const std::string section = beginMarker + "\n" + body + endMarker;
    std::string text = readFile(path);
    const size_t begin = text.find(beginMarker);
    const size_t end = begin == std::string::npos ? begin : text.find(endMarker, begin);
    if (text.empty()) text = "# Benchmarks\n";
    if (begin == std::string::npos || end == std::string::npos) {
        if (!text.empty() && text.back() != '\n') text += "\n";
        text += "\n" + heading + "\n\n" + section + "\n";
    } else {
        text.replace(begin, end + endMarker.size() - begin, section);
    }
    writeFileAtomically(path, text);
}

void updateMarkdown(const std::string& path, const std::vector<ModelResult>& models,
                    const MachineInfo& machine) {
    replaceMarkedSection(path, "overhead", "## Overhead of the searchable network",
                         table(models, machine));
}

}  // namespace secateur::bench
