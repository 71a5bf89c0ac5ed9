// Nested anchor sets: each set is a prefix of the next, rows come from the pool without repeats, counts are
// clipped, the draw is reproducible for a seed and changes with it, and it matches randomSubset's draw order.
#include "core/relative/nested_anchor_sets.h"
#include "core/relative/anchor_selection.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace lb;

TEST_CASE("nested anchor sets are prefixes of one seeded draw from the pool", "[relative][anchors]") {
    std::vector<Index> pool;
    for (Index r = 0; r < 500; ++r) pool.push_back(3 * r + 1);  // rows that are not 0..P-1
    const std::vector<Index> counts{0, 5, 30, 300};
    const auto sets = nestedAnchorSets(pool, counts, 7);
    REQUIRE(sets.size() == 4);
    for (size_t s = 0; s < sets.size(); ++s) {
        REQUIRE(sets[s].size() == static_cast<size_t>(counts[s]));
        const std::set<Index> unique(sets[s].begin(), sets[s].end());
        REQUIRE(unique.size() == sets[s].size());
        for (Index r : sets[s]) REQUIRE(std::binary_search(pool.begin(), pool.end(), r));
        if (s > 0) REQUIRE(std::equal(sets[s - 1].begin(), sets[s - 1].end(), sets[s].begin()));
    }
    // The rows are randomSubset's draws, in its order, mapped through the pool.
    const std::vector<Index> draw = randomSubset(static_cast<Index>(pool.size()), 300, 7);
    for (size_t i = 0; i < 300; ++i) REQUIRE(sets[3][i] == pool[static_cast<size_t>(draw[i])]);
    // A set does not depend on the other counts; the same seed gives the same sets, another seed others.
    REQUIRE(nestedAnchorSets(pool, {30}, 7)[0] == sets[2]);
    REQUIRE(nestedAnchorSets(pool, counts, 7) == sets);
    REQUIRE(nestedAnchorSets(pool, counts, 8)[3] != sets[3]);
}

TEST_CASE("nested anchor sets clip counts to the pool", "[relative][anchors]") {
    const std::vector<Index> pool{4, 9, 2};
    const auto sets = nestedAnchorSets(pool, {-1, 2, 10}, 0);
    REQUIRE(sets[0].empty());
    REQUIRE(sets[1].size() == 2);
    REQUIRE(sets[2].size() == 3);
    std::vector<Index> all = sets[2];
    std::sort(all.begin(), all.end());
    REQUIRE(all == std::vector<Index>{2, 4, 9});
    REQUIRE(nestedAnchorSets({}, {5}, 0)[0].empty());
}
