// Suggestions for mistyped names in error messages ("did you mean ...").
#pragma once

#include <string>
#include <vector>

namespace secateur {

// Levenshtein distance.
int editDistance(const std::string& a, const std::string& b);
// " (did you mean 'x'?)" for the closest candidate within a few edits, else "".
std::string didYouMean(const std::string& wanted, const std::vector<std::string>& candidates);
// "a, b, c".
std::string joinNames(const std::vector<std::string>& names);

}  // namespace secateur
