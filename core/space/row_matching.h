// Which rows of two spaces encode the same sample.
//
// Rows correspond by key when both spaces have keys (matched by value, whatever each file's row order),
// otherwise by row index (the shorter space's rows 0..min(N_a, N_b)-1). Pairs with no overlap are refused.
#pragma once

#include "core/space/latent_space.h"

#include <vector>

namespace lb {

struct RowMatch {
    std::vector<Index> rowsA;  // rowsA[i] in space A and rowsB[i] in space B encode the same sample
    std::vector<Index> rowsB;  // same length as rowsA; ordered by A's row order
    bool byKey = false;        // true when matched by key, false when by row index
    size_t size() const { return rowsA.size(); }
};

// Errors: NoOverlap naming both files when no row matches. When only one of the two spaces has keys,
// rows are matched by index and the caller may warn (the result says byKey = false).
Result<RowMatch> matchRows(const LatentSpace& a, const LatentSpace& b);

// Gathers rows `rows` of X into a new K x D matrix (K = rows.size()).
RowMatrixXf gatherRows(const ConstRowMatrixMap& X, const std::vector<Index>& rows);

}  // namespace lb
