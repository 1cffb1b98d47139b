#include <chrono>
#include <filesystem>
#include <thread>

#include "engine/cost/cost_model.h"
#include "engine/exec/executor.h"
#include "engine/exec/run_graph.h"
#include "engine/export/prune.h"
#include "engine/graph/error.h"
#include "engine/search/allocator.h"
#include "engine/search/checkpoint.h"
#include "engine/search/search.h"
#include "engine/search/task_data.h"

namespace secateur {
namespace {

using Clock = std::chrono::steady_clock;

std::vector<torch::Tensor> rows(const std::vector<torch::Tensor>& all, const torch::Tensor& index) {
    std::vector<torch::Tensor> out;
    for (const auto& t : all) out.push_back(t.index_select(0, index));
    return out;
}

torch::Tensor taskLoss(const std::vector<torch::Tensor>& outputs,
                       const std::vector<torch::Tensor>& targets,
                       const std::vector<LossKind>& losses) {
    torch::Tensor loss = torch::zeros({});
    for (size_t i = 0; i < outputs.size(); ++i)
        loss = loss + (losses[i] == LossKind::CrossEntropy
                           ? torch::cross_entropy_loss(outputs[i], targets[i])
                           : torch::mse_loss(outputs[i], targets[i]));
    return loss;
}

// Loss and (for classification outputs) accuracy of `outputs` over a whole split.
std::map<std::string, double> evaluate(const std::vector<torch::Tensor>& outputs,
                                       const Split& split, const std::vector<LossKind>& losses) {
    std::map<std::string, double> metrics{
        {"val_loss", taskLoss(outputs, split.targets, losses).item<double>()}};
    for (size_t i = 0; i < outputs.size(); ++i) {
        if (losses[i] != LossKind::CrossEntropy) continue;
        const std::string key =
            outputs.size() == 1 ? "val_accuracy" : "val_accuracy_" + std::to_string(i);
        metrics[key] =
            outputs[i].argmax(1).eq(split.targets[i]).to(torch::kFloat64).mean().item<double>();
    }
    return metrics;
}

class Trainer {
public:
    Trainer(const Graph& seed, const Task& task, const SearchOptions& options,
            SearchObserver* observer, SearchControl* control)
        : options_(options),
          task_(task),
          observer_(observer),
          control_(control),
          space_(seed, options.dimensions, options.seed),
          cost_(space_.impl(), options.cost) {
        for (const std::string& name : costNames()) reported_.emplace_back(space_.impl(), name);
        torch::NoGradGuard noGrad;
        seedCost_ = std::max(1.0, cost_.evaluate(space_.impl().stepMasks()).item<double>());
        stepsPerEpoch_ = std::max<int64_t>(1, task.info().trainSize / options.batchSize);
        weights_ = std::make_unique<torch::optim::Adam>(
            space_.impl().weightParameters(), torch::optim::AdamOptions(options.learningRate));
        const auto arch = space_.impl().architectureParameters();
        if (!arch.empty())
            architecture_ = std::make_unique<torch::optim::Adam>(
                arch, torch::optim::AdamOptions(options.architectureRate));
    }

    SearchResult run() {
        const std::vector<std::pair<std::string, int>> phases{
            {"warmup", options_.warmupEpochs},
            {"search", options_.searchEpochs},
            {"finetune", options_.finetuneEpochs}};
        totalSteps_ = stepsPerEpoch_ *
                      (options_.warmupEpochs + options_.searchEpochs + options_.finetuneEpochs);
        TrainerPosition start;
        if (options_.resume && !options_.checkpoint.empty() &&
            std::filesystem::exists(options_.checkpoint)) {
            start =
                loadCheckpoint(options_.checkpoint, space_.impl(), *weights_, architecture_.get());
            step_ = start.step;
            seedMetrics_ = start.seedMetrics;
        }
        bool cancelled = false;
        for (int64_t p = start.phase; p < 3 && !cancelled; ++p) {
            const auto& [phase, epochs] = phases[static_cast<size_t>(p)];
            for (int64_t e = p == start.phase ? start.epoch : 0; e < epochs && !cancelled; ++e) {
                const bool resumeHere =
                    p == start.phase && e == start.epoch && start.order.defined();
                TrainerPosition at{p,
                                   e,
                                   resumeHere ? start.batch : 0,
                                   step_,
                                   resumeHere
                                       ? start.order
                                       : torch::randperm(task_.info().trainSize, torch::kLong),
                                   seedMetrics_};
                cancelled = !runEpoch(phase, at, epochs);
                if (!cancelled) writeCheckpoint({p, e + 1, 0, step_, {}, seedMetrics_});
            }
        }
        SearchResult result;
        result.cancelled = cancelled;
        result.seedMetrics = seedMetrics_;
        result.decisions = space_.decisions();
        result.exported = exportPruned(space_);
        result.measured = measure(result.exported);
        const Split& val = task_.data().validation;
        result.metrics = evaluate(runGraph(result.exported, val.inputs), val, task_.info().losses);
        Snapshot last = snapshot("done", 0, 0);
        last.metrics = result.metrics;
        if (observer_) observer_->onEpoch(last);
        return result;
    }

private:
    void writeCheckpoint(const TrainerPosition& position) {
        if (!options_.checkpoint.empty())
            saveCheckpoint(options_.checkpoint, space_.impl(), *weights_, architecture_.get(),
                           position);
    }

    // Runs the epoch from `at.batch` on; returns false (after writing a checkpoint) when cancelled.
    bool runEpoch(const std::string& phase, TrainerPosition at, int epochs) {
        const Split& train = task_.data().train;
        const bool searching = phase == "search" && architecture_;
        const int epoch = static_cast<int>(at.epoch);
        for (int64_t b = at.batch; b < stepsPerEpoch_; ++b) {
            while (control_ && control_->pause && !control_->cancel)
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            if (control_ && control_->cancel) {
                at.batch = b;
                at.step = step_;
                writeCheckpoint(at);
                return false;
            }
            const torch::Tensor index =
                at.order.slice(0, b * options_.batchSize, (b + 1) * options_.batchSize);
            SpaceImpl& s = space_.impl();
            weights_->zero_grad();
            if (architecture_) architecture_->zero_grad();
            const StepMasks masks = s.stepMasks();
            const auto outputs = runSearchable(s, rows(train.inputs, index), masks, true);
            torch::Tensor loss = taskLoss(outputs, rows(train.targets, index), task_.info().losses);
            lastTaskLoss_ = loss.item<double>();
            lastCostTerm_ = 0.0;
            if (searching) {
                const torch::Tensor costTerm =
                    options_.strength * cost_.evaluate(masks) / seedCost_;
                lastCostTerm_ = costTerm.item<double>();
                loss = loss + costTerm.to(torch::kFloat32);
            }
            loss.backward();
            weights_->step();
            if (searching) architecture_->step();
            ++step_;
            publishStep(phase, epoch, epochs);
        }
        Snapshot s = snapshot(phase, epoch, epochs);
        const Split& val = task_.data().validation;
        {
            torch::NoGradGuard noGrad;
            const auto outputs =
                runSearchable(space_.impl(), val.inputs, space_.impl().stepMasks(), false);
            s.metrics = evaluate(outputs, val, task_.info().losses);
        }
        if (phase == "warmup" && epoch + 1 == epochs) seedMetrics_ = s.metrics;
        if (observer_) observer_->onEpoch(s);
        return true;
    }

    void publishStep(const std::string& phase, int epoch, int epochs) {
        if (!observer_) return;
        const auto now = Clock::now();
        if (std::chrono::duration<double>(now - lastSnapshot_).count() < options_.snapshotInterval)
            return;
        lastSnapshot_ = now;
        observer_->onStep(snapshot(phase, epoch, epochs));
    }

    Snapshot snapshot(const std::string& phase, int epoch, int epochs) const {
        Snapshot s;
        s.phase = phase;
        s.epoch = epoch;
        s.epochsInPhase = epochs;
        s.step = step_;
        s.stepsPerEpoch = stepsPerEpoch_;
        s.totalSteps = totalSteps_;
        s.taskLoss = lastTaskLoss_;
        s.costTerm = lastCostTerm_;
        torch::NoGradGuard noGrad;
        const StepMasks masks = space_.impl().stepMasks();
        std::map<std::string, torch::Tensor> perNode;
        for (const CostModel& model : reported_) {
            perNode[model.name()] = model.perNode(masks);
            s.costs[model.name()] = perNode[model.name()].sum().item<double>();
        }
        const auto params = perNode.at("params"), macs = perNode.at("macs");
        const auto* p = params.data_ptr<double>();
        const auto* m = macs.data_ptr<double>();
        const auto& nodes = space_.seed().nodes();
        for (size_t n = 0; n < nodes.size(); ++n) {
            if (p[n] == 0.0 && m[n] == 0.0) continue;
            s.layerCosts.push_back(
                {nodes[n].name, nodes[n].op, std::llround(p[n]), std::llround(m[n])});
        }
        s.decisions = space_.decisions();
        return s;
    }

    SearchOptions options_;
    const Task& task_;
    SearchObserver* observer_;
    SearchControl* control_;
    Space space_;
    CostModel cost_;
    std::vector<CostModel> reported_;  // every cost, for snapshots
    double seedCost_ = 1.0;
    int64_t stepsPerEpoch_ = 1, totalSteps_ = 0, step_ = 0;
    double lastTaskLoss_ = 0.0, lastCostTerm_ = 0.0;
    std::map<std::string, double> seedMetrics_;
    std::unique_ptr<torch::optim::Adam> weights_, architecture_;
    Clock::time_point lastSnapshot_{};
};

}  // namespace

SearchResult runSearch(const Graph& seed, const Task& task, const SearchOptions& options,
                       SearchObserver* observer, SearchControl* control) {
    checkCostName(options.cost);
    if (options.batchSize < 1) throw Error("batch size must be at least 1");
    if (options.threads > 0) torch::set_num_threads(options.threads);
    keepFreedMemoryForReuse();
    torch::manual_seed(options.seed);
    Trainer trainer(seed, task, options, observer, control);
    return trainer.run();
}

}  // namespace secateur
