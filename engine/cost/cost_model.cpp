#include "engine/cost/cost_model.h"

#include <map>
#include <tuple>

#include "engine/cost/cost.h"
#include "engine/graph/error.h"

namespace secateur {
namespace {

const std::vector<CostTerm>& termsOf(const NodeCosts& costs, const std::string& cost) {
    return cost == "params" ? costs.params : costs.macs;
}

}  // namespace

CostModel::CostModel(const SpaceImpl& space, const std::string& cost) : name_(cost) {
    checkCostName(cost);
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
    std::vector<std::array<int, 3>> terms;
    std::vector<double> coefficients;
    std::vector<int64_t> termNodes;
    for (size_t n = 0; n < graph.nodes().size(); ++n) {
        const Node& node = graph.nodes()[n];
        const NodeCosts nodeCosts = opDef(node.op).costTerms(node, static_cast<int>(n), graph);
        if (cost == "params" && node.attrs.has("shared_with")) continue;  // owned by another node
        for (const CostTerm& term : termsOf(nodeCosts, cost)) {
            if (term.factors.size() > 3)
                throw Error("cost term of node '" + node.name + "' has too many factors");
            std::array<int, 3> ids{0, 0, 0};
            for (size_t i = 0; i < term.factors.size(); ++i) ids[i] = factorIndex(term.factors[i]);
            terms.push_back(ids);
            coefficients.push_back(term.coefficient);
            termNodes.push_back(static_cast<int64_t>(n));
        }
    }
    const auto channelFactors = static_cast<int>(rows.size());
    std::vector<int64_t> flat;
    for (const auto& ids : terms)
        for (const int id : ids) flat.push_back(id >= 0 ? id : channelFactors + (-1 - id));
    std::vector<double> dense;
    for (const auto& row : rows) dense.insert(dense.end(), row.begin(), row.end());
    counts_ = torch::tensor(dense, torch::kFloat64).view({channelFactors, fixedColumn + 1});
    termFactors_ = torch::tensor(flat, torch::kLong).view({-1, 3});
    coefficients_ = torch::tensor(coefficients, torch::kFloat64);
    termNode_ = torch::tensor(termNodes, torch::kLong);
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
        factors.index_select(0, termFactors_.view({-1})).view({-1, 3}).prod(1);
    return values * coefficients_;
}

torch::Tensor CostModel::evaluate(const StepMasks& masks) const {
    if (termFactors_.size(0) == 0) return torch::zeros({}, torch::kFloat64);
    return termValues(masks).sum();
}

torch::Tensor CostModel::perNode(const StepMasks& masks) const {
    torch::Tensor nodes = torch::zeros({nodeCount_}, torch::kFloat64);
    if (termFactors_.size(0) == 0) return nodes;
    return nodes.index_add(0, termNode_, termValues(masks));
}

}  // namespace secateur
