#include "engine/space/space.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>

#include "engine/graph/rewrite.h"
#include "engine/space/space_impl.h"
#include "engine/util/error.h"

namespace secateur {
namespace {

// The nodes a dimension applies to, checking every layer the user named.
std::set<int> selectNodes(const Graph& graph, const Dimension& dim, const DimensionDef& def) {
    for (const std::string& name : dim.exclude)
        if (!graph.findNode(name))
            throw Error(dim.name + ": no layer named '" + name + "' to exclude");
    for (const std::string& name : dim.layers) {
        const Node* node = graph.findNode(name);
        if (!node) throw Error(dim.name + ": no layer named '" + name + "'");
        const std::string why = def.ineligible(*node, graph);
        if (!why.empty())
            throw Error(dim.name + " cannot apply to layer '" + name + "': " + why +
                        "; remove it from the layers of that dimension");
    }
    std::set<int> selected;
    for (size_t i = 0; i < graph.nodes().size(); ++i) {
        const Node& node = graph.nodes()[i];
        const auto named = [&](const std::vector<std::string>& list) {
            return std::find(list.begin(), list.end(), node.name) != list.end();
        };
        if ((dim.layers.empty() || named(dim.layers)) && !named(dim.exclude) && !node.frozen &&
            def.ineligible(node, graph).empty())
            selected.insert(static_cast<int>(i));
    }
    return selected;
}

// What the named dimensions ask for, planned in registry order (so the decisions' layout does not
// depend on the order the user named them in). Each dimension may be named once.
struct PlannedSpace {
    SpacePlan plan;
    std::vector<const DimensionDef*> defs;
};

PlannedSpace planSpace(const Graph& seed, const std::vector<Dimension>& dimensions,
                       const DimensionRegistry& registry) {
    for (size_t i = 0; i < dimensions.size(); ++i) {
        registry.get(dimensions[i].name);  // throws for an unknown name
        for (size_t j = 0; j < i; ++j)
            if (dimensions[j].name == dimensions[i].name)
                throw Error("search dimension '" + dimensions[i].name +
                            "' is named twice; name it once with all its layers");
    }
    PlannedSpace planned;
    for (const std::string& name : registry.names()) {
        const auto it = std::find_if(dimensions.begin(), dimensions.end(),
                                     [&](const Dimension& d) { return d.name == name; });
        if (it == dimensions.end()) continue;
        const DimensionDef& def = registry.get(name);
        def.plan(planned.plan, seed, selectNodes(seed, *it, def));
        planned.defs.push_back(&def);
    }
    return planned;
}

ChannelGroups groupsFor(const Graph& graph, const SpacePlan& plan) {
    if (!plan.channelLayers) return ChannelGroups(graph);
    std::vector<std::string> keepOutputs;
    for (size_t i = 0; i < graph.nodes().size(); ++i)
        if (isSearchableLayer(graph.nodes()[i]) && !plan.channelLayers->count(static_cast<int>(i)))
            keepOutputs.push_back(graph.nodes()[i].name);
    return ChannelGroups(graph, keepOutputs);
}

std::unique_ptr<SpaceImpl> buildSpace(const Graph& seed, const std::vector<Dimension>& dimensions,
                                      const DimensionRegistry& registry) {
    const PlannedSpace planned = planSpace(seed, dimensions, registry);
    auto s = std::make_unique<SpaceImpl>(seed, groupsFor(seed, planned.plan));
    s->dimensions = planned.defs;
    s->searchChannels = planned.plan.channelLayers.has_value();
    for (const Node& node : s->graph.nodes()) {
        ParamMap params;
        for (const auto& [name, w] : node.params) params[name] = toTensor(w).requires_grad_(true);
        for (const auto& [name, w] : node.buffers) params[name] = toTensor(w);
        if (node.attrs.has("shared_with"))  // the same tensors, trained once
            params = s->params.at(
                static_cast<size_t>(seed.nodeIndex(node.attrs.getString("shared_with"))));
        s->params.push_back(std::move(params));
    }
    s->layOutTaps(planned.plan);
    s->channelLogits = torch::full({s->groups.logicalCount()}, kInitialLogit, torch::kFloat32)
                           .requires_grad_(s->searchChannels);
    s->layOutChannelMasks();
    s->addStates(planned.plan);
    return s;
}

}  // namespace

void SpacePlan::addState(const std::string& name, StateFactory make) {
    const bool known = std::any_of(states.begin(), states.end(),
                                   [&](const auto& entry) { return entry.first == name; });
    if (!known) states.emplace_back(name, std::move(make));
}

SpaceImpl::SpaceImpl(const Graph& seed, ChannelGroups channelGroups)
    : graph(seed), groups(std::move(channelGroups)) {}

void SpaceImpl::addStates(const SpacePlan& plan) {
    for (const auto& [name, make] : plan.states) states.push_back(make(*this));
    paramHooks.assign(graph.nodes().size(), {});
    outputHooks.assign(graph.tensors().size(), {});
    for (const auto& state : states) {
        for (size_t n = 0; n < paramHooks.size(); ++n)
            if (state->changesParams(*this, n)) paramHooks[n].push_back(state.get());
        for (size_t t = 0; t < outputHooks.size(); ++t)
            if (state->changesOutput(*this, t)) outputHooks[t].push_back(state.get());
    }
}

Space::Space(const Graph& seed, const std::vector<Dimension>& dimensions,
             const Registry<DimensionDef>* registry)
    : impl_(buildSpace(canonicalGraph(seed), dimensions,
                       registry ? *registry : builtinDimensions())) {}

Space::~Space() = default;
Space::Space(Space&&) noexcept = default;
Space& Space::operator=(Space&&) noexcept = default;

const Graph& Space::seed() const {
    return impl_->graph;
}
const ChannelGroups& Space::channelGroups() const {
    return impl_->groups;
}

int64_t Space::architectureParameterCount() const {
    int64_t n = 0;
    for (const torch::Tensor& p : impl_->architectureParameters()) n += p.numel();
    return n;
}

void Space::randomizeDecisions(uint64_t seedValue, double keepBias) {
    torch::NoGradGuard noGrad;
    const at::Generator generator = at::detail::createCPUGenerator(seedValue);
    for (torch::Tensor& p : impl_->architectureParameters())
        p.copy_(torch::rand(p.sizes(), generator, p.options()) * 6.0 - 3.0 + keepBias);
}

void Space::keepChannelFraction(double fraction) {
    if (!impl_->searchChannels)
        throw Error("width scaling needs the channel dimension in the space");
    secateur::keepChannelFraction(*impl_, fraction);
}

void Space::keepSmallest() {
    torch::NoGradGuard noGrad;
    for (const auto& state : impl_->states) state->keepSmallest(*impl_);
}

Graph Space::currentWeights() const {
    Graph g = impl_->graph;
    for (size_t i = 0; i < g.nodes().size(); ++i) {
        Node& node = g.nodes()[i];
        for (auto* group : {&node.params, &node.buffers})
            for (auto& [name, w] : *group) w = fromTensor(impl_->params[i].at(name));
    }
    return g;
}

}  // namespace secateur
