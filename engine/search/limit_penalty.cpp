#include "engine/search/limit_penalty.h"

#include <cmath>
#include <iomanip>
#include <set>
#include <sstream>

#include "engine/util/error.h"

namespace secateur {
namespace {

constexpr float kClosed = -10.0F;
// How fast a multiplier grows: by this much per epoch spent 100 % over its limit. About the
// strength of a typical cost term (0.1), so a limit outweighs the task's gradient on the weak
// channels first; much faster and every channel is pushed down at once (the search collapses).
constexpr double kMultiplierRate = 0.1;

std::vector<CostModel> modelsFor(const SpaceImpl& space, const std::vector<Limit>& limits,
                                 const Target& target) {
    std::vector<CostModel> models;
    for (const Limit& l : limits) models.emplace_back(space, costDef(l.cost), target);
    return models;
}

std::vector<LimitStatus> statusAt(const std::vector<Limit>& limits,
                                  const std::vector<CostModel>& models, const StepMasks& masks) {
    torch::NoGradGuard noGrad;
    CostValues values;
    for (size_t i = 0; i < limits.size(); ++i)
        values[limits[i].cost] = models[i].evaluate(masks).item<double>();
    return limitStatus(limits, values);
}

std::string formatValue(double value, const CostInfo& info) {
    std::ostringstream text;
    if (info.exact)
        text << std::llround(value);
    else
        text << value;
    text << " " << info.unit << (info.exact && std::llround(value) != 1 ? "s" : "");
    return text.str();
}

// The kept entry of `logits` (where `kept`) with the lowest logit, not in `skip`; -1 when none.
int64_t weakest(const torch::Tensor& logits, const std::vector<bool>& kept,
                const std::set<int64_t>& skip) {
    const torch::Tensor l = logits.detach().contiguous();
    const float* values = l.data_ptr<float>();
    int64_t best = -1;
    for (int64_t i = 0; i < l.numel(); ++i)
        if (kept[static_cast<size_t>(i)] && !skip.count(i) &&
            (best < 0 || values[i] < values[best]))
            best = i;
    return best;
}

}  // namespace

LimitPenalty::LimitPenalty(const SpaceImpl& space, const std::vector<Limit>& limits,
                           const Target& target, int64_t stepsPerEpoch)
    : limits_(limits),
      models_(modelsFor(space, limits, target)),
      multipliers_(torch::zeros({static_cast<int64_t>(limits.size())}, torch::kFloat64)),
      rate_(kMultiplierRate / static_cast<double>(std::max<int64_t>(stepsPerEpoch, 1))) {}

torch::Tensor LimitPenalty::step(const StepMasks& masks) {
    torch::Tensor total = torch::zeros({}, torch::kFloat64);
    auto* m = multipliers_.data_ptr<double>();
    for (size_t i = 0; i < limits_.size(); ++i) {
        const auto [objective, value] = models_[i].objectiveAndValue(masks);
        total = total + m[i] * torch::relu(objective / limits_[i].value - 1.0);
        const double hard = value / limits_[i].value - 1.0;
        m[i] = std::max(0.0, m[i] + rate_ * hard);
    }
    return total;
}

std::vector<LimitStatus> LimitPenalty::status(const StepMasks& masks) const {
    return statusAt(limits_, models_, masks);
}

void checkLimitsReachable(const Graph& seed, const std::vector<Dimension>& dimensions,
                          const std::vector<Limit>& limits, const Target& target,
                          const Registry<DimensionDef>* registry) {
    if (limits.empty()) return;
    Space smallest(seed, dimensions, registry);
    smallest.keepSmallest();
    const std::vector<CostModel> models = modelsFor(smallest.impl(), limits, target);
    for (const LimitStatus& s : statusAt(limits, models, smallest.impl().stepMasks())) {
        if (s.met) continue;
        const CostInfo& info = costInfo(s.cost);
        std::ostringstream percent;
        const double over = 100.0 * (s.value / s.limit - 1.0);
        percent << std::fixed << std::setprecision(over < 10.0 ? 1 : 0) << over;
        throw Error("limit " + s.cost + " <= " + formatValue(s.limit, info) + " on " + target.name +
                    " cannot be met: the smallest network this search can reach " +
                    "(one channel per group, smallest kernels) needs " +
                    formatValue(s.value, info) + ", " + percent.str() +
                    " % over; raise the limit, search more dimensions or start from a smaller "
                    "seed");
    }
}

Repair repairToLimits(SpaceImpl& space, const std::vector<Limit>& limits, const Target& target) {
    Repair repair;
    if (limits.empty()) return repair;
    const std::vector<CostModel> models = modelsFor(space, limits, target);
    // How far outside the limits the hard decisions are, summed over the limits (0: all met).
    const auto excess = [&] {
        double total = 0.0;
        for (const LimitStatus& s : statusAt(limits, models, space.stepMasks()))
            total += std::max(0.0, s.value / s.limit - 1.0);
        return total;
    };
    double current = excess();
    if (current <= 0.0) return repair;
    repair.ran = true;
    torch::NoGradGuard noGrad;
    // Closes open entries of `logits`, weakest first, keeping only closures that bring the network
    // closer to the limits (a channel outside the step that sets a peak does not help) and
    // restoring the others. Passes repeat while one helps, as a closure can move the peak; when a
    // pass finds none (two steps tie for the peak), the weakest entry closes anyway.
    const auto close = [&](torch::Tensor& logits, const auto& open, int& count) {
        std::set<int64_t> held;  // entries the keep-one rule keeps open
        const auto tryClose = [&](int64_t i, bool onlyIfHelps) {
            const float before = logits[i].item<float>();
            logits[i].fill_(std::min(kClosed, before));
            if (open()[static_cast<size_t>(i)]) held.insert(i);
            const double after = excess();
            if (held.count(i) || (onlyIfHelps && after >= current)) {
                logits[i].fill_(before);
                return false;
            }
            ++count;
            current = after;
            return true;
        };
        while (current > 0.0) {
            bool helped = false;
            std::set<int64_t> tried = held;
            for (int64_t i = weakest(logits, open(), tried); i >= 0 && current > 0.0;
                 i = weakest(logits, open(), tried)) {
                tried.insert(i);
                helped = tryClose(i, true) || helped;
            }
            if (helped || current <= 0.0) continue;
            bool closed = false;
            for (int64_t i = weakest(logits, open(), held); i >= 0 && !closed;
                 i = weakest(logits, open(), held))
                closed = tryClose(i, false);
            if (!closed) return;  // nothing left to close
        }
    };
    for (const auto& state : space.states) {
        if (current <= 0.0) break;
        if (auto closable = state->closable(space))
            close(closable->logits, closable->open, repair.closed[state->name()]);
    }
    return repair;
}

}  // namespace secateur
