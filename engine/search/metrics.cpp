#include "engine/search/metrics.h"

#include "engine/util/error.h"

namespace secateur {

ClassificationMetrics classificationMetrics(const std::vector<int64_t>& truth,
                                            const std::vector<int64_t>& predicted,
                                            int64_t classes) {
    if (truth.size() != predicted.size())
        throw Error("metrics: " + std::to_string(truth.size()) + " labels but " +
                    std::to_string(predicted.size()) + " predictions");
    const auto k = static_cast<size_t>(classes);
    ClassificationMetrics m;
    m.confusion.assign(k, std::vector<int64_t>(k, 0));
    int64_t correct = 0;
    for (size_t i = 0; i < truth.size(); ++i) {
        if (truth[i] < 0 || truth[i] >= classes || predicted[i] < 0 || predicted[i] >= classes)
            throw Error("metrics: label " + std::to_string(truth[i]) + " or prediction " +
                        std::to_string(predicted[i]) + " outside 0.." +
                        std::to_string(classes - 1));
        ++m.confusion[static_cast<size_t>(truth[i])][static_cast<size_t>(predicted[i])];
        correct += truth[i] == predicted[i] ? 1 : 0;
    }
    if (truth.empty()) return m;
    m.accuracy = static_cast<double>(correct) / static_cast<double>(truth.size());
    double recallSum = 0.0, f1Sum = 0.0;
    int present = 0, scored = 0;
    for (size_t c = 0; c < k; ++c) {
        int64_t actual = 0, predictedAs = 0;
        for (size_t o = 0; o < k; ++o) {
            actual += m.confusion[c][o];
            predictedAs += m.confusion[o][c];
        }
        const auto hits = static_cast<double>(m.confusion[c][c]);
        if (actual > 0) {
            recallSum += hits / static_cast<double>(actual);
            ++present;
        }
        if (actual + predictedAs > 0) {
            f1Sum += 2.0 * hits / static_cast<double>(actual + predictedAs);
            ++scored;
        }
    }
    m.balancedAccuracy = present ? recallSum / present : 0.0;
    m.macroF1 = scored ? f1Sum / scored : 0.0;
    return m;
}

void addMetrics(std::map<std::string, double>& out, const ClassificationMetrics& m,
                const std::string& prefix) {
    out[prefix + "accuracy"] = m.accuracy;
    out[prefix + "balanced_accuracy"] = m.balancedAccuracy;
    out[prefix + "macro_f1"] = m.macroF1;
}

std::map<std::string, double> prefixed(const std::map<std::string, double>& metrics,
                                       const std::string& prefix) {
    std::map<std::string, double> out;
    for (const auto& [name, value] : metrics) out[prefix + name] = value;
    return out;
}

}  // namespace secateur
