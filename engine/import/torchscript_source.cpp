// Where a TorchScript node came from: its module path and the user's source line.
#include <torch/csrc/jit/frontend/source_range.h>

#include "engine/import/torchscript_convert.h"

namespace secateur {
namespace tsimport {
namespace {

struct Frame {
    std::string file;
    size_t line = 0;
    std::string code;
};

// Frames inside torch itself (nn modules, functional, tracing) are not the user's code.
bool isTorchInternal(const std::string& file) {
    for (const char* part : {"-packages/torch/", "/torch/nn/", "/torch/jit/", "/torch/_tensor.py",
                             "/torch/functional.py", "/torch/overrides.py", "code/__torch__"})
        if (file.find(part) != std::string::npos) return true;
    return false;
}

std::string trim(const std::string& s) {
    const size_t begin = s.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) return "";
    return s.substr(begin, s.find_last_not_of(" \t\r\n") - begin + 1);
}

// A traced op records the Python stack as text, one "file(line): function" per line.
bool parseTraceStack(const std::string& text, std::vector<Frame>& frames) {
    std::vector<Frame> parsed;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        const std::string line = text.substr(start, end - start);
        start = end + 1;
        if (trim(line).empty()) continue;
        const size_t close = line.rfind("): ");
        const size_t open = close == std::string::npos ? close : line.rfind('(', close);
        if (open == std::string::npos || open + 1 >= close) return false;
        const std::string number = line.substr(open + 1, close - open - 1);
        if (number.find_first_not_of("0123456789") != std::string::npos) return false;
        Frame f{line.substr(0, open), static_cast<size_t>(std::stoul(number)), ""};
        if (f.file.find("/torch/jit/_trace.py") != std::string::npos) break;  // the trace call
        parsed.push_back(std::move(f));
    }
    frames.insert(frames.end(), parsed.begin(), parsed.end());
    return !parsed.empty();
}

void framesOf(const torch::jit::SourceRange& range, std::vector<Frame>& frames) {
    const auto original = range.findSourceRangeThatGenerated();
    const torch::jit::SourceRange& r = original ? *original : range;
    if (!r.source()) return;
    if (parseTraceStack(r.text().str(), frames)) return;
    const auto flc = r.file_line_col();
    if (!flc) return;
    const size_t line = r.source()->lineno_for_offset(r.start());
    frames.push_back(
        {std::get<0>(*flc), std::get<1>(*flc), trim(r.source()->get_line(line).str())});
}

}  // namespace

std::string modulePath(const JitNode* n) {
    const auto stack = n->callstack();
    if (!stack) return "";
    std::string path;
    for (const auto& entry : (*stack)->vec()) {
        const auto& info = std::get<torch::jit::kModuleInstanceInfo>(entry);
        // Calls to another method of the same module are named SELF: no new path level.
        if (info && !info->instance_name().empty() && info->instance_name() != "SELF")
            path += (path.empty() ? "" : ".") + info->instance_name();
    }
    return path;
}

std::string sourceLine(const JitNode* n, std::string* code, bool* inUserCode) {
    // The node's own range first, then the call sites of the modules around it, innermost first.
    std::vector<Frame> frames;
    framesOf(n->sourceRange(), frames);
    if (const auto stack = n->callstack()) {
        const auto entries = (*stack)->vec();
        for (auto it = entries.rbegin(); it != entries.rend(); ++it)
            framesOf(std::get<1>(*it), frames);
    }
    const Frame* chosen = nullptr;
    for (const Frame& f : frames) {
        if (f.file.empty()) continue;
        if (!chosen) chosen = &f;
        if (!isTorchInternal(f.file)) {
            chosen = &f;
            break;
        }
    }
    if (!chosen) return "";
    if (code) *code = chosen->code;
    if (inUserCode) *inUserCode = !isTorchInternal(chosen->file);
    return chosen->file + ":" + std::to_string(chosen->line);
}

Weight toWeight(const torch::Tensor& t) {
    const torch::Tensor c = t.detach().to(torch::kFloat32).contiguous();
    Weight w;
    w.shape = c.sizes().vec();
    w.values.assign(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    return w;
}

}  // namespace tsimport
}  // namespace secateur
