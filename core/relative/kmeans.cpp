// k-means anchors (docs/methods.md §3): k-means++ seeding and Lloyd iterations on the L2-normalized rows, then
// the nearest real row to each centroid. The normalized rows are never stored: each row block is normalized
// on the fly (B x D copy), so memory stays O(B·D + K·D) whatever N is.

#include "core/relative/anchor_strategies.h"

#include <algorithm>

namespace lb::detail {

namespace {

constexpr Index kBlock = 4096;

// Squared distances ||x̂_i - c_j||² for rows [r0, r0 + B) against centroids C (K x D): B x K, clamped at 0.
RowMatrixXf blockDistances(const ConstRowMatrixRef& X, const Eigen::VectorXf& inv, Index r0, Index b,
                           const RowMatrixXf& C, const Eigen::VectorXf& cNorm2) {
    const RowMatrixXf xb = inv.segment(r0, b).asDiagonal() * X.middleRows(r0, b);
    RowMatrixXf d = xb * C.transpose();
    const Eigen::VectorXf xNorm2 = xb.rowwise().squaredNorm();
    for (Index i = 0; i < b; ++i)
        for (Index j = 0; j < C.rows(); ++j) d(i, j) = std::max(0.0f, xNorm2[i] + cNorm2[j] - 2.0f * d(i, j));
    return d;
}

// k-means++: first centre uniform, each next centre drawn with probability proportional to the squared
// distance to the nearest centre so far (direct differences, exact for duplicates).
RowMatrixXf seedCentroids(const ConstRowMatrixRef& X, const Eigen::VectorXf& inv, Index k, std::mt19937_64& rng) {
    const Index n = X.rows();
    RowMatrixXf C(k, X.cols());
    Eigen::VectorXd minDist = Eigen::VectorXd::Constant(n, std::numeric_limits<double>::infinity());
    Index next = static_cast<Index>(uniformBelow(rng, static_cast<uint64_t>(n)));
    for (Index c = 0; c < k; ++c) {
        C.row(c) = X.row(next) * inv[next];
        const Eigen::RowVectorXf a = C.row(c);
#pragma omp parallel for schedule(static) if (parallelWorth(n * X.cols()))
        for (Index i = 0; i < n; ++i)
            minDist[i] = std::min(minDist[i], static_cast<double>((X.row(i) * inv[i] - a).squaredNorm()));
        const double total = minDist.sum();
        if (total <= 0.0) {  // every row coincides with a centre: any row will do
            next = static_cast<Index>(uniformBelow(rng, static_cast<uint64_t>(n)));
            continue;
        }
        const double target = uniform01(rng) * total;
        double acc = 0.0;
        next = n - 1;
        for (Index i = 0; i < n; ++i) {
            acc += minDist[i];
            if (acc > target && minDist[i] > 0.0) {
                next = i;
                break;
            }
        }
    }
    return C;
}

// One Lloyd step: assign every row to its nearest centroid, move centroids to the mean of their rows (an
// empty cluster keeps its centroid). Returns how many assignments changed.
Index lloydStep(const ConstRowMatrixRef& X, const Eigen::VectorXf& inv, RowMatrixXf& C, std::vector<Index>& assign) {
    const Index n = X.rows(), k = C.rows();
    const Eigen::VectorXf cNorm2 = C.rowwise().squaredNorm();
    Index changed = 0;
    for (Index r0 = 0; r0 < n; r0 += kBlock) {
        const Index b = std::min(kBlock, n - r0);
        const RowMatrixXf d = blockDistances(X, inv, r0, b, C, cNorm2);
        for (Index i = 0; i < b; ++i) {
            Index best = 0;
            d.row(i).minCoeff(&best);
            if (assign[static_cast<size_t>(r0 + i)] != best) ++changed;
            assign[static_cast<size_t>(r0 + i)] = best;
        }
    }
    Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(k, X.cols());
    Eigen::VectorXd counts = Eigen::VectorXd::Zero(k);
    for (Index i = 0; i < n; ++i) {
        const Index c = assign[static_cast<size_t>(i)];
        sums.row(c) += (X.row(i) * inv[i]).cast<double>();
        counts[c] += 1.0;
    }
    for (Index c = 0; c < k; ++c)
        if (counts[c] > 0) C.row(c) = (sums.row(c) / counts[c]).cast<float>();
    return changed;
}

// For each centroid (in order) the nearest row not already taken. Keeps the best few candidates per centroid
// from one blocked pass; a centroid whose candidates are all taken falls back to a full scan.
std::vector<Index> nearestDistinctRows(const ConstRowMatrixRef& X, const Eigen::VectorXf& inv, const RowMatrixXf& C) {
    const Index n = X.rows(), k = C.rows();
    const Index keep = std::min<Index>(8, n);
    const Eigen::VectorXf cNorm2 = C.rowwise().squaredNorm();
    std::vector<std::vector<std::pair<float, Index>>> cand(static_cast<size_t>(k));
    for (Index r0 = 0; r0 < n; r0 += kBlock) {
        const Index b = std::min(kBlock, n - r0);
        const RowMatrixXf d = blockDistances(X, inv, r0, b, C, cNorm2);
        for (Index j = 0; j < k; ++j) {
            auto& list = cand[static_cast<size_t>(j)];
            for (Index i = 0; i < b; ++i) list.emplace_back(d(i, j), r0 + i);
            // (distance, row) pairs: ties broken by lowest row. Only the best `keep` are kept, O(b log keep).
            const auto mid = list.begin() + std::min<std::ptrdiff_t>(keep, static_cast<std::ptrdiff_t>(list.size()));
            std::partial_sort(list.begin(), mid, list.end());
            list.erase(mid, list.end());
        }
    }
    std::vector<char> taken(static_cast<size_t>(n), 0);
    std::vector<Index> rows;
    for (Index j = 0; j < k; ++j) {
        Index pick = -1;
        for (const auto& [dist, row] : cand[static_cast<size_t>(j)])
            if (!taken[static_cast<size_t>(row)]) {
                pick = row;
                break;
            }
        if (pick < 0) {
            float best = std::numeric_limits<float>::infinity();
            for (Index i = 0; i < n; ++i) {
                if (taken[static_cast<size_t>(i)]) continue;
                const float dist = (X.row(i) * inv[i] - C.row(j)).squaredNorm();
                if (dist < best) best = dist, pick = i;
            }
        }
        taken[static_cast<size_t>(pick)] = 1;
        rows.push_back(pick);
    }
    return rows;
}

}  // namespace

Result<std::vector<Index>> kmeansAnchors(const ConstRowMatrixRef& X, Index k, uint64_t seed, int iterations,
                                         JobContext& ctx) {
    const Eigen::VectorXf inv = inverseRowNorms(X);
    std::mt19937_64 rng(seed);
    ctx.setStage("k-means anchors", static_cast<uint64_t>(iterations) + 2);
    RowMatrixXf C = seedCentroids(X, inv, k, rng);
    ctx.advance(1);
    std::vector<Index> assign(static_cast<size_t>(X.rows()), -1);
    for (int it = 0; it < iterations; ++it) {
        if (ctx.cancelled()) return Status::cancelled();
        const Index changed = lloydStep(X, inv, C, assign);
        ctx.advance(1);
        if (changed == 0) break;
    }
    if (ctx.cancelled()) return Status::cancelled();
    std::vector<Index> rows = nearestDistinctRows(X, inv, C);
    ctx.advance(1);
    return rows;
}

}  // namespace lb::detail
