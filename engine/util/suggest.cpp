#include "engine/util/suggest.h"

#include <algorithm>

namespace secateur {

int editDistance(const std::string& a, const std::string& b) {
    std::vector<int> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
    for (size_t i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = static_cast<int>(i);
        for (size_t j = 1; j <= b.size(); ++j) {
            const int above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string didYouMean(const std::string& wanted, const std::vector<std::string>& candidates) {
    const std::string* best = nullptr;
    int bestDistance = 0;
    for (const std::string& c : candidates) {
        const int d = editDistance(wanted, c);
        if (!best || d < bestDistance) {
            best = &c;
            bestDistance = d;
        }
    }
    const int allowed = std::max<int>(2, static_cast<int>(wanted.size()) / 3);
    if (!best || bestDistance > allowed) return "";
    return " (did you mean '" + *best + "'?)";
}

std::string joinNames(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

}  // namespace secateur
