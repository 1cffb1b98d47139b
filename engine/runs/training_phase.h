// The phases a search reports in Snapshot::phase, as one typed vocabulary with one name table:
// readers parse the engine's text once and compare enums. Plain C++: no torch, no Qt.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace secateur {

enum class TrainingPhase { WarmUp, Search, FineTune, Done };

struct TrainingPhaseName {
    TrainingPhase phase;
    const char* name;  // as Snapshot::phase and checkpoints spell it
};

// In the order a search runs them; Done follows the fine-tune with the final metrics.
inline constexpr std::array<TrainingPhaseName, 4> kTrainingPhases{
    {{TrainingPhase::WarmUp, "warmup"},
     {TrainingPhase::Search, "search"},
     {TrainingPhase::FineTune, "finetune"},
     {TrainingPhase::Done, "done"}}};

// The three phases that train, each with a progress bar and a band in the curves.
inline constexpr std::array<TrainingPhase, 3> kTrainingSteps{
    TrainingPhase::WarmUp, TrainingPhase::Search, TrainingPhase::FineTune};

inline const char* trainingPhaseName(TrainingPhase phase) {
    for (const TrainingPhaseName& p : kTrainingPhases)
        if (p.phase == phase) return p.name;
    return "";
}

// The phase `name` spells; nullopt for an empty or unknown name.
inline std::optional<TrainingPhase> trainingPhaseOf(std::string_view name) {
    for (const TrainingPhaseName& p : kTrainingPhases)
        if (name == p.name) return p.phase;
    return std::nullopt;
}

}  // namespace secateur
