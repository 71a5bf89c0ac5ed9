// A pass over chosen rows of a space, block by block: what lets an analysis read the rows it needs of a
// (memory-mapped) space without a copy of them all.
#pragma once

#include "core/jobs/job_context.h"
#include "core/status.h"
#include "core/types.h"

#include <functional>
#include <vector>

namespace lb {

// Called with the position in `rows` of the block's first row and the block (nb × D, nb ≤ blockRows).
using RowBlockVisitor = std::function<Status(Index first, const RowMatrixXf& block)>;

// Visits rows `rows` of X (in that order) in consecutive blocks of at most blockRows rows, each gathered into one
// buffer reused for every block (blockRows × D). Extra memory O(blockRows·D). Advances ctx by the rows of each
// block (the caller sets the stage). Stops at the first error `visit` returns, and with Cancelled when ctx is
// cancelled. Precondition: every row in [0, X.rows()).
Status forEachRowBlock(const ConstRowMatrixRef& X, const std::vector<Index>& rows, Index blockRows,
                       const RowBlockVisitor& visit, JobContext& ctx = silentJob());

}  // namespace lb
