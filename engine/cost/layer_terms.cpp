#include "engine/cost/layer_terms.h"

#include <algorithm>

#include "engine/plan/plan.h"

namespace secateur {

bool runsCode(const Node& node) {
    return opDef(node.op).outputBuffer(node) != OutputBuffer::View;
}

std::vector<CostTerm> touchedElementTerms(const Node& node, double coefficient) {
    std::vector<CostTerm> terms;
    for (const std::vector<int>* tensors : {&node.inputs, &node.outputs})
        for (const int t : *tensors)
            terms.push_back({coefficient, {{CostFactor::Kind::Elements, t, 0}}, ""});
    return terms;
}

double touchedElements(const Node& node, const Graph& graph) {
    double elements = 0.0;
    for (const std::vector<int>* tensors : {&node.inputs, &node.outputs})
        for (const int t : *tensors)
            elements += static_cast<double>(sampleElements(graph.tensor(t).shape));
    return elements;
}

void appendScaled(std::vector<CostTerm>& into, std::vector<CostTerm> terms, double factor) {
    for (CostTerm& term : terms) {
        term.coefficient *= factor;
        into.push_back(std::move(term));
    }
}

}  // namespace secateur
