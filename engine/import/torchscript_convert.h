// Private header of the TorchScript importer: the state of one import, shared by the graph walk
// (torchscript_import.cpp) and the op mappings (torchscript_converter.cpp,
// torchscript_layer_ops.cpp, torchscript_tensor_ops.cpp).
#pragma once

#include <torch/script.h>

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/graph/ir.h"
#include "engine/import/torchscript_import.h"
#include "engine/util/error.h"

namespace secateur {
namespace tsimport {

using JitNode = torch::jit::Node;
using JitValue = torch::jit::Value;

// An error already worded for the user; the walk passes it on unchanged.
class ImportError : public Error {
public:
    using Error::Error;
};

// The module tensors (parameters and buffers, by data pointer) a value was computed from.
using TensorSources = std::set<const void*>;

// The tensors of the user's module: identity is the data pointer (equal values are no evidence).
struct ModuleTensors {
    std::map<const void*, int64_t> params;  // -> elements
    std::set<const void*> buffers;
    // The data pointer of `value` when it is one of these tensors, else nullptr.
    const void* identity(const c10::IValue& value) const;
};

// torchscript_identity.cpp: inlines `forward` in place with full module paths in the call stacks
// and replaces the attributes read from `self` by constants holding the same tensors.
std::shared_ptr<torch::jit::Graph> inlineForward(torch::jit::Module& module);
ModuleTensors moduleTensors(const torch::jit::Module& module);
// Per node (index as in `nodes`): the module tensors it reads.
void markSharedParameters(std::vector<Node>& nodes, const std::vector<TensorSources>& sources);
void markFoldedParameters(std::vector<Node>& nodes, const std::vector<TensorSources>& sources,
                          const ModuleTensors& tensors);

// What a TorchScript value became during the import.
struct Binding {
    // Padded: a zero pad waiting for the convolution it folds into. Stacked: tensors stacked
    // along the batch axis, waiting for the (weighted) sum or mean over that axis.
    enum class Kind { Static, Tensor, TensorList, Padded, Stacked } kind = Kind::Static;
    c10::IValue constant;             // Static: folded constant (int, list, weight tensor...)
    std::vector<int> tensors;         // Tensor: one IR tensor id; TensorList, Stacked: several
    std::vector<int64_t> pads;        // Padded: zero padding (torch order: last dim first)
    std::vector<double> weights;      // Stacked: the factor of each stacked tensor
    const JitNode* origin = nullptr;  // Padded, Stacked: the pad or stack op, for messages
    TensorSources sources;            // Static, Stacked: the module tensors it derives from
};

class Converter {
public:
    // `submoduleParams`: every submodule path of the network with its parameter count.
    // `tensors`: the module's parameters and buffers; `foldedParams`: parameters an earlier
    // export recorded as folded into constants (its attribute secateur_folded_params).
    Converter(std::string file, const ImportOptions& options,
              std::map<std::string, int64_t> submoduleParams, ModuleTensors tensors,
              int64_t foldedParams = 0);

    // Submodules with parameters of which no node was made (after convert).
    std::vector<SubmoduleInfo> unusedModules() const;

    // Walks the frozen, inlined forward graph and returns the IR.
    // `self` is the frozen module, for the attributes the freeze left as prim::GetAttr.
    Graph convert(const torch::jit::Graph& graph, const c10::IValue& self);

    // --- used by the op mappings -----------------------------------------------------------
    bool isStatic(const JitValue* v) const;
    bool isNone(const JitNode* n, size_t i) const;
    const c10::IValue& constant(const JitNode* n, size_t i) const;  // a folded input
    int64_t intArg(const JitNode* n, size_t i) const;
    double doubleArg(const JitNode* n, size_t i) const;
    bool boolArg(const JitNode* n, size_t i) const;
    std::vector<int64_t> intsArg(const JitNode* n, size_t i) const;
    // A constant tensor input such as a weight; `what` names it in the error.
    torch::Tensor staticTensor(const JitNode* n, size_t i, const std::string& what) const;
    // The IR tensor of a network-tensor input (not a constant, not a pending pad).
    int tensorInput(const JitNode* n, size_t i) const;
    // Like tensorInput, but also accepts a pending zero pad (returned in `pads`).
    int paddedInput(const JitNode* n, size_t i, std::vector<int64_t>& pads) const;
    const Binding& binding(const JitValue* v) const;
    const Shape& shape(int tensor) const { return graph_.tensor(tensor).shape; }

    // Adds an IR node converted from `n` and returns its output tensor ids.
    std::vector<int> emit(const JitNode* n, const std::string& op, std::vector<int> inputs,
                          Attrs attrs = {}, std::map<std::string, Weight> params = {},
                          std::map<std::string, Weight> buffers = {});
    void bindTensor(const JitValue* v, int tensor);
    void bindList(const JitValue* v, std::vector<int> tensors);
    void bindStatic(const JitValue* v, c10::IValue value);
    void bindPadded(const JitValue* v, int tensor, std::vector<int64_t> pads, const JitNode* n);
    void bindStacked(const JitValue* v, std::vector<int> tensors, std::vector<double> weights,
                     const JitNode* n, TensorSources sources = {});
    void alias(const JitValue* out, const JitValue* in);

    // Throws an ImportError naming the file, the node and its source line.
    [[noreturn]] void fail(const JitNode* n, const std::string& what) const;
    [[noreturn]] void unsupported(const JitNode* n, const std::string& detail = "") const;
    std::string describe(const JitNode* n) const;

private:
    void walk(const torch::jit::Block* block);
    void convertNode(const JitNode* n);
    void evaluate(const JitNode* n);
    void takeBranch(const JitNode* n);
    void unrollLoop(const JitNode* n);
    // --keep-whole (torchscript_keep_whole.cpp): the kept prefix `n` belongs to, or "".
    std::string keptWholePrefix(const JitNode* n) const;
    void checkKeepWhole() const;
    // Turns the ops of `prefix` in `block`, from `first` on, into one opaque node.
    void keepWhole(const torch::jit::Block* block, const JitNode* first, const std::string& prefix);
    void addInputs(const torch::jit::Graph& graph, const c10::IValue& self);
    void addOutput(const JitValue* v);
    std::string givenShapes() const;
    Graph finish();

    std::string file_;
    const ImportOptions& options_;
    Graph graph_;
    std::unordered_map<const JitValue*, Binding> bindings_;
    std::vector<std::string> inputNames_;
    std::vector<std::string> modulePaths_;    // per IR node
    std::vector<TensorSources> nodeSources_;  // per IR node: the module tensors it reads
    std::map<std::string, int64_t> submoduleParams_;
    ModuleTensors tensors_;
    int64_t foldedParams_ = 0;
    std::set<const JitNode*> absorbed_;  // nodes inside an opaque node
    int tempNames_ = 0;
};

// Maps a node with at least one network-tensor input to IR nodes; false when the kind is unknown.
bool convertOp(Converter& c, const JitNode* n);

// Op handlers by qualified kind ("aten::relu"); in-place variants share the plain kind's entry.
using OpHandler = void (*)(Converter&, const JitNode*);
using OpTable = std::map<std::string, OpHandler>;
void addLayerOps(OpTable& table);     // torchscript_layer_ops.cpp
void addTensorOps(OpTable& table);    // torchscript_tensor_ops.cpp
void addNormOps(OpTable& table);      // torchscript_norm_ops.cpp
void addResampleOps(OpTable& table);  // torchscript_resample_ops.cpp: pad, upsample
void addReduceOps(OpTable& table);    // torchscript_reduce_ops.cpp: reductions, stack

// Helpers shared by the op handlers.
std::string opName(const JitNode* n);  // "relu_" for aten::relu_
int64_t dimOf(const Converter& c, const JitNode* n, int64_t dim, size_t rank);  // normalised
void notBatch(const Converter& c, const JitNode* n, int64_t dim);               // fails for dim 0
// Op handlers of one file that another file's handler hands over to.
void arithmetic(Converter& c, const JitNode* n);         // torchscript_tensor_ops.cpp
bool stackedArithmetic(Converter& c, const JitNode* n);  // torchscript_reduce_ops.cpp
const std::vector<int>& tensorList(Converter& c, const JitNode* n, size_t i);
// Emits one IR node and binds it to the node's first output.
void emitOne(Converter& c, const JitNode* n, const std::string& op, std::vector<int> inputs,
             Attrs attrs = {}, std::map<std::string, Weight> params = {});

// Plain-data copy of a tensor.
Weight toWeight(const torch::Tensor& t);
// The module path that produced `n` ("features.0"), empty at the top level.
std::string modulePath(const JitNode* n);
// "file.py:42" of the user's code that produced `n` (or of torch's own code when the user's call
// was not recorded), empty when not recorded at all.
std::string sourceLine(const JitNode* n, std::string* code = nullptr, bool* inUserCode = nullptr);

}  // namespace tsimport
}  // namespace secateur
