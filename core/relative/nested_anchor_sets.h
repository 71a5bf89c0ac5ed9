// Nested anchor sets of growing K, drawn reproducibly: what the presentation's story steps through
// (0 -> a few -> 30 -> 300 anchors), each set the first K of the next, so the audience watches anchors being
// added rather than replaced.
#pragma once

#include "core/types.h"

#include <cstdint>
#include <vector>

namespace lb {

// pool: candidate rows (e.g. the reference rows every space shares), P distinct indices; counts: K per set
// (each clipped to [0, P]). Returns one set per count: the first min(K, P) rows of one seeded permutation of
// `pool` (randomSubset(P, max K, seed) in draw order), so a smaller set is always a prefix of a larger one and
// a set does not depend on the other counts. Deterministic for a seed. Cost O(P) memory. pure; any thread.
std::vector<std::vector<Index>> nestedAnchorSets(const std::vector<Index>& pool, const std::vector<Index>& counts,
                                                 uint64_t seed);

}  // namespace lb
