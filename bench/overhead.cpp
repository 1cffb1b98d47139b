// secateur-bench: the cost of one training step of the searchable network against the plain
// network in the engine and against the same network in eager Python PyTorch.
//
//   secateur-bench --out bench/results/overhead.json --markdown BENCHMARKS.md
#include <sys/resource.h>
#include <torch/torch.h>
#include <torch/version.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/report.h"
#include "engine/cost/cost.h"
#include "engine/cost/cost_model.h"
#include "engine/exec/executor.h"
#include "engine/search/allocator.h"
#include "engine/search/search.h"
#include "engine/space/space_impl.h"
#include "engine/zoo/zoo.h"

namespace secateur::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct Options {
    std::string out = "bench/results/overhead.json";
    std::string markdown;
    std::vector<std::string> models{"ds_cnn", "resnet8", "temponet"};
    int64_t steps = 20, warmup = 5, batch = 32;  // steps and warm-up per round
    int threads = 2, rounds = 3;
    SearchOptions search;  // strength and learning rates as the trainer uses them
    std::string python = SECATEUR_BENCH_PYTHON;
    std::string script = SECATEUR_BENCH_DIR "/python_step.py";
    std::string revision;  // of the measured source tree; default: `git describe` of it
    bool runPython = true;
};

const char* kUsage =
    "usage: secateur-bench [--out FILE.json] [--markdown FILE.md] [--models a,b,c]\n"
    "                      [--steps N] [--warmup N] [--batch N] [--threads N] [--rounds N]\n"
    "                      [--strength X]\n"
    "                      [--python PATH] [--script PATH] [--no-python] [--revision TEXT]\n";

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--no-python") {
            o.runPython = false;
            continue;
        }
        if (arg == "--help" || arg == "-h") {
            std::cout << kUsage;
            std::exit(0);
        }
        if (i + 1 >= argc) throw std::runtime_error("missing value after " + arg + "\n" + kUsage);
        const std::string value = argv[++i];
        if (arg == "--out")
            o.out = value;
        else if (arg == "--markdown")
            o.markdown = value;
        else if (arg == "--models")
            o.models = splitList(value);
        else if (arg == "--steps")
            o.steps = std::stoll(value);
        else if (arg == "--warmup")
            o.warmup = std::stoll(value);
        else if (arg == "--batch")
            o.batch = std::stoll(value);
        else if (arg == "--threads")
            o.threads = std::stoi(value);
        else if (arg == "--rounds")
            o.rounds = std::stoi(value);
        else if (arg == "--strength")
            o.search.strength = std::stod(value);
        else if (arg == "--python")
            o.python = value;
        else if (arg == "--revision")
            o.revision = value;
        else if (arg == "--script")
            o.script = value;
        else
            throw std::runtime_error("unknown option " + arg + "\n" + kUsage);
    }
    if (o.steps * o.rounds < 20)
        throw std::runtime_error("at least 20 timed steps: raise --steps or --rounds");
    if (o.batch < 1 || o.threads < 1 || o.rounds < 1 || o.warmup < 0)
        throw std::runtime_error(kUsage);
    return o;
}

// A fixed batch: random inputs and targets drawn once, so only the step itself is timed.
struct Batch {
    torch::Tensor input, target;
    bool regression = false;
};

Batch makeBatch(const Graph& graph, const ZooEntry& entry, int64_t batch) {
    Batch b;
    Shape shape = graph.tensor(graph.inputs().at(0)).shape;
    shape[0] = batch;
    b.input = torch::randn(shape);
    b.regression = entry.task.find("regression") != std::string::npos;
    const int64_t classes = graph.tensor(graph.outputs().at(0)).shape.at(1);
    b.target = b.regression ? torch::randn({batch, classes}) : torch::randint(classes, {batch});
    return b;
}

torch::Tensor lossOf(const torch::Tensor& output, const Batch& b) {
    return b.regression ? torch::mse_loss(output, b.target)
                        : torch::cross_entropy_loss(output, b.target);
}

// Marks the end of each phase of one step.
class PhaseClock {
public:
    PhaseClock() : last_(Clock::now()) {}
    void mark(size_t phase) {
        const auto now = Clock::now();
        elapsed_.resize(std::max(elapsed_.size(), phase + 1), 0.0);
        elapsed_[phase] += std::chrono::duration<double, std::milli>(now - last_).count();
        last_ = now;
    }
    const std::vector<double>& elapsed() const { return elapsed_; }

private:
    Clock::time_point last_;
    std::vector<double> elapsed_;
};

enum Phase : size_t { kForward = 0, kBackward = 1, kOptimizer = 2 };
const char* const kPhaseNames[] = {"forward", "backward", "optimizer"};

// Per-step times of one configuration, pooled over rounds.
struct Samples {
    std::vector<double> total, phases[3];
    double minorFaults = 0.0;  // page faults (the kernel zeroing fresh pages) in timed steps

    StepTiming summary() const {
        StepTiming t;
        t.step = summarize(total);
        t.minorFaultsPerStep = minorFaults / static_cast<double>(total.size());
        for (size_t p = 0; p < 3; ++p) t.phasesMs[kPhaseNames[p]] = summarize(phases[p]).median;
        return t;
    }
};

using Step = std::function<void(PhaseClock&)>;

long minorFaults() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_minflt;
}

void timeSteps(const Options& o, const Step& step, Samples& samples) {
    for (int64_t i = 0; i < o.warmup; ++i) {
        PhaseClock ignored;
        step(ignored);
    }
    const long faultsBefore = minorFaults();
    for (int64_t i = 0; i < o.steps; ++i) {
        const auto start = Clock::now();
        PhaseClock clock;
        step(clock);
        samples.total.push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        for (size_t p = 0; p < 3; ++p) samples.phases[p].push_back(clock.elapsed().at(p));
    }
    samples.minorFaults += static_cast<double>(minorFaults() - faultsBefore);
}

// The seed with no search dimension (no masks), Adam over the weights: the trainer's step
// without the cost term. With {precision}: the same step with 8-bit quantisation-aware weights.
class PlainStep {
public:
    PlainStep(const Graph& seed, const Batch& batch, const SearchOptions& options,
              const std::vector<Dimension>& dimensions = {})
        : space_(seed, dimensions),
          batch_(batch),
          weights_(space_.impl().weightParameters(),
                   torch::optim::AdamOptions(options.learningRate)) {}

    void operator()(PhaseClock& clock) {
        SpaceImpl& s = space_.impl();
        weights_.zero_grad();
        const auto outputs = runSearchable(s, {batch_.input}, s.stepMasks(), true);
        torch::Tensor loss = lossOf(outputs.at(0), batch_);
        clock.mark(kForward);
        loss.backward();
        clock.mark(kBackward);
        weights_.step();
        clock.mark(kOptimizer);
    }

private:
    Space space_;
    const Batch& batch_;
    torch::optim::Adam weights_;
};

std::vector<Dimension> searchDimensions(bool precision) {
    std::vector<Dimension> dims{Dimension{"channels"}, Dimension{"kernels"},
                                Dimension{"dilations"}};
    if (precision) dims.emplace_back("precision");
    return dims;
}

// Channels, kernels and dilations (and precision) plus cost terms (macs, or more), step for step
// as the trainer's search phase does it (engine/search/trainer.cpp).
class SearchStep {
public:
    SearchStep(const Graph& seed, const Batch& batch, const SearchOptions& options,
               const std::vector<std::string>& extraCosts = {}, bool precision = false)
        : space_(seed, searchDimensions(precision)),
          batch_(batch),
          strength_(options.strength),
          cost_(space_.impl(), "macs"),
          weights_(space_.impl().weightParameters(),
                   torch::optim::AdamOptions(options.learningRate)),
          architecture_(space_.impl().architectureParameters(),
                        torch::optim::AdamOptions(options.architectureRate)) {
        SpaceImpl& s = space_.impl();
        if (s.architectureParameters().empty())
            throw std::runtime_error("the searchable network has no architecture parameters");
        for (const std::string& c : extraCosts) extra_.emplace_back(s, c, kDefaultTarget);
        torch::NoGradGuard noGrad;
        const StepMasks masks = s.stepMasks();
        seedCost_ = std::max(1.0, cost_.evaluate(masks).item<double>());
        for (const CostModel& m : extra_)
            extraSeed_.push_back(std::max(1e-9, m.evaluate(masks).item<double>()));
    }

    void operator()(PhaseClock& clock) {
        SpaceImpl& s = space_.impl();
        weights_.zero_grad();
        architecture_.zero_grad();
        const StepMasks masks = s.stepMasks();
        const auto outputs = runSearchable(s, {batch_.input}, masks, true);
        torch::Tensor loss = lossOf(outputs.at(0), batch_);
        taskLoss_ = loss.item<double>();  // the trainer reports both terms
        torch::Tensor costTerm = strength_ * cost_.evaluate(masks) / seedCost_;
        for (size_t i = 0; i < extra_.size(); ++i)
            costTerm = costTerm + strength_ * extra_[i].objective(masks) / extraSeed_[i];
        costTerm_ = costTerm.item<double>();
        loss = loss + costTerm.to(torch::kFloat32);
        clock.mark(kForward);
        loss.backward();
        clock.mark(kBackward);
        weights_.step();
        architecture_.step();
        clock.mark(kOptimizer);
    }

private:
    Space space_;
    const Batch& batch_;
    double strength_, seedCost_ = 1.0, taskLoss_ = 0.0, costTerm_ = 0.0;
    CostModel cost_;
    std::vector<CostModel> extra_;
    std::vector<double> extraSeed_;
    torch::optim::Adam weights_, architecture_;
};

std::string runCommand(const std::string& command) {
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run: " + command);
    std::string output;
    char buffer[4096];
    for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, n);
    const int status = pclose(pipe);
    if (status != 0)
        throw std::runtime_error("'" + command + "' failed (status " + std::to_string(status) +
                                 ")");
    return output;
}

void timePython(const std::string& model, int64_t expectedParams, const Options& o,
                MachineInfo& machine, Samples& samples) {
    const std::string command = "'" + o.python + "' '" + o.script + "' --model " + model +
                                " --steps " + std::to_string(o.steps) + " --warmup " +
                                std::to_string(o.warmup) + " --batch " + std::to_string(o.batch) +
                                " --threads " + std::to_string(o.threads);
    const nlohmann::json j = nlohmann::json::parse(runCommand(command));
    const auto params = j.at("params").get<int64_t>();
    if (params != expectedParams)
        throw std::runtime_error("the Python " + model + " has " + std::to_string(params) +
                                 " parameters, the engine's " + std::to_string(expectedParams) +
                                 ": bench/python_step.py no longer mirrors the zoo model");
    machine.pythonTorchVersion = j.at("torch_version").get<std::string>();
    machine.mkldnnPython =
        j.at("mkldnn_available").get<bool>() && j.at("mkldnn_enabled").get<bool>();
    const auto append = [](std::vector<double>& to, const nlohmann::json& from) {
        const auto values = from.get<std::vector<double>>();
        to.insert(to.end(), values.begin(), values.end());
    };
    append(samples.total, j.at("samples_ms"));
    samples.minorFaults += j.at("minor_faults").get<double>();
    for (size_t p = 0; p < 3; ++p)
        append(samples.phases[p], j.at("phase_samples_ms").at(kPhaseNames[p]));
}

// Rounds alternate the three configurations, so that a burst of load on a shared machine
// falls on all of them alike.
ModelResult measureModel(const std::string& name, const Options& o, MachineInfo& machine) {
    ZooEntry entry;
    for (const ZooEntry& e : zooModels())
        if (e.name == name) entry = e;
    const Graph seed = zooModel(name);
    torch::manual_seed(1);
    const Batch batch = makeBatch(seed, entry, o.batch);
    ModelResult r;
    r.name = name;
    r.params = measure(seed).count("params");
    PlainStep plain(seed, batch, o.search);
    SearchStep search(seed, batch, o.search);
    SearchStep deviceSearch(seed, batch, o.search, {"peak_ram", "latency_ms"});
    PlainStep quantised(seed, batch, o.search, {Dimension{"precision"}});
    SearchStep precisionSearch(seed, batch, o.search, {}, true);
    Samples plainSamples, searchSamples, deviceSamples, quantisedSamples, precisionSamples,
        pythonSamples;
    for (int round = 0; round < o.rounds; ++round) {
        std::cerr << name << " round " << round + 1 << "/" << o.rounds << ": engine plain"
                  << std::flush;
        timeSteps(o, std::ref(plain), plainSamples);
        std::cerr << ", engine search" << std::flush;
        timeSteps(o, std::ref(search), searchSamples);
        std::cerr << ", engine search with device costs" << std::flush;
        timeSteps(o, std::ref(deviceSearch), deviceSamples);
        std::cerr << ", engine plain 8-bit weights" << std::flush;
        timeSteps(o, std::ref(quantised), quantisedSamples);
        std::cerr << ", engine search with precision" << std::flush;
        timeSteps(o, std::ref(precisionSearch), precisionSamples);
        if (o.runPython) {
            std::cerr << ", Python plain" << std::flush;
            timePython(name, r.params, o, machine, pythonSamples);
        }
        r.loadPerRound.push_back(loadAverage());
        std::cerr << " (load " << r.loadPerRound.back() << ")\n";
    }
    r.plain = plainSamples.summary();
    r.search = searchSamples.summary();
    r.deviceSearch = deviceSamples.summary();
    r.quantised = quantisedSamples.summary();
    r.precisionSearch = precisionSamples.summary();
    r.hasPython = o.runPython;
    if (r.hasPython) r.python = pythonSamples.summary();
    std::cerr << name << ": plain " << r.plain.step.median << " ms, search " << r.search.step.median
              << " ms"
              << (r.hasPython ? ", Python " + std::to_string(r.python.step.median) + " ms" : "")
              << "\n";
    return r;
}

std::string sourceRevision() {
    try {
        std::string text =
            runCommand("git -C '" SECATEUR_BENCH_DIR "' describe --always --dirty 2>/dev/null");
        while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
        return text.empty() ? "unknown" : text;
    } catch (const std::exception&) {
        return "unknown";
    }
}

int run(const Options& o) {
    torch::set_num_threads(o.threads);
    MachineInfo machine = describeMachine();
    machine.threads = torch::get_num_threads();
    machine.interopThreads = at::get_num_interop_threads();
    machine.torchVersion = TORCH_VERSION;
    machine.mkldnnCpp = at::hasMKLDNN() && at::globalContext().userEnabledMkldnn();
    machine.batch = o.batch;
    machine.steps = o.steps * o.rounds;
    machine.rounds = o.rounds;
    machine.warmup = o.warmup;
    machine.strength = o.search.strength;
    machine.revision = o.revision.empty() ? sourceRevision() : o.revision;
    machine.loadBefore = loadAverage();

    std::vector<ModelResult> results;
    for (const std::string& name : o.models) results.push_back(measureModel(name, o, machine));
    machine.loadAfter = loadAverage();
    writeFileAtomically(o.out, toJson(results, machine).dump(2) + "\n");
    if (!o.markdown.empty()) updateMarkdown(o.markdown, results, machine);
    std::cerr << "wrote " << o.out << (o.markdown.empty() ? "" : " and " + o.markdown) << "\n";
    return 0;
}

}  // namespace
}  // namespace secateur::bench

int main(int argc, char** argv) {
    try {
        secateur::keepFreedMemoryForReuse();  // as runSearch does, so the steps match the trainer's
        return secateur::bench::run(secateur::bench::parse(argc, argv));
    } catch (const std::exception& e) {
        std::cerr << "secateur-bench: " << e.what() << "\n";
        return 1;
    }
}
