// Task metrics from predictions: accuracy, balanced accuracy, macro-F1 and the confusion matrix
// for classes; mean absolute error for regression. Plain values, no tensors.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace secateur {

struct ClassificationMetrics {
    double accuracy = 0.0;
    double balancedAccuracy = 0.0;  // mean recall over the classes present in the truth
    double macroF1 = 0.0;           // mean F1 over the classes present in truth or predictions
    std::vector<std::vector<int64_t>> confusion;  // [true class][predicted class]
};

// `classes` is the number of classes; labels outside [0, classes) are an Error.
ClassificationMetrics classificationMetrics(const std::vector<int64_t>& truth,
                                            const std::vector<int64_t>& predicted, int64_t classes);

// {"accuracy", "balanced_accuracy", "macro_f1"} of `m`, under `prefix` + name.
void addMetrics(std::map<std::string, double>& out, const ClassificationMetrics& m,
                const std::string& prefix = "");

// The same keys with `prefix` put in front (e.g. "val_").
std::map<std::string, double> prefixed(const std::map<std::string, double>& metrics,
                                       const std::string& prefix);

}  // namespace secateur
