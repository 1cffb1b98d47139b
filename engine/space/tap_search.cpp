// The tap mechanism: nested gates over kernel taps (kernels and dilations add them).
#include "engine/space/space_impl.h"

namespace secateur {
namespace {

class StraightThrough : public torch::autograd::Function<StraightThrough> {
public:
    static torch::Tensor forward(torch::autograd::AutogradContext*, const torch::Tensor& hard,
                                 const torch::Tensor& soft) {
        return hard.to(soft.dtype(), /*non_blocking=*/false, /*copy=*/true);
    }
    static torch::autograd::variable_list backward(torch::autograd::AutogradContext*,
                                                   torch::autograd::variable_list grad) {
        return {torch::Tensor(), grad[0]};
    }
};

void appendGates(const NestedGates& gates, int64_t tap, std::vector<int64_t>& out) {
    for (int64_t g = gates.levels[static_cast<size_t>(tap)]; g < gates.count; ++g)
        out.push_back(gates.offset + g);
}

bool allOpen(const std::vector<int64_t>& gates, const std::vector<bool>& open) {
    return std::all_of(gates.begin(), gates.end(),
                       [&](int64_t g) { return open[static_cast<size_t>(g)]; });
}

}  // namespace

torch::Tensor Relaxed::value() const {
    return StraightThrough::apply(hard, soft);
}

bool TapSearch::searchedBy(const std::string& dimension) const {
    return std::any_of(gates.begin(), gates.end(),
                       [&](const NestedGates& g) { return g.dimension == dimension; });
}

std::vector<int64_t> TapSearch::gatesOfTap(int64_t flat) const {
    std::vector<int64_t> tap(kernel.size());  // index along each axis
    for (size_t d = kernel.size(); d-- > 0;) {
        tap[d] = flat % kernel[d];
        flat /= kernel[d];
    }
    std::vector<int64_t> result;
    for (const NestedGates& g : gates) appendGates(g, tap[g.axis], result);
    return result;
}

std::vector<std::vector<int64_t>> TapSearch::keptIndices(const std::vector<bool>& open) const {
    std::vector<std::vector<int64_t>> result;
    for (size_t d = 0; d < kernel.size(); ++d) {
        std::vector<int64_t> kept;
        for (int64_t t = 0; t < kernel[d]; ++t) {
            std::vector<int64_t> needed;
            for (const NestedGates& g : gates)
                if (g.axis == d) appendGates(g, t, needed);
            if (allOpen(needed, open)) kept.push_back(t);
        }
        result.push_back(kept);
    }
    return result;
}

namespace {

// The tap mechanism's state: one gate logit vector for every convolution's kernel and dilation
// gates; each conv's weight is multiplied by its tap mask.
class TapGateState final : public DimensionState {
public:
    explicit TapGateState(const SpaceImpl& space) : logits_(space.tapLogits) {}

    std::string name() const override { return "taps"; }
    std::vector<torch::Tensor> parameters() const override {
        if (logits_.numel() == 0) return {};
        return {logits_};
    }
    void computeStep(const SpaceImpl& s, StepMasks& masks) const override {
        const std::vector<bool> open = s.openGates();
        std::vector<float> hard;
        hard.reserve(s.rowGates.size());
        for (const auto& gates : s.rowGates) hard.push_back(allOpen(gates, open) ? 1.0F : 0.0F);
        // A row's soft value is the product of its gates' sigmoids, taken in log space.
        const torch::Tensor soft =
            torch::exp(torch::mv(s.tapGates, torch::log_sigmoid(s.tapLogits)));
        const torch::Tensor value = Relaxed{torch::tensor(hard), soft}.value();
        std::vector<int64_t> rows;  // the taps' rows follow each other (layOutTaps)
        for (const TapSearch& t : s.taps) rows.push_back(numel(t.kernel));
        const std::vector<torch::Tensor> perTap = value.split_with_sizes(rows);
        for (size_t i = 0; i < s.taps.size(); ++i) {
            std::vector<int64_t> shape{1, 1};
            shape.insert(shape.end(), s.taps[i].kernel.begin(), s.taps[i].kernel.end());
            masks.tapWeights.push_back(perTap[i].view(shape));
        }
        masks.tapCounts = torch::mv(s.tapSums, value.to(torch::kFloat64));
    }
    bool changesParams(const SpaceImpl& s, size_t node) const override {
        return s.tapOfNode[node] >= 0;
    }
    void applyToParams(const SpaceImpl& s, size_t node, ParamMap& params, const StepMasks& masks,
                       const std::vector<torch::Tensor>&) const override {
        params["weight"] =
            params["weight"] * masks.tapWeights[static_cast<size_t>(s.tapOfNode[node])];
    }
    void prepareExport(const SpaceImpl& s, size_t node, Node&, PruneContext& ctx) const override {
        if (const int tap = s.tapOfNode[node]; tap >= 0)
            ctx.keptTaps = s.taps[static_cast<size_t>(tap)].keptIndices(s.openGates());
    }
    std::optional<Closable> closable(const SpaceImpl& s) const override {
        return Closable{s.tapLogits, [&s] { return s.openGates(); }};
    }
    void keepSmallest(SpaceImpl& s) const override {
        torch::NoGradGuard noGrad;
        s.tapLogits.fill_(-10.0);
    }

private:
    torch::Tensor logits_;
};

}  // namespace

std::unique_ptr<DimensionState> makeTapGateState(const SpaceImpl& space) {
    return std::make_unique<TapGateState>(space);
}

void SpaceImpl::layOutTaps(const SpacePlan& plan) {
    tapOfNode.assign(graph.nodes().size(), -1);
    int64_t gateCount = 0, rows = 0;
    for (const auto& [node, requested] : plan.tapGates) {
        TapSearch t;
        t.node = node;
        t.kernel = kernelOf(graph.nodes()[static_cast<size_t>(node)]);
        for (NestedGates g : requested) {
            g.offset = gateCount;
            gateCount += g.count;
            t.gates.push_back(std::move(g));
        }
        t.firstRow = rows;
        rows += numel(t.kernel);
        tapOfNode[static_cast<size_t>(node)] = static_cast<int>(taps.size());
        taps.push_back(std::move(t));
    }
    tapLogits = torch::full({gateCount}, kInitialLogit, torch::kFloat32).requires_grad_(true);
    tapGates = torch::zeros({rows, gateCount}, torch::kFloat32);
    tapSums = torch::zeros({static_cast<int64_t>(taps.size()), rows}, torch::kFloat64);
    for (size_t i = 0; i < taps.size(); ++i) {
        const TapSearch& t = taps[i];
        for (int64_t flat = 0; flat < numel(t.kernel); ++flat) {
            const int64_t row = t.firstRow + flat;
            rowGates.push_back(t.gatesOfTap(flat));
            for (const int64_t g : rowGates.back()) tapGates[row][g] = 1.0F;
            tapSums[static_cast<int64_t>(i)][row] = 1.0;
        }
    }
}

std::vector<bool> SpaceImpl::openGates() const {
    const torch::Tensor logits = tapLogits.detach().contiguous();
    const float* l = logits.data_ptr<float>();
    std::vector<bool> open(static_cast<size_t>(logits.numel()));
    for (size_t g = 0; g < open.size(); ++g) open[g] = l[g] > 0.0F;
    return open;
}

StepMasks SpaceImpl::stepMasks() const {
    StepMasks masks;
    setChannelMask(masks, channelMask());
    for (const auto& state : states) state->computeStep(*this, masks);
    return masks;
}

}  // namespace secateur
