#include "app/cli/suggest.h"

#include <algorithm>

namespace lb::cli {

size_t editDistance(const std::string& a, const std::string& b) {
    // One row of the (|a|+1) x (|b|+1) dynamic-programming table at a time.
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t above = row[j];
            row[j] = std::min({above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string closestName(const std::string& typed, const std::vector<std::string>& candidates) {
    if (typed.empty()) return {};
    std::string best;
    size_t bestDistance = std::max<size_t>(1, typed.size() / 3) + 1;
    for (const std::string& c : candidates) {
        const size_t d = editDistance(typed, c);
        if (d < bestDistance) {
            bestDistance = d;
            best = c;
        }
    }
    if (!best.empty()) return best;
    std::vector<std::string> extending;
    for (const std::string& c : candidates)
        if (c.size() > typed.size() && c.compare(0, typed.size(), typed) == 0) extending.push_back(c);
    return extending.size() == 1 ? extending.front() : std::string();
}

std::string didYouMean(const std::string& typed, const std::vector<std::string>& candidates) {
    const std::string best = closestName(typed, candidates);
    return best.empty() ? std::string() : " (did you mean '" + best + "'?)";
}

}  // namespace lb::cli
