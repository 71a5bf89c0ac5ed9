// Sums of per-row terms that do not depend on the thread count. An OpenMP `reduction(+)` adds in an order that
// follows the threads, so the app (one thread per job beside another job) and the CLI (every core) would report
// numbers that differ in their last bits; a session must give the same numbers in both (docs/methods.md §8).
// Here rows are cut into fixed blocks, each block is summed in row order (blocks in parallel), and the block sums
// are added in block order.
#pragma once

#include "core/types.h"

#include <algorithm>
#include <vector>

namespace lb {

// The rows of one block: a caller that sums the blocks itself (rows it sees a block at a time) adds each block's
// terms in row order and the block sums in block order, and gets fixedOrderSum's bits.
constexpr Index kFixedOrderBlock = 2048;

// Σ_{i < n} term(i) in double, the same bits for any OpenMP thread count. term must be safe to call from several
// threads at once for different rows.
template <class Term>
double fixedOrderSum(Index n, Term term) {
    constexpr Index kBlock = kFixedOrderBlock;
    const Index blocks = (std::max<Index>(n, 0) + kBlock - 1) / kBlock;
    std::vector<double> partial(static_cast<size_t>(blocks), 0.0);
#pragma omp parallel for schedule(static)
    for (Index b = 0; b < blocks; ++b) {
        double s = 0;
        for (Index i = b * kBlock; i < std::min(n, (b + 1) * kBlock); ++i) s += term(i);
        partial[static_cast<size_t>(b)] = s;
    }
    double sum = 0;
    for (double s : partial) sum += s;
    return sum;
}

}  // namespace lb
