#include "engine/graph/rewrite.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "engine/graph/ops/op_attrs.h"

namespace secateur {

Graph bypassNodes(const Graph& graph, const std::function<bool(size_t)>& bypass,
                  const std::function<void(size_t, Node&)>& edit) {
    Graph result;
    std::vector<int> renamed(graph.tensors().size(), -1);
    const auto at = [&](int t) -> int& { return renamed[static_cast<size_t>(t)]; };
    for (const int x : graph.inputs())
        at(x) = result.addInput(graph.tensor(x).name, graph.tensor(x).shape);
    for (size_t i = 0; i < graph.nodes().size(); ++i) {
        const Node& node = graph.nodes()[i];
        if (bypass(i)) {
            at(node.outputs[0]) = at(node.inputs[0]);
            continue;
        }
        Node copy = node;
        for (int& t : copy.inputs) t = at(t);
        if (edit) edit(i, copy);
        const std::vector<int> outputs = result.addNode(std::move(copy));
        for (size_t k = 0; k < outputs.size(); ++k) at(node.outputs[k]) = outputs[k];
    }
    for (const int y : graph.outputs()) result.markOutput(at(y));
    return result;
}

namespace {

// The conv's padding with the pad folded in; empty when it cannot fold.
std::optional<std::pair<std::vector<int64_t>, std::vector<int64_t>>> foldedPadding(
    const Node& pad, const Node& conv) {
    if (pad.attrs.getString("mode", "constant") != "constant" ||
        pad.attrs.getDouble("value", 0.0) != 0.0)
        return std::nullopt;
    const ConvGeometry g = convGeometry(conv);
    std::vector<int64_t> begin = g.padBegin, end = g.padEnd;
    const std::vector<int64_t>& pads = pad.attrs.getInts("pads");  // last dimension first
    for (size_t i = 0; i + 1 < pads.size(); i += 2) {
        const size_t fromLast = i / 2;
        if (fromLast >= g.dims) {
            if (pads[i] != 0 || pads[i + 1] != 0) return std::nullopt;
            continue;
        }
        const size_t d = g.dims - 1 - fromLast;
        if ((pads[i] < 0 && begin[d] != 0) || (pads[i + 1] < 0 && end[d] != 0)) return std::nullopt;
        begin[d] += pads[i];
        end[d] += pads[i + 1];
    }
    return std::make_pair(begin, end);
}

}  // namespace

Graph foldPadsIntoConvs(const Graph& graph) {
    const std::vector<std::vector<int>> consumers = graph.consumers();
    const std::set<int> outputs(graph.outputs().begin(), graph.outputs().end());
    std::set<std::string> shared;  // convs whose weights several nodes use keep one padding
    for (const Node& node : graph.nodes())
        if (node.attrs.has("shared_with")) {
            shared.insert(node.name);
            shared.insert(node.attrs.getString("shared_with"));
        }
    std::set<size_t> folded;
    std::map<size_t, std::pair<std::vector<int64_t>, std::vector<int64_t>>> padding;  // by conv
    for (size_t i = 0; i < graph.nodes().size(); ++i) {
        const Node& pad = graph.nodes()[i];
        if (pad.op != "pad" || outputs.count(pad.outputs[0])) continue;
        const std::vector<int>& readers = consumers[static_cast<size_t>(pad.outputs[0])];
        if (readers.size() != 1) continue;
        const auto c = static_cast<size_t>(readers[0]);
        const Node& conv = graph.nodes()[c];
        if (conv.op != "conv" || conv.inputs[0] != pad.outputs[0] || shared.count(conv.name))
            continue;
        if (const auto p = foldedPadding(pad, conv)) {
            folded.insert(i);
            padding[c] = *p;
        }
    }
    if (folded.empty()) return graph;
    return bypassNodes(
        graph, [&](size_t i) { return folded.count(i) > 0; },
        [&](size_t i, Node& node) {
            if (const auto it = padding.find(i); it != padding.end()) {
                node.attrs.set("padding_begin", it->second.first);
                node.attrs.set("padding_end", it->second.second);
            }
        });
}

Graph withoutIdleNodes(const Graph& graph) {
    const size_t count = graph.nodes().size();
    std::vector<bool> idle(count, false);
    std::vector<int> readers(graph.tensors().size(), 0);
    for (const int y : graph.outputs()) ++readers[static_cast<size_t>(y)];
    for (const Node& node : graph.nodes())
        for (const int t : node.inputs) ++readers[static_cast<size_t>(t)];
    std::set<std::string> owners;  // nodes whose weights others use stay, read or not
    for (const Node& node : graph.nodes())
        if (node.attrs.has("shared_with")) owners.insert(node.attrs.getString("shared_with"));
    // Backwards, so that a node only unread ones read is found unread too.
    for (size_t i = count; i-- > 0;) {
        const Node& node = graph.nodes()[i];
        bool read = false;
        for (const int t : node.outputs) read = read || readers[static_cast<size_t>(t)] > 0;
        if (!read && !owners.count(node.name)) {
            idle[i] = true;
            for (const int t : node.inputs) --readers[static_cast<size_t>(t)];
        } else if (node.op == "identity") {
            idle[i] = true;  // its readers read its input instead
        }
    }
    if (std::find(idle.begin(), idle.end(), true) == idle.end()) return graph;
    return bypassNodes(graph, [&](size_t i) { return idle[i]; });
}

Graph withCanonicalClamps(const Graph& graph) {
    Graph result = graph;
    for (Node& node : result.nodes()) {
        const bool clamp = node.op == "clamp", hardtanh = node.op == "hardtanh";
        if (!clamp && !hardtanh) continue;
        const bool hasMin = hardtanh || node.attrs.has("min");
        const bool hasMax = hardtanh || node.attrs.has("max");
        const double lo =
            hardtanh ? node.attrs.getDouble("min_val", -1.0) : node.attrs.getDouble("min", 0.0);
        const double hi =
            hardtanh ? node.attrs.getDouble("max_val", 1.0) : node.attrs.getDouble("max", 0.0);
        std::string op;
        if (hasMin && hasMax && lo == 0.0 && hi == 6.0)
            op = "relu6";
        else if (hasMin && !hasMax && lo == 0.0)
            op = "relu";
        else if (!hasMin && !hasMax)
            op = "identity";
        if (op.empty()) continue;
        node.op = op;
        node.attrs = {};
    }
    return result;
}

Graph canonicalGraph(const Graph& graph) {
    return foldPadsIntoConvs(withoutIdleNodes(withCanonicalClamps(graph)));
}

}  // namespace secateur
