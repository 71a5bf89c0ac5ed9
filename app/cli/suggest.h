// "Did you mean ...?" for mistyped commands and options: the closest known name by edit distance.
#pragma once

#include <string>
#include <vector>

namespace lb::cli {

// Levenshtein distance (insertions, deletions, substitutions each cost 1). O(|a| * |b|).
size_t editDistance(const std::string& a, const std::string& b);

// The candidate closest to `typed`, or "" when none is close enough to be a plausible typo: at most
// max(1, |typed| / 3) edits away, or `typed` is a prefix of exactly one candidate. Ties go to the first.
std::string closestName(const std::string& typed, const std::vector<std::string>& candidates);

// " (did you mean 'X'?)" for the closest candidate, or "" when there is none.
std::string didYouMean(const std::string& typed, const std::vector<std::string>& candidates);

}  // namespace lb::cli
