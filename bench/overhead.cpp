// secateur-bench: the cost of one training step of the searchable network against the plain
// network in the engine and against the same network in eager Python PyTorch.
//
//   secateur-bench --out bench/results/overhead.json --markdown BENCHMARKS.md
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
#include "engine/space/space_impl.h"
#include "engine/zoo/zoo.h"

namespace secateur::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct Options {
    std::string out = "bench/results/overhead.json";
    std::string markdown;
    std::vector<std::string> models{"ds_cnn", "resnet8", "temponet"};
    int64_t steps = 30, warmup = 5, batch = 32;
    int threads = 2;
    double strength = 1.0;  // SearchOptions' default
    std::string python = SECATEUR_BENCH_PYTHON;
    std::string script = SECATEUR_BENCH_DIR "/python_step.py";
    bool runPython = true;
};

const char* kUsage =
    "usage: secateur-bench [--out FILE.json] [--markdown FILE.md] [--models a,b,c]\n"
    "                      [--steps N] [--warmup N] [--batch N] [--threads N] [--strength X]\n"
    "                      [--python PATH] [--script PATH] [--no-python]\n";

std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> items;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty()) items.push_back(item);
    return items;
}

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
        if (arg == "--out") o.out = value;
        else if (arg == "--markdown") o.markdown = value;
        else if (arg == "--models") o.models = splitList(value);
        else if (arg == "--steps") o.steps = std::stoll(value);
        else if (arg == "--warmup") o.warmup = std::stoll(value);
        else if (arg == "--batch") o.batch = std::stoll(value);
        else if (arg == "--threads") o.threads = std::stoi(value);
        else if (arg == "--strength") o.strength = std::stod(value);
        else if (arg == "--python") o.python = value;
        else if (arg == "--script") o.script = value;
        else throw std::runtime_error("unknown option " + arg + "\n" + kUsage);
    }
    if (o.steps < 20) throw std::runtime_error("--steps must be at least 20");
    if (o.batch < 1 || o.threads < 1 || o.warmup < 0) throw std::runtime_error(kUsage);
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

StepTiming timeSteps(const Options& o, const std::function<void(PhaseClock&)>& step) {
    for (int64_t i = 0; i < o.warmup; ++i) {
        PhaseClock ignored;
        step(ignored);
    }
    std::vector<double> total, phases[3];
    for (int64_t i = 0; i < o.steps; ++i) {
        const auto start = Clock::now();
        PhaseClock clock;
        step(clock);
        total.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        for (size_t p = 0; p < 3; ++p) phases[p].push_back(clock.elapsed().at(p));
    }
    StepTiming t;
    t.step = summarize(total);
    t.phasesMs = {{"forward", summarize(phases[kForward]).median},
                  {"backward", summarize(phases[kBackward]).median},
                  {"optimizer", summarize(phases[kOptimizer]).median}};
    return t;
}

// The seed with no search dimension: no masks, Adam over the weights.
StepTiming timePlain(const Graph& seed, const Batch& batch, const Options& o) {
    Space space(seed, {});
    SpaceImpl& s = space.impl();
    torch::optim::Adam weights(s.weightParameters(), torch::optim::AdamOptions(1e-3));
    return timeSteps(o, [&](PhaseClock& clock) {
        weights.zero_grad();
        const auto outputs = runSearchable(s, {batch.input}, s.channelMask(), true);
        torch::Tensor loss = lossOf(outputs.at(0), batch);
        clock.mark(kForward);
        loss.backward();
        clock.mark(kBackward);
        weights.step();
        clock.mark(kOptimizer);
    });
}

// Channels, kernels and dilations plus the macs cost term, step for step as the trainer's
// search phase does it (engine/search/trainer.cpp).
StepTiming timeSearch(const Graph& seed, const Batch& batch, const Options& o) {
    Space space(seed, {Channels{}, Kernels{}, Dilations{}});
    SpaceImpl& s = space.impl();
    const CostModel cost(s, "macs");
    double seedCost = 1.0;
    {
        torch::NoGradGuard noGrad;
        seedCost = std::max(1.0, cost.evaluate(s, s.channelMask()).item<double>());
    }
    torch::optim::Adam weights(s.weightParameters(), torch::optim::AdamOptions(1e-3));
    const auto arch = s.architectureParameters();
    if (arch.empty()) throw std::runtime_error("the searchable network has no architecture parameters");
    torch::optim::Adam architecture(arch, torch::optim::AdamOptions(5e-2));
    return timeSteps(o, [&](PhaseClock& clock) {
        weights.zero_grad();
        architecture.zero_grad();
        const torch::Tensor mask = s.channelMask();
        const auto outputs = runSearchable(s, {batch.input}, mask, true);
        torch::Tensor loss = lossOf(outputs.at(0), batch);
        volatile double taskLoss = loss.item<double>();  // the trainer reports both
        const torch::Tensor costTerm = o.strength * cost.evaluate(s, mask) / seedCost;
        volatile double costValue = costTerm.item<double>();
        (void)taskLoss;
        (void)costValue;
        loss = loss + costTerm.to(torch::kFloat32);
        clock.mark(kForward);
        loss.backward();
        clock.mark(kBackward);
        weights.step();
        architecture.step();
        clock.mark(kOptimizer);
    });
}

std::string runCommand(const std::string& command) {
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run: " + command);
    std::string output;
    char buffer[4096];
    for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, n);
    const int status = pclose(pipe);
    if (status != 0) throw std::runtime_error("'" + command + "' failed (status " + std::to_string(status) + ")");
    return output;
}

StepTiming timePython(const std::string& model, int64_t expectedParams, const Options& o,
                      MachineInfo& machine) {
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
    machine.mkldnnPython = j.at("mkldnn_available").get<bool>() && j.at("mkldnn_enabled").get<bool>();
    StepTiming t;
    t.step = summarize(j.at("samples_ms").get<std::vector<double>>());
    t.phasesMs = j.at("phases_ms").get<std::map<std::string, double>>();
    return t;
}

int run(const Options& o) {
    torch::set_num_threads(o.threads);
    MachineInfo machine = describeMachine();
    machine.threads = torch::get_num_threads();
    machine.interopThreads = at::get_num_interop_threads();
    machine.torchVersion = TORCH_VERSION;
    machine.mkldnnCpp = at::hasMKLDNN() && at::globalContext().userEnabledMkldnn();
    machine.batch = o.batch;
    machine.steps = o.steps;
    machine.warmup = o.warmup;
    machine.strength = o.strength;
    machine.loadBefore = loadAverage();

    std::vector<ModelResult> results;
    for (const std::string& name : o.models) {
        ZooEntry entry;
        for (const ZooEntry& e : zooModels())
            if (e.name == name) entry = e;
        const Graph seed = zooModel(name);
        torch::manual_seed(1);
        const Batch batch = makeBatch(seed, entry, o.batch);
        ModelResult r;
        r.name = name;
        r.params = measure(seed).params;
        std::cerr << name << ": engine plain..." << std::flush;
        r.plain = timePlain(seed, batch, o);
        std::cerr << " " << r.plain.step.median << " ms; engine search..." << std::flush;
        r.search = timeSearch(seed, batch, o);
        std::cerr << " " << r.search.step.median << " ms";
        if (o.runPython) {
            std::cerr << "; Python plain..." << std::flush;
            r.python = timePython(name, r.params, o, machine);
            r.hasPython = true;
            std::cerr << " " << r.python.step.median << " ms";
        }
        std::cerr << " (load " << loadAverage() << ")\n";
        results.push_back(r);
    }
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
        return secateur::bench::run(secateur::bench::parse(argc, argv));
    } catch (const std::exception& e) {
        std::cerr << "secateur-bench: " << e.what() << "\n";
        return 1;
    }
}
