#include "core/space/row_blocks.h"

#include <algorithm>
#include <cassert>

namespace lb {

Status forEachRowBlock(const ConstRowMatrixRef& X, const std::vector<Index>& rows, Index blockRows,
                       const RowBlockVisitor& visit, JobContext& ctx) {
    const auto n = static_cast<Index>(rows.size());
    blockRows = std::max<Index>(1, blockRows);
    RowMatrixXf block;
    for (Index r0 = 0; r0 < n; r0 += blockRows) {
        if (ctx.cancelled()) return Status::cancelled();
        const Index nb = std::min(blockRows, n - r0);
        block.resize(nb, X.cols());  // allocates once (and for the last, shorter block)
        for (Index i = 0; i < nb; ++i) {
            const Index row = rows[static_cast<size_t>(r0 + i)];
            assert(row >= 0 && row < X.rows() && "forEachRowBlock: row out of range");
            block.row(i) = X.row(row);
        }
        if (Status st = visit(r0, block); !st) return st;
        ctx.advance(static_cast<uint64_t>(nb));
    }
    return Status::ok();
}

}  // namespace lb
