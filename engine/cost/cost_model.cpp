#include "engine/cost/cost_model.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "engine/plan/plan.h"

namespace secateur {
namespace {

constexpr double kSmoothMaxTemperature = 0.02;  // relative to the current peak

// Log-sum-exp of the groups at a temperature of kSmoothMaxTemperature x `peak` (their maximum).
torch::Tensor smoothMaximum(const torch::Tensor& groups, const torch::Tensor& peak) {
    const torch::Tensor temperature = (peak * kSmoothMaxTemperature).clamp_min(1e-12);
    return torch::logsumexp(groups / temperature, 0) * temperature;
}

}  // namespace

CostModel::CostModel(const SpaceImpl& space, const std::string& cost, const std::string& device)
    : CostModel(space, costDef(cost), target(device)) {}

CostModel::CostModel(const SpaceImpl& space, const CostDef& cost, const Target& device)
    : name_(cost.info().name), aggregation_(cost.aggregation()) {
    const Graph& graph = space.graph;
    const int64_t fixedColumn = space.groups.logicalCount();
    std::vector<std::vector<double>> rows;           // channel factors as count rows
    std::map<std::tuple<int, int, int>, int> index;  // (kind, index, axis) -> factor
    const auto constantRow = [&](double value) {
        std::vector<double> row(static_cast<size_t>(fixedColumn + 1), 0.0);
        row.back() = value;
        return row;
    };
    const auto factorIndex = [&](const CostFactor& f) {
        const auto key = std::make_tuple(static_cast<int>(f.kind), f.index, f.axis);
        if (const auto it = index.find(key); it != index.end()) return it->second;
        int id = 0;
        if (f.kind == CostFactor::Kind::Taps &&
            space.tapOfNode[static_cast<size_t>(f.index)] >= 0) {
            id = -1 - static_cast<int>(tapSearches_.size());  // resolved after the channel rows
            tapSearches_.push_back(space.tapOfNode[static_cast<size_t>(f.index)]);
        } else if (f.kind == CostFactor::Kind::Taps) {
            const Shape& w = graph.nodes()[static_cast<size_t>(f.index)].params.at("weight").shape;
            rows.push_back(constantRow(static_cast<double>(numel(Shape(w.begin() + 2, w.end())))));
            id = static_cast<int>(rows.size()) - 1;
        } else if (f.kind == CostFactor::Kind::Elements) {
            const Shape& s = graph.tensor(f.index).shape;
            const int axis = space.groups.axis(f.index);
            const auto total = static_cast<double>(sampleElements(s));
            std::vector<double> row = constantRow(total);
            if (axis >= 0) {
                const double perChannel =
                    total / static_cast<double>(s.at(static_cast<size_t>(axis)));
                row.back() = 0.0;
                for (const int l : space.groups.positions(f.index))
                    row[static_cast<size_t>(l >= 0 ? l : fixedColumn)] += perChannel;
            }
            rows.push_back(row);
            id = static_cast<int>(rows.size()) - 1;
        } else if (space.groups.axis(f.index) == f.axis) {
            std::vector<double> row = constantRow(0.0);
            for (const int l : space.groups.positions(f.index))
                row[static_cast<size_t>(l >= 0 ? l : fixedColumn)] += 1.0;
            rows.push_back(row);
            id = static_cast<int>(rows.size()) - 1;
        } else {
            const Shape& s = graph.tensor(f.index).shape;
            rows.push_back(constantRow(static_cast<double>(s.at(static_cast<size_t>(f.axis)))));
            id = static_cast<int>(rows.size()) - 1;
        }
        index[key] = id;
        return id;
    };
    rows.push_back(constantRow(1.0));  // factor 0: the constant 1 that pads short terms
    const std::vector<PlacedTerm> placed = cost.terms(graph, device);
    size_t arity = 1;
    for (const PlacedTerm& p : placed) arity = std::max(arity, p.term.factors.size());
    std::vector<int> ids;  // [terms x arity]
    std::vector<double> coefficients;
    std::vector<int64_t> termNodes, termGroups;
    for (const PlacedTerm& p : placed) {
        for (size_t i = 0; i < arity; ++i)
            ids.push_back(i < p.term.factors.size() ? factorIndex(p.term.factors[i]) : 0);
        coefficients.push_back(p.term.coefficient);
        termNodes.push_back(p.node);
        termGroups.push_back(p.group);
        groupCount_ = std::max<int64_t>(groupCount_, p.group + 1);
    }
    const auto channelFactors = static_cast<int>(rows.size());
    std::vector<int64_t> flat;
    for (const int id : ids) flat.push_back(id >= 0 ? id : channelFactors + (-1 - id));
    std::vector<double> dense;
    for (const auto& row : rows) dense.insert(dense.end(), row.begin(), row.end());
    counts_ = torch::tensor(dense, torch::kFloat64).view({channelFactors, fixedColumn + 1});
    termFactors_ = torch::tensor(flat, torch::kLong).view({-1, static_cast<int64_t>(arity)});
    coefficients_ = torch::tensor(coefficients, torch::kFloat64);
    termNode_ = torch::tensor(termNodes, torch::kLong);
    termGroup_ = torch::tensor(termGroups, torch::kLong);
    nodeCount_ = static_cast<int64_t>(graph.nodes().size());
    tapIndex_ =
        torch::tensor(std::vector<int64_t>(tapSearches_.begin(), tapSearches_.end()), torch::kLong);
}

torch::Tensor CostModel::termValues(const StepMasks& masks) const {
    torch::Tensor factors = torch::mv(counts_, masks.channels.to(torch::kFloat64));
    if (!tapSearches_.empty()) {
        factors = torch::cat({factors, masks.tapCounts.index_select(0, tapIndex_)});
    }
    const torch::Tensor values =
        factors.index_select(0, termFactors_.view({-1})).view({-1, termFactors_.size(1)}).prod(1);
    return values * coefficients_;
}

torch::Tensor CostModel::groupValues(const torch::Tensor& terms) const {
    return torch::zeros({groupCount_}, torch::kFloat64).index_add(0, termGroup_, terms);
}

torch::Tensor CostModel::evaluate(const StepMasks& masks) const {
    if (termFactors_.size(0) == 0) return torch::zeros({}, torch::kFloat64);
    const torch::Tensor terms = termValues(masks);
    if (aggregation_ == Aggregation::Sum) return terms.sum();
    return groupValues(terms).max();
}

torch::Tensor CostModel::objective(const StepMasks& masks) const {
    if (aggregation_ == Aggregation::Sum || termFactors_.size(0) == 0) return evaluate(masks);
    const torch::Tensor groups = groupValues(termValues(masks));
    return smoothMaximum(groups, groups.max().detach());
}

std::pair<torch::Tensor, double> CostModel::objectiveAndValue(const StepMasks& masks) const {
    if (aggregation_ == Aggregation::Sum || termFactors_.size(0) == 0) {
        torch::Tensor value = evaluate(masks);
        const double hard = value.item<double>();
        return {std::move(value), hard};
    }
    const torch::Tensor groups = groupValues(termValues(masks));
    const torch::Tensor peak = groups.max().detach();
    return {smoothMaximum(groups, peak), peak.item<double>()};
}

torch::Tensor CostModel::groups(const StepMasks& masks) const {
    if (termFactors_.size(0) == 0) return torch::zeros({groupCount_}, torch::kFloat64);
    return groupValues(termValues(masks));
}

torch::Tensor CostModel::perNode(const StepMasks& masks) const {
    torch::Tensor nodes = torch::zeros({nodeCount_}, torch::kFloat64);
    if (termFactors_.size(0) == 0) return nodes;
    torch::Tensor terms = termValues(masks);
    if (aggregation_ == Aggregation::MaxOfGroups) {
        const torch::Tensor peak = groupValues(terms).argmax();
        terms = terms * termGroup_.eq(peak).to(torch::kFloat64);
    }
    return nodes.index_add(0, termNode_, terms);
}

}  // namespace secateur
