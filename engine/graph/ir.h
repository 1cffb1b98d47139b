// The network as the engine sees it: tensors with shapes, nodes with an op kind, attributes and
// plain-data parameters. Free of LibTorch so that the studio can draw it and keep copies.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace secateur {

using Shape = std::vector<int64_t>;

std::string toString(const Shape& shape);
int64_t numel(const Shape& shape);

// A parameter or buffer: row-major float32 values.
struct Weight {
    Shape shape;
    std::vector<float> values;

    int64_t numel() const { return secateur::numel(shape); }
};

using AttrValue = std::variant<int64_t, double, std::vector<int64_t>, std::string>;

// Named op attributes with typed accessors that name the missing or mistyped field.
class Attrs {
public:
    void set(const std::string& key, AttrValue value) { values_[key] = std::move(value); }
    bool has(const std::string& key) const { return values_.count(key) != 0; }
    int64_t getInt(const std::string& key) const;
    int64_t getInt(const std::string& key, int64_t fallback) const;
    double getDouble(const std::string& key) const;
    double getDouble(const std::string& key, double fallback) const;
    const std::vector<int64_t>& getInts(const std::string& key) const;
    const std::string& getString(const std::string& key) const;
    std::string getString(const std::string& key, const std::string& fallback) const;
    const std::map<std::string, AttrValue>& all() const { return values_; }

private:
    const AttrValue& at(const std::string& key) const;
    std::map<std::string, AttrValue> values_;
};

struct Node {
    std::string name;          // unique within the graph, e.g. "block1.conv"
    std::string op;            // registered op kind, e.g. "conv", "linear", "relu"
    std::vector<int> inputs;   // tensor ids
    std::vector<int> outputs;  // tensor ids
    Attrs attrs;
    std::map<std::string, Weight> params;   // trainable: weight, bias, slope...
    std::map<std::string, Weight> buffers;  // not trainable: running_mean, running_var
    std::string source;   // where the node came from (TorchScript source line), if known
    bool frozen = false;  // kept whole by every search dimension
};

struct TensorInfo {
    std::string name;
    Shape shape;        // including the batch dimension (1 in stored graphs)
    int producer = -1;  // node index, -1 for graph inputs
};

// A directed acyclic graph whose nodes are stored in execution order.
class Graph {
public:
    int addInput(const std::string& name, const Shape& shape);
    // Appends a node, infers the shapes of its outputs and returns their tensor ids.
    std::vector<int> addNode(Node node);
    void markOutput(int tensor) { outputs_.push_back(tensor); }

    const std::vector<Node>& nodes() const { return nodes_; }
    std::vector<Node>& nodes() { return nodes_; }
    const std::vector<TensorInfo>& tensors() const { return tensors_; }
    const TensorInfo& tensor(int id) const { return tensors_.at(static_cast<size_t>(id)); }
    const std::vector<int>& inputs() const { return inputs_; }
    const std::vector<int>& outputs() const { return outputs_; }
    const Node* findNode(const std::string& name) const;
    int nodeIndex(const std::string& name) const;  // -1 when absent
    // Consumers (node indices) of each tensor.
    std::vector<std::vector<int>> consumers() const;

    // Re-derives every tensor shape from the inputs (after nodes were edited), throwing on
    // mismatch.
    void reinferShapes();
    // Replaces the batch size of every tensor (shapes are stored with batch 1).
    void setInputShapes(const std::vector<Shape>& shapes);

    // Builds a graph directly from parts (used by deserialisation and export).
    static Graph fromParts(std::vector<TensorInfo> tensors, std::vector<Node> nodes,
                           std::vector<int> inputs, std::vector<int> outputs);

private:
    std::vector<TensorInfo> tensors_;
    std::vector<Node> nodes_;
    std::vector<int> inputs_;
    std::vector<int> outputs_;
};

}  // namespace secateur
