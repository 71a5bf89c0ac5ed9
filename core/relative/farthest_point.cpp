// Farthest-point sampling on L2-normalized rows (docs/methods.md §3).

#include "core/relative/anchor_strategies.h"

namespace lb::detail {

Result<std::vector<Index>> farthestPointAnchors(const ConstRowMatrixRef& X, Index k, uint64_t seed, JobContext& ctx) {
    const Index n = X.rows();
    const Eigen::VectorXf inv = inverseRowNorms(X);
    std::mt19937_64 rng(seed);
    std::vector<Index> picked{static_cast<Index>(uniformBelow(rng, static_cast<uint64_t>(n)))};
    picked.reserve(static_cast<size_t>(k));
    // minDist[i] = squared distance from normalized row i to its nearest chosen anchor.
    Eigen::VectorXf minDist = Eigen::VectorXf::Constant(n, std::numeric_limits<float>::infinity());
    ctx.setStage("farthest-point anchors", static_cast<uint64_t>(k));
    ctx.advance(1);
    while (static_cast<Index>(picked.size()) < k) {
        if (ctx.cancelled()) return Status::cancelled();
        const Index last = picked.back();
        const Eigen::RowVectorXf a = X.row(last) * inv[last];
        // Direct differences rather than 2 - 2cos: exact for near-duplicate rows, same O(D) cost per row.
#pragma omp parallel for schedule(static) if (parallelWorth(n * X.cols()))
        for (Index i = 0; i < n; ++i) {
            const float d = (X.row(i) * inv[i] - a).squaredNorm();
            if (d < minDist[i]) minDist[i] = d;
        }
        // Chosen rows have distance 0 and are never picked again unless every row coincides with one.
        Index best = 0;
        float bestDist = -1.0f;
        for (Index i = 0; i < n; ++i)
            if (minDist[i] > bestDist) {
                bestDist = minDist[i];
                best = i;
            }
        if (bestDist <= 0.0f) {
            // All remaining rows duplicate a chosen one: fill with the lowest unchosen indices (still distinct).
            std::vector<char> used(static_cast<size_t>(n), 0);
            for (Index r : picked) used[static_cast<size_t>(r)] = 1;
            for (Index i = 0; i < n && static_cast<Index>(picked.size()) < k; ++i)
                if (!used[static_cast<size_t>(i)]) picked.push_back(i);
            break;
        }
        picked.push_back(best);
        minDist[best] = 0.0f;
        ctx.advance(1);
    }
    return picked;
}

}  // namespace lb::detail
