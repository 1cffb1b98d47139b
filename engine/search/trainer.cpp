#include <chrono>
#include <cmath>
#include <filesystem>
#include <optional>
#include <thread>

#include "engine/cost/cost_model.h"
#include "engine/exec/executor.h"
#include "engine/exec/run_graph.h"
#include "engine/export/prune.h"
#include "engine/plan/plan.h"
#include "engine/search/allocator.h"
#include "engine/search/checkpoint.h"
#include "engine/search/evaluate.h"
#include "engine/search/limit_penalty.h"
#include "engine/search/metrics.h"
#include "engine/search/search.h"
#include "engine/search/task_data.h"
#include "engine/util/error.h"

namespace secateur {
namespace {

using Clock = std::chrono::steady_clock;

class Trainer {
public:
    Trainer(const Graph& seed, const Task& task, const SearchOptions& options,
            SearchObserver* observer, SearchControl* control)
        : options_(options),
          task_(task),
          observer_(observer),
          control_(control),
          space_(seed, options.dimensions, options.dimensionRegistry),
          cost_(space_.impl(), options.cost, options.target) {
        for (const auto& def : builtinCosts().all())
            reported_.emplace_back(space_.impl(), *def, target(options.target));
        for (const PlanStep& step : planExecution(space_.seed()).steps)
            liveSteps_.push_back(space_.seed().nodes()[static_cast<size_t>(step.node)].name);
        torch::NoGradGuard noGrad;
        seedCost_ = std::max(1.0, cost_.evaluate(space_.impl().stepMasks()).item<double>());
        const int64_t trainSize = task.data().train->size();
        samplesPerEpoch_ =
            options.maxTrainSamples > 0 ? std::min(trainSize, options.maxTrainSamples) : trainSize;
        stepsPerEpoch_ = std::max<int64_t>(1, samplesPerEpoch_ / options.batchSize);
        penalty_.emplace(space_.impl(), options.limits, target(options.target), stepsPerEpoch_);
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
            repair_ = start.repair;
            if (start.limitMultipliers.defined()) penalty_->setMultipliers(start.limitMultipliers);
        }
        bool cancelled = false;
        for (int64_t p = start.phase; p < 3 && !cancelled; ++p) {
            const auto& [phase, epochs] = phases[static_cast<size_t>(p)];
            for (int64_t e = p == start.phase ? start.epoch : 0; e < epochs && !cancelled; ++e) {
                const bool resumeHere =
                    p == start.phase && e == start.epoch && start.order.defined();
                TrainerPosition at = position(
                    p, e, resumeHere ? start.batch : 0,
                    resumeHere ? start.order
                               : torch::randperm(task_.data().train->size(), torch::kLong));
                cancelled = !runEpoch(phase, at, epochs);
                if (!cancelled) writeCheckpoint(position(p, e + 1, 0, {}));
            }
            if (p == 1 && !cancelled) repairToMeetLimits();
        }
        // A stopped search exports what it has, repaired to the limits (not fine-tuned); the
        // checkpoint written at the stop keeps the unrepaired state, so a resume goes on as before.
        if (cancelled && !allMet(penalty_->status(space_.impl().stepMasks()))) repairToMeetLimits();
        SearchResult result;
        result.cancelled = cancelled;
        result.seedMetrics = seedMetrics_;
        result.decisions = space_.decisions();
        result.exported = exportPruned(space_);
        result.measured = measure(result.exported, options_.target);
        result.limits = limitStatus(options_.limits, result.measured.totals);
        result.repair = repair_;
        const Forward plain = [&](const std::vector<torch::Tensor>& x) {
            return runGraph(result.exported, x);
        };
        const Evaluation validation =
            evaluate(plain, *task_.data().validation, task_.info(), options_.maxEvalSamples);
        result.metrics = prefixed(validation.metrics, "val_");
        result.validationConfusion = validation.confusion;
        if (task_.data().test && !cancelled) {
            const Evaluation test =
                evaluate(plain, *task_.data().test, task_.info(), options_.maxEvalSamples);
            result.testMetrics = test.metrics;
            result.testConfusion = test.confusion;
        }
        Snapshot last = snapshot("done", 0, 0);
        last.metrics = result.metrics;
        if (observer_) observer_->onEpoch(last);
        return result;
    }

private:
    TrainerPosition position(int64_t phase, int64_t epoch, int64_t batch,
                             torch::Tensor order) const {
        TrainerPosition at{phase, epoch, batch, step_, std::move(order), seedMetrics_, {}, repair_};
        if (!penalty_->empty()) at.limitMultipliers = penalty_->multipliers();
        return at;
    }

    // After the search: the export must meet every limit (docs/limits.md).
    void repairToMeetLimits() {
        if (options_.limits.empty()) return;
        repair_ = repairToLimits(space_.impl(), options_.limits, target(options_.target));
        for (const LimitStatus& s : penalty_->status(space_.impl().stepMasks()))
            if (!s.met)
                throw Error("the repair could not bring " + s.cost + " to its limit " +
                            std::to_string(s.limit) + " (" + std::to_string(s.value) + ")");
    }

    void writeCheckpoint(const TrainerPosition& position) {
        if (!options_.checkpoint.empty())
            saveCheckpoint(options_.checkpoint, space_.impl(), *weights_, architecture_.get(),
                           position);
    }

    // Runs the epoch from `at.batch` on; returns false (after writing a checkpoint) when cancelled.
    bool runEpoch(const std::string& phase, TrainerPosition at, int epochs) {
        const BatchSource& train = *task_.data().train;
        const bool searching = phase == "search" && architecture_;
        const int epoch = static_cast<int>(at.epoch);
        for (int64_t b = at.batch; b < stepsPerEpoch_; ++b) {
            if (control_ && control_->pause) {
                control_->holding = true;
                while (control_->pause && !control_->cancel)
                    std::this_thread::sleep_for(std::chrono::milliseconds(20));
                control_->holding = false;
            }
            if (control_ && control_->cancel) {
                writeCheckpoint(position(at.phase, at.epoch, b, at.order));
                return false;
            }
            const torch::Tensor index =
                at.order.slice(0, b * options_.batchSize, (b + 1) * options_.batchSize);
            SpaceImpl& s = space_.impl();
            setLearningRate(phase, epoch, epochs, b);
            weights_->zero_grad();
            if (architecture_) architecture_->zero_grad();
            const StepMasks masks = s.stepMasks();
            const Batch batch = train.rows(index);
            const auto outputs = runSearchable(s, batch.inputs, masks, true);
            torch::Tensor loss = taskLoss(outputs, batch.targets, task_.info());
            lastTaskLoss_ = loss.item<double>();
            lastCostTerm_ = 0.0;
            if (searching) {
                const torch::Tensor costTerm =
                    options_.strength * cost_.objective(masks) / seedCost_;
                lastCostTerm_ = costTerm.item<double>();
                loss = loss + costTerm.to(torch::kFloat32);
                if (!penalty_->empty()) {
                    const torch::Tensor penalty = penalty_->step(masks);
                    lastCostTerm_ += penalty.item<double>();
                    loss = loss + penalty.to(torch::kFloat32);
                }
            }
            loss.backward();
            weights_->step();
            if (searching) architecture_->step();
            ++step_;
            publishStep(phase, epoch, epochs);
        }
        Snapshot s = snapshot(phase, epoch, epochs);
        {
            torch::NoGradGuard noGrad;
            const StepMasks masks = space_.impl().stepMasks();
            const Forward searchable = [&](const std::vector<torch::Tensor>& x) {
                return runSearchable(space_.impl(), x, masks, false);
            };
            s.metrics = prefixed(evaluate(searchable, *task_.data().validation, task_.info(),
                                          options_.maxEvalSamples)
                                     .metrics,
                                 "val_");
        }
        if (phase == "warmup" && epoch + 1 == epochs) seedMetrics_ = s.metrics;
        if (observer_) observer_->onEpoch(s);
        return true;
    }

    // Cosine decay from the configured rate to zero over each phase, when asked for.
    void setLearningRate(const std::string& phase, int epoch, int epochs, int64_t batch) {
        if (!options_.cosineDecay) return;
        const double done =
            (static_cast<double>(epoch) * static_cast<double>(stepsPerEpoch_) +
             static_cast<double>(batch)) /
            (static_cast<double>(std::max(1, epochs)) * static_cast<double>(stepsPerEpoch_));
        const double scale = 0.5 * (1.0 + std::cos(M_PI * done));
        for (auto& group : weights_->param_groups())
            static_cast<torch::optim::AdamOptions&>(group.options())
                .lr(options_.learningRate * scale);
        if (architecture_ && phase == "search")
            for (auto& group : architecture_->param_groups())
                static_cast<torch::optim::AdamOptions&>(group.options())
                    .lr(options_.architectureRate * std::max(scale, 0.1));
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
        s.costInfo = costCatalog();
        s.target = options_.target;
        const auto& nodes = space_.seed().nodes();
        std::vector<LayerCost> layers;
        for (const Node& node : nodes) layers.push_back({node.name, node.op, {}});
        for (const CostModel& model : reported_) {
            const torch::Tensor perNode = model.perNode(masks);  // sums to evaluate()
            s.costs[model.name()] = perNode.sum().item<double>();
            const auto* values = perNode.data_ptr<double>();
            if (model.name() == "peak_ram") {
                const torch::Tensor live = model.groups(masks).contiguous();
                s.liveBytes.assign(live.data_ptr<double>(), live.data_ptr<double>() + live.numel());
                s.liveSteps = liveSteps_;
            }
            for (size_t n = 0; n < nodes.size(); ++n)
                if (values[n] != 0.0) layers[n].costs[model.name()] = values[n];
        }
        for (LayerCost& layer : layers)
            if (!layer.costs.empty()) s.layerCosts.push_back(std::move(layer));
        s.limits = limitStatus(options_.limits, s.costs);
        s.decisions = space_.decisions();
        return s;
    }

    SearchOptions options_;
    const Task& task_;
    SearchObserver* observer_;
    SearchControl* control_;
    Space space_;
    CostModel cost_;
    std::optional<LimitPenalty> penalty_;
    Repair repair_;
    std::vector<CostModel> reported_;     // every cost, for snapshots
    std::vector<std::string> liveSteps_;  // the node each step of the execution plan runs
    double seedCost_ = 1.0;
    int64_t samplesPerEpoch_ = 0, stepsPerEpoch_ = 1, totalSteps_ = 0, step_ = 0;
    double lastTaskLoss_ = 0.0, lastCostTerm_ = 0.0;
    std::map<std::string, double> seedMetrics_;
    std::unique_ptr<torch::optim::Adam> weights_, architecture_;
    Clock::time_point lastSnapshot_{};
};

}  // namespace

void checkSearchable(const Graph& seed, const SearchOptions& options) {
    checkCostName(options.cost);
    checkLimitsReachable(seed, options.dimensions, checkedLimits(options.limits),
                         target(options.target), options.dimensionRegistry);
    if (options.batchSize < 1) throw Error("batch size must be at least 1");
}

SearchResult runSearch(const Graph& seed, const Task& task, const SearchOptions& options,
                       SearchObserver* observer, SearchControl* control) {
    checkSearchable(seed, options);
    SearchOptions checked = options;
    checked.limits = checkedLimits(options.limits);
    if (options.threads > 0) torch::set_num_threads(options.threads);
    keepFreedMemoryForReuse();
    torch::manual_seed(options.seed);
    Trainer trainer(seed, task, checked, observer, control);
    return trainer.run();
}

}  // namespace secateur
