#include "core/stitch/asif_retrieval.h"

#include "core/metrics/sampling.h"

#include <algorithm>
#include <string>

namespace lb {

namespace {

RowMatrixXf rowsOf(const ConstRowMatrixRef& X, const std::vector<Index>& rows) {
    RowMatrixXf out(static_cast<Index>(rows.size()), X.cols());
    for (size_t i = 0; i < rows.size(); ++i) out.row(static_cast<Index>(i)) = X.row(rows[i]);
    return out;
}

// Queries per GEMM block: a block of Q_b x M scores stays below ~16 MB for a gallery of 10^4 rows.
constexpr Index kQueryBlock = 256;

}  // namespace

Result<AsifRetrieval> asifRetrieval(const ConstRowMatrixRef& A, const ConstRowMatrixRef& B, const RowMatch& match,
                                    const std::vector<Index>& anchorPositions, const AsifRetrievalOptions& options,
                                    JobContext& ctx) {
    if (anchorPositions.empty()) return invalidArgument("ASIF retrieval needs at least one anchor");
    const Index m = static_cast<Index>(match.size());
    std::vector<char> isAnchorPos(static_cast<size_t>(m), 0);
    std::vector<char> isAnchorRowB(static_cast<size_t>(B.rows()), 0);
    std::vector<Index> anchorRowsA, anchorRowsB;
    for (Index p : anchorPositions) {
        if (p < 0 || p >= m) return invalidArgument("ASIF anchor position " + std::to_string(p) + " out of range");
        isAnchorPos[static_cast<size_t>(p)] = 1;
        anchorRowsA.push_back(match.rowsA[static_cast<size_t>(p)]);
        anchorRowsB.push_back(match.rowsB[static_cast<size_t>(p)]);
        isAnchorRowB[static_cast<size_t>(match.rowsB[static_cast<size_t>(p)])] = 1;
    }
    std::vector<Index> pool;
    for (Index p = 0; p < m; ++p)
        if (!isAnchorPos[static_cast<size_t>(p)]) pool.push_back(p);
    if (pool.empty()) return invalidArgument("every shared row is an anchor: no query left");

    AsifRetrieval out;
    for (Index i : sampleRows(static_cast<Index>(pool.size()), options.maxQueries, options.seed))
        out.queryPositions.push_back(pool[static_cast<size_t>(i)]);
    // The gallery: every row of B that is not an anchor, shared with A or not.
    std::vector<Index> candidateOfRowB(static_cast<size_t>(B.rows()), -1);
    for (Index r = 0; r < B.rows(); ++r) {
        if (isAnchorRowB[static_cast<size_t>(r)]) continue;
        candidateOfRowB[static_cast<size_t>(r)] = static_cast<Index>(out.candidateRows.size());
        out.candidateRows.push_back(r);
    }
    std::vector<Index> queryRowsA, truth;
    for (Index p : out.queryPositions) {
        queryRowsA.push_back(match.rowsA[static_cast<size_t>(p)]);
        truth.push_back(candidateOfRowB[static_cast<size_t>(match.rowsB[static_cast<size_t>(p)])]);
    }

    ctx.setStage("ASIF encode", 2);
    Result<RowMatrixXf> eq = asifEncode(rowsOf(A, queryRowsA), rowsOf(A, anchorRowsA), options.asif, ctx);
    if (!eq) return eq.error();
    ctx.advance();
    Result<RowMatrixXf> ec = asifEncode(rowsOf(B, out.candidateRows), rowsOf(B, anchorRowsB), options.asif, ctx);
    if (!ec) return ec.error();
    ctx.advance();

    // Exact rank of the true candidate: count the candidates whose score beats it (ties: lower index first).
    // The true score is read from the same GEMM block as its competitors, so rounding treats them alike.
    const Index q = static_cast<Index>(truth.size());
    out.rank.assign(static_cast<size_t>(q), 0);
    ctx.setStage("ASIF rank", static_cast<uint64_t>(q));
    for (Index start = 0; start < q; start += kQueryBlock) {
        if (ctx.cancelled()) return Status::cancelled();
        const Index nb = std::min(kQueryBlock, q - start);
        const RowMatrixXf S = eq->middleRows(start, nb) * ec->transpose();
#pragma omp parallel for schedule(static)
        for (Index i = 0; i < nb; ++i) {
            const Index t = truth[static_cast<size_t>(start + i)];
            const float st = S(i, t);
            Index ahead = 0;
            for (Index c = 0; c < S.cols(); ++c) ahead += S(i, c) > st || (S(i, c) == st && c < t);
            out.rank[static_cast<size_t>(start + i)] = ahead;
        }
        ctx.advance(static_cast<uint64_t>(nb));
    }
    Index hit1 = 0, hit5 = 0;
    for (Index r : out.rank) {
        hit1 += r < 1;
        hit5 += r < 5;
    }
    out.top1 = static_cast<double>(hit1) / static_cast<double>(q);
    out.top5 = static_cast<double>(hit5) / static_cast<double>(q);
    return out;
}

}  // namespace lb
