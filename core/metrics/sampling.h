// Seeded row subsampling shared by the metrics (RBF CKA rows, kNN queries) and the stitching splits.
#pragma once

#include "core/types.h"

#include <cstdint>
#include <vector>

namespace lb {

// A seeded permutation of 0..n-1 (std::mt19937_64 + our own Fisher-Yates, so the order is identical on
// every standard library). pure; any thread.
std::vector<Index> seededPermutation(Index n, uint64_t seed);

// min(n, maxRows) distinct rows of 0..n-1 in ascending order: all rows when n <= maxRows (or maxRows <= 0),
// else the first maxRows of seededPermutation(n, seed), sorted.
std::vector<Index> sampleRows(Index n, Index maxRows, uint64_t seed);

// A seeded pairing of 0..n-1 with no fixed point (n >= 2): partner[i] != i, each row the partner of exactly one
// other (one cycle through seededPermutation(n, seed)). For n < 2 it returns 0..n-1 unchanged. pure.
std::vector<Index> seededDerangement(Index n, uint64_t seed);

}  // namespace lb
