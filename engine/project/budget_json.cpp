#include "engine/project/budget_json.h"

#include "engine/project/json_fields.h"

namespace secateur {

using nlohmann::json;

namespace {

// {"cost": "flash", "values": [8192, "16k", ...]}: numbers in the cost's unit, or text as
// `--limit` reads it.
LimitSweep limitSweepFromJson(const json& j, const std::string& where) {
    const std::string at = where + ": limit_sweep";
    checkKeys(j, {"cost", "values"}, at);
    LimitSweep sweep;
    sweep.cost = field<std::string>(j, "cost", "", at);
    if (sweep.cost.empty()) throw Error(at + ": give the limited cost, e.g. \"cost\": \"flash\"");
    const json values = j.value("values", json::array());
    if (!values.is_array()) throw Error(at + ": field 'values' must be an array");
    try {
        for (const json& v : values) {
            if (v.is_number())
                sweep.values.push_back(v.get<double>());
            else if (v.is_string())
                sweep.values.push_back(parseLimit(sweep.cost + "=" + v.get<std::string>()).value);
            else
                throw Error("values must be numbers or text such as \"16k\"");
        }
        return checkedLimitSweep(sweep);
    } catch (const Error& e) {
        throw Error(at + ": " + e.what());
    }
}

}  // namespace

Budget budgetFromJson(const json& j, const std::string& where) {
    checkKeys(j,
              {"seed_epochs", "search_epochs", "finetune_epochs", "strengths", "widths",
               "max_train_samples", "max_eval_samples", "limit_sweep"},
              where);
    Budget b;
    if (j.contains("limit_sweep")) b.limitSweep = limitSweepFromJson(j.at("limit_sweep"), where);
    b.seedEpochs = field<int>(j, "seed_epochs", b.seedEpochs, where);
    b.searchEpochs = field<int>(j, "search_epochs", b.searchEpochs, where);
    b.finetuneEpochs = field<int>(j, "finetune_epochs", b.finetuneEpochs, where);
    b.strengths = field<std::vector<double>>(j, "strengths", b.strengths, where);
    b.widths = field<std::vector<double>>(j, "widths", b.widths, where);
    b.maxTrainSamples = field<int64_t>(j, "max_train_samples", b.maxTrainSamples, where);
    b.maxEvalSamples = field<int64_t>(j, "max_eval_samples", b.maxEvalSamples, where);
    if (b.seedEpochs < 0 || b.searchEpochs < 0 || b.finetuneEpochs < 0 || b.maxTrainSamples < 0)
        throw Error(where + ": epochs and max_train_samples must not be negative");
    for (const double s : b.strengths)
        if (s < 0) throw Error(where + ": field 'strengths' holds a negative strength");
    for (const double w : b.widths)
        if (w <= 0 || w > 1) throw Error(where + ": field 'widths' must lie in (0, 1]");
    return b;
}

json budgetToJson(const Budget& b) {
    json j{{"seed_epochs", b.seedEpochs},
           {"search_epochs", b.searchEpochs},
           {"finetune_epochs", b.finetuneEpochs},
           {"strengths", b.strengths},
           {"widths", b.widths},
           {"max_train_samples", b.maxTrainSamples},
           {"max_eval_samples", b.maxEvalSamples}};
    if (b.limitSweep)
        j["limit_sweep"] = {{"cost", b.limitSweep->cost}, {"values", b.limitSweep->values}};
    return j;
}

}  // namespace secateur
