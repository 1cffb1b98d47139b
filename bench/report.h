// Results of secateur-bench and how they are written: JSON (atomically) and a Markdown table
// between markers in BENCHMARKS.md.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace secateur::bench {

// Median and spread of per-step times, in milliseconds.
struct Stats {
    double median = 0.0, p10 = 0.0, p90 = 0.0;
    size_t samples = 0;
};

// Linear interpolation between closest ranks (numpy's default); bench/python_step.py matches.
Stats summarize(std::vector<double> samplesMs);

// One configuration's step and its phases (medians of forward incl. loss and zero_grad,
// backward, optimiser steps).
struct StepTiming {
    Stats step;
    std::map<std::string, double> phasesMs;
    double minorFaultsPerStep = 0.0;
};

struct ModelResult {
    std::string name;
    int64_t params = 0;
    StepTiming plain, search;
    StepTiming deviceSearch;     // search with the peak_ram and latency_ms terms added to macs
    StepTiming quantised;        // plain step with the precision dimension (8-bit weights)
    StepTiming precisionSearch;  // search step with channels, kernels, dilations and precision
    bool hasPython = false;
    StepTiming python;
    std::vector<std::string> loadPerRound;  // load average after each round
};

struct MachineInfo {
    std::string cpu, date, revision, torchVersion, pythonTorchVersion, loadBefore, loadAfter;
    int threads = 0, interopThreads = 0, logicalCpus = 0;
    bool mkldnnCpp = false, mkldnnPython = false;
    int64_t batch = 0, steps = 0, warmup = 0;  // steps: timed steps in all rounds together
    int rounds = 1;
    double strength = 0.0;
};

MachineInfo describeMachine();
// "a,b,,c" -> {"a", "b", "c"}: the benchmarks' comma-separated options.
std::vector<std::string> splitList(const std::string& text);
std::string loadAverage();  // the first three fields of /proc/loadavg

nlohmann::json toJson(const std::vector<ModelResult>& models, const MachineInfo& machine);

// Creates the folder, then writes atomically (engine/util/atomic_file.h), so readers never see
// half.
void writeFileAtomically(const std::string& path, const std::string& text);

// Replaces the text between `<!-- NAME:begin -->` and `<!-- NAME:end -->` in `path` with `body`;
// appends `heading` and the marked section when the markers are missing (creating the file).
void replaceMarkedSection(const std::string& path, const std::string& name,
                          const std::string& heading, const std::string& body);

// Replaces the text between the overhead markers of `path` (creating the file with an intro, or
// appending the section, when missing); the rest of the file is kept.
void updateMarkdown(const std::string& path, const std::vector<ModelResult>& models,
                    const MachineInfo& machine);

}  // namespace secateur::bench
