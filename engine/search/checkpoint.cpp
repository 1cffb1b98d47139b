#include "engine/search/checkpoint.h"

#include <ATen/CPUGeneratorImpl.h>

#include <filesystem>

#include "engine/graph/serialize.h"
#include "engine/util/atomic_file.h"
#include "engine/util/error.h"

namespace secateur {
namespace {

std::string key(size_t node, const std::string& name) {
    return "n" + std::to_string(node) + "_" + name;
}

// A dimension state's architecture parameter `index`.
std::string archKey(const std::string& state, size_t index) {
    return "arch." + state + "." + std::to_string(index);
}

}  // namespace

void saveCheckpoint(const std::string& path, const SpaceImpl& space,
                    torch::optim::Optimizer& weights, torch::optim::Optimizer* architecture,
                    const TrainerPosition& position) {
    torch::NoGradGuard noGrad;
    torch::serialize::OutputArchive archive;
    archive.write("position",
                  torch::tensor({position.phase, position.epoch, position.batch, position.step}));
    if (position.order.defined()) archive.write("order", position.order);
    if (position.limitMultipliers.defined())
        archive.write("limit_multipliers", position.limitMultipliers);
    archive.write("repair", torch::tensor({static_cast<int64_t>(position.repair.ran)}));
    for (const auto& [state, count] : position.repair.closed)
        archive.write("repair.closed." + state, torch::tensor(static_cast<int64_t>(count)));
    for (const auto& [name, value] : position.seedMetrics)
        archive.write("seed_metric." + name, torch::tensor(value, torch::kFloat64));
    archive.write("rng", at::detail::getDefaultCPUGenerator().get_state());
    for (size_t n = 0; n < space.params.size(); ++n)
        for (const auto& [name, tensor] : space.params[n])
            archive.write(key(n, name), tensor, true);
    for (const auto& state : space.states) {
        const auto arch = state->parameters();
        for (size_t i = 0; i < arch.size(); ++i) archive.write(archKey(state->name(), i), arch[i]);
    }
    torch::serialize::OutputArchive weightState, archState;
    weights.save(weightState);
    archive.write("weights_optimizer", weightState);
    if (architecture) {
        architecture->save(archState);
        archive.write("architecture_optimizer", archState);
    }
    const std::string temporary = path + ".part-" + uniqueSuffix();
    try {
        archive.save_to(temporary);
        std::filesystem::rename(temporary, path);
    } catch (const std::exception& e) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw Error("cannot write checkpoint '" + path + "': " + e.what());
    }
}

TrainerPosition loadCheckpoint(const std::string& path, SpaceImpl& space,
                               torch::optim::Optimizer& weights,
                               torch::optim::Optimizer* architecture) {
    torch::NoGradGuard noGrad;
    torch::serialize::InputArchive archive;
    try {
        archive.load_from(path);
    } catch (const std::exception& e) {
        throw Error("cannot read checkpoint '" + path + "': " + e.what());
    }
    const auto read = [&](const std::string& k) {
        torch::Tensor t;
        if (!archive.try_read(k, t))
            throw Error("checkpoint '" + path + "' lacks '" + k +
                        "': it belongs to another seed or search space");
        return t;
    };
    for (size_t n = 0; n < space.params.size(); ++n) {
        for (auto& [name, tensor] : space.params[n]) {
            const torch::Tensor saved = read(key(n, name));
            if (saved.sizes() != tensor.sizes())
                throw Error("checkpoint '" + path + "' does not match this seed (" +
                            space.graph.nodes()[n].name + "." + name + ")");
            tensor.copy_(saved);
        }
    }
    size_t legacy = 0;  // checkpoints before the dimension registry: "arch0", "arch1", ...
    for (const auto& state : space.states) {
        const std::vector<torch::Tensor> arch = state->parameters();
        for (size_t i = 0; i < arch.size(); ++i, ++legacy) {
            const std::string k = archKey(state->name(), i);
            torch::Tensor saved;
            const bool found = archive.try_read(k, saved) ||
                               archive.try_read("arch" + std::to_string(legacy), saved);
            arch[i].copy_(found ? saved : read(k));
        }
    }
    torch::serialize::InputArchive weightState, archState;
    archive.read("weights_optimizer", weightState);
    weights.load(weightState);
    if (architecture) {
        archive.read("architecture_optimizer", archState);
        architecture->load(archState);
    }
    at::Generator generator = at::detail::getDefaultCPUGenerator();
    generator.set_state(read("rng"));
    const torch::Tensor p = read("position");
    TrainerPosition position{p[0].item<int64_t>(),
                             p[1].item<int64_t>(),
                             p[2].item<int64_t>(),
                             p[3].item<int64_t>(),
                             {},
                             {},
                             {},
                             {}};
    torch::Tensor order;
    if (archive.try_read("order", order)) position.order = order;
    torch::Tensor multipliers;
    if (archive.try_read("limit_multipliers", multipliers)) position.limitMultipliers = multipliers;
    torch::Tensor repair;
    if (archive.try_read("repair", repair)) {
        position.repair.ran = repair[0].item<int64_t>() != 0;
        for (const auto& state : space.states) {
            torch::Tensor closed;
            if (archive.try_read("repair.closed." + state->name(), closed))
                position.repair.closed[state->name()] = static_cast<int>(closed.item<int64_t>());
        }
    }
    for (const std::string& name : archive.keys())
        if (name.rfind("seed_metric.", 0) == 0)
            position.seedMetrics[name.substr(12)] = read(name).item<double>();
    return position;
}

}  // namespace secateur
