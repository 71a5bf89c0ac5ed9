#include "core/relative/nested_anchor_sets.h"

#include "core/relative/anchor_selection.h"

#include <algorithm>

namespace lb {

std::vector<std::vector<Index>> nestedAnchorSets(const std::vector<Index>& pool, const std::vector<Index>& counts,
                                                 uint64_t seed) {
    const auto p = static_cast<Index>(pool.size());
    Index largest = 0;
    for (Index k : counts) largest = std::max(largest, std::clamp<Index>(k, 0, p));
    // One permutation prefix for every set: randomSubset's partial Fisher-Yates draws in order, so its first k
    // draws are the same whatever the total.
    const std::vector<Index> order = randomSubset(p, largest, seed);
    std::vector<std::vector<Index>> sets;
    sets.reserve(counts.size());
    for (Index k : counts) {
        const auto take = static_cast<size_t>(std::clamp<Index>(k, 0, p));
        std::vector<Index> rows(take);
        for (size_t i = 0; i < take; ++i) rows[i] = pool[static_cast<size_t>(order[i])];
        sets.push_back(std::move(rows));
    }
    return sets;
}

}  // namespace lb
