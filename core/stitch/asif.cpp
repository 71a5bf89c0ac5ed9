#include "core/stitch/asif.h"

#include "core/relative/relative_projection.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace lb {

namespace {

// Keeps the k largest entries of one row (ties by lower index), clamps negatives to 0, applies the power
// and L2-normalizes, in place.
void sparsifyRow(float* row, Index n, Index k, float p, std::vector<Index>& order) {
    order.resize(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), Index{0});
    if (k < n) {
        std::nth_element(order.begin(), order.begin() + k, order.end(),
                         [row](Index a, Index b) { return row[a] > row[b] || (row[a] == row[b] && a < b); });
        for (auto it = order.begin() + k; it != order.end(); ++it) row[*it] = 0.0f;
    }
    double norm2 = 0;
    for (Index j = 0; j < n; ++j) {
        row[j] = row[j] > 0.0f ? std::pow(row[j], p) : 0.0f;
        norm2 += static_cast<double>(row[j]) * row[j];
    }
    // Underflow guard: with p = 8, similarities below ~1e-5 vanish in float; a row can become all zero.
    if (norm2 > 0) {
        const float inv = static_cast<float>(1.0 / std::sqrt(norm2));
        for (Index j = 0; j < n; ++j) row[j] *= inv;
    }
}

}  // namespace

Result<RowMatrixXf> asifEncode(const ConstRowMatrixRef& X, const ConstRowMatrixRef& anchors, const AsifOptions& options,
                               JobContext& ctx) {
    if (options.topk < 1) return invalidArgument("ASIF topk must be >= 1");
    if (!(options.p > 0)) return invalidArgument("ASIF exponent p must be > 0");
    RelativeOptions cosine;  // defaults: cosine, no transform, no post-normalization
    Result<RowMatrixXf> rel = relativeProjection(X, anchors, cosine, ctx);
    if (!rel) return rel.error();
    RowMatrixXf& R = *rel;
    const Index k = std::min(options.topk, R.cols());
    const float p = static_cast<float>(options.p);
#pragma omp parallel
    {
        std::vector<Index> order;
#pragma omp for schedule(static)
        for (Index i = 0; i < R.rows(); ++i) sparsifyRow(R.row(i).data(), R.cols(), k, p, order);
    }
    return std::move(R);
}

Result<IndexMatrix> asifPredict(const ConstRowMatrixRef& queries, const ConstRowMatrixRef& anchorsA,
                                const ConstRowMatrixRef& candidates, const ConstRowMatrixRef& anchorsB,
                                const AsifOptions& options, Index topN, JobContext& ctx) {
    if (anchorsA.rows() != anchorsB.rows())
        return invalidArgument("ASIF needs paired anchors: " + std::to_string(anchorsA.rows()) + " vs " +
                               std::to_string(anchorsB.rows()));
    if (topN < 1) return invalidArgument("ASIF topN must be >= 1");
    if (candidates.rows() < 1) return invalidArgument("ASIF needs at least one candidate");
    ctx.setStage("ASIF encode", 2);
    Result<RowMatrixXf> rq = asifEncode(queries, anchorsA, options, ctx);
    if (!rq) return rq.error();
    Result<RowMatrixXf> rc = asifEncode(candidates, anchorsB, options, ctx);
    if (!rc) return rc.error();
    // Both encodings are L2-normalized, so the cosine top-k search ranks exactly by their dot product.
    ctx.setStage("ASIF match", static_cast<uint64_t>(queries.rows()));
    return cosineTopK(*rq, *rc, std::min(topN, candidates.rows()), ctx);
}

}  // namespace lb
