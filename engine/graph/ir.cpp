#include "engine/graph/ir.h"

#include <sstream>

#include "engine/graph/ops/op.h"
#include "engine/util/error.h"

namespace secateur {

std::string toString(const Shape& shape) {
    std::ostringstream out;
    out << '[';
    for (size_t i = 0; i < shape.size(); ++i) out << (i ? ", " : "") << shape[i];
    out << ']';
    return out.str();
}

int64_t numel(const Shape& shape) {
    int64_t n = 1;
    for (const int64_t d : shape) n *= d;
    return n;
}

const AttrValue& Attrs::at(const std::string& key) const {
    const auto it = values_.find(key);
    if (it == values_.end()) throw Error("missing attribute '" + key + "'");
    return it->second;
}

int64_t Attrs::getInt(const std::string& key) const {
    const AttrValue& v = at(key);
    if (const auto* i = std::get_if<int64_t>(&v)) return *i;
    throw Error("attribute '" + key + "' is not an integer");
}

int64_t Attrs::getInt(const std::string& key, int64_t fallback) const {
    return has(key) ? getInt(key) : fallback;
}

double Attrs::getDouble(const std::string& key) const {
    const AttrValue& v = at(key);
    if (const auto* d = std::get_if<double>(&v)) return *d;
    if (const auto* i = std::get_if<int64_t>(&v)) return static_cast<double>(*i);
    throw Error("attribute '" + key + "' is not a number");
}

double Attrs::getDouble(const std::string& key, double fallback) const {
    return has(key) ? getDouble(key) : fallback;
}

const std::vector<int64_t>& Attrs::getInts(const std::string& key) const {
    const AttrValue& v = at(key);
    if (const auto* l = std::get_if<std::vector<int64_t>>(&v)) return *l;
    throw Error("attribute '" + key + "' is not a list of integers");
}

const std::string& Attrs::getString(const std::string& key) const {
    const AttrValue& v = at(key);
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    throw Error("attribute '" + key + "' is not a string");
}

std::string Attrs::getString(const std::string& key, const std::string& fallback) const {
    return has(key) ? getString(key) : fallback;
}

int Graph::addInput(const std::string& name, const Shape& shape) {
    const int id = static_cast<int>(tensors_.size());
    tensors_.push_back({name, shape, -1});
    inputs_.push_back(id);
    return id;
}

namespace {

std::vector<Shape> inferNodeShapes(const Node& node, const std::vector<TensorInfo>& tensors) {
    std::vector<Shape> in;
    for (const int t : node.inputs) in.push_back(tensors.at(static_cast<size_t>(t)).shape);
    try {
        return opDef(node.op).inferShapes(node, in);
    } catch (const Error& e) {
        const std::string what = e.what();
        if (what.rfind("node '", 0) == 0) throw;
        std::string inputs;
        for (const Shape& s : in) inputs += (inputs.empty() ? "" : ", ") + toString(s);
        throw Error("node '" + node.name + "' (" + node.op + ") with inputs " + inputs + ": " +
                    what + (node.source.empty() ? "" : " [" + node.source + "]"));
    }
}

}  // namespace

std::vector<int> Graph::addNode(Node node) {
    for (const int t : node.inputs) {
        if (t < 0 || t >= static_cast<int>(tensors_.size()))
            throw Error("node '" + node.name + "' reads an unknown tensor");
    }
    if (findNode(node.name)) throw Error("duplicate node name '" + node.name + "'");
    const std::vector<Shape> shapes = inferNodeShapes(node, tensors_);
    const int index = static_cast<int>(nodes_.size());
    node.outputs.clear();
    for (size_t i = 0; i < shapes.size(); ++i) {
        const int id = static_cast<int>(tensors_.size());
        const std::string name =
            shapes.size() == 1 ? node.name : node.name + ":" + std::to_string(i);
        tensors_.push_back({name, shapes[i], index});
        node.outputs.push_back(id);
    }
    nodes_.push_back(std::move(node));
    return nodes_.back().outputs;
}

const Node* Graph::findNode(const std::string& name) const {
    const int i = nodeIndex(name);
    return i < 0 ? nullptr : &nodes_[static_cast<size_t>(i)];
}

int Graph::nodeIndex(const std::string& name) const {
    for (size_t i = 0; i < nodes_.size(); ++i)
        if (nodes_[i].name == name) return static_cast<int>(i);
    return -1;
}

std::vector<std::vector<int>> Graph::consumers() const {
    std::vector<std::vector<int>> result(tensors_.size());
    for (size_t n = 0; n < nodes_.size(); ++n)
        for (const int t : nodes_[n].inputs)
            result[static_cast<size_t>(t)].push_back(static_cast<int>(n));
    return result;
}

void Graph::reinferShapes() {
    for (const Node& node : nodes_) {
        const std::vector<Shape> shapes = inferNodeShapes(node, tensors_);
        if (shapes.size() != node.outputs.size())
            throw Error("node '" + node.name + "' changed its number of outputs");
        for (size_t i = 0; i < shapes.size(); ++i)
            tensors_[static_cast<size_t>(node.outputs[i])].shape = shapes[i];
    }
}

void Graph::setInputShapes(const std::vector<Shape>& shapes) {
    if (shapes.size() != inputs_.size())
        throw Error("the network has " + std::to_string(inputs_.size()) + " input(s), " +
                    std::to_string(shapes.size()) + " shape(s) given");
    for (size_t i = 0; i < shapes.size(); ++i)
        tensors_[static_cast<size_t>(inputs_[i])].shape = shapes[i];
    reinferShapes();
}

Graph Graph::fromParts(std::vector<TensorInfo> tensors, std::vector<Node> nodes,
                       std::vector<int> inputs, std::vector<int> outputs) {
    Graph g;
    g.tensors_ = std::move(tensors);
    g.nodes_ = std::move(nodes);
    g.inputs_ = std::move(inputs);
    g.outputs_ = std::move(outputs);
    g.reinferShapes();
    return g;
}

}  // namespace secateur
