// selectAnchors(): strategy dispatch, uniform random and per-class (round-robin) selection.

#include "core/relative/anchor_selection.h"

#include "core/relative/anchor_strategies.h"

#include <algorithm>
#include <numeric>

namespace lb {

namespace detail {

uint64_t uniformBelow(std::mt19937_64& rng, uint64_t n) {
    // Values in the last partial block [limit, 2^64) would favour small residues: redraw them.
    const uint64_t limit = std::numeric_limits<uint64_t>::max() - std::numeric_limits<uint64_t>::max() % n;
    uint64_t x = rng();
    while (x >= limit) x = rng();
    return x % n;
}

double uniform01(std::mt19937_64& rng) {
    return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

Eigen::VectorXf inverseRowNorms(const ConstRowMatrixRef& X) {
    Eigen::VectorXf inv(X.rows());
#pragma omp parallel for schedule(static) if (parallelWorth(X.rows() * X.cols()))
    for (Index i = 0; i < X.rows(); ++i) inv[i] = 1.0f / std::max(X.row(i).norm(), 1e-12f);
    return inv;
}

}  // namespace detail

const char* anchorStrategyName(AnchorStrategy s) {
    switch (s) {
        case AnchorStrategy::Random: return "random";
        case AnchorStrategy::PerClass: return "per-class";
        case AnchorStrategy::FarthestPoint: return "fps";
        case AnchorStrategy::KMeans: return "kmeans";
        case AnchorStrategy::Prototypes: return "prototypes";
    }
    return "random";
}

bool parseAnchorStrategy(const std::string& name, AnchorStrategy& out) {
    for (AnchorStrategy s : {AnchorStrategy::Random, AnchorStrategy::PerClass, AnchorStrategy::FarthestPoint,
                             AnchorStrategy::KMeans, AnchorStrategy::Prototypes})
        if (name == anchorStrategyName(s)) {
            out = s;
            return true;
        }
    return false;
}

std::vector<Index> randomSubset(Index n, Index k, uint64_t seed) {
    assert(k >= 0 && k <= n && "randomSubset needs 0 <= k <= n");
    std::vector<Index> idx(static_cast<size_t>(n));
    std::iota(idx.begin(), idx.end(), Index{0});
    std::mt19937_64 rng(seed);
    // Partial Fisher-Yates: position i receives a uniform pick among the n - i not yet drawn.
    for (Index i = 0; i < k; ++i) {
        const auto j = i + static_cast<Index>(detail::uniformBelow(rng, static_cast<uint64_t>(n - i)));
        std::swap(idx[static_cast<size_t>(i)], idx[static_cast<size_t>(j)]);
    }
    idx.resize(static_cast<size_t>(k));
    return idx;
}

// Shuffle every row once with the seed, bucket by class keeping that order, then take one row per class in
// class order until K rows are taken; classes that run out are skipped. Balanced to within one row per class.
static std::vector<Index> perClassAnchors(const std::vector<int32_t>& labels, Index k, uint64_t seed) {
    const auto n = static_cast<Index>(labels.size());
    const std::vector<Index> order = randomSubset(n, n, seed);
    const int32_t numClasses = *std::max_element(labels.begin(), labels.end()) + 1;
    std::vector<std::vector<Index>> byClass(static_cast<size_t>(numClasses));
    for (Index r : order) byClass[static_cast<size_t>(labels[static_cast<size_t>(r)])].push_back(r);
    std::vector<Index> picked;
    picked.reserve(static_cast<size_t>(k));
    for (size_t round = 0; static_cast<Index>(picked.size()) < k; ++round)
        for (const auto& rows : byClass) {
            if (round < rows.size()) picked.push_back(rows[round]);
            if (static_cast<Index>(picked.size()) == k) break;
        }
    return picked;
}

Result<std::vector<Index>> selectAnchors(const ConstRowMatrixRef& X, const std::vector<int32_t>& labels,
                                         const AnchorSelectionOptions& options, JobContext& ctx) {
    const Index n = X.rows(), k = options.count;
    if (k <= 0) return invalidArgument("anchor count must be at least 1 (got " + std::to_string(k) + ")");
    if (k > n)
        return invalidArgument("more anchors requested (" + std::to_string(k) + ") than rows (" + std::to_string(n) +
                               ")");
    const bool byClass = options.strategy == AnchorStrategy::PerClass || options.strategy == AnchorStrategy::Prototypes;
    if (byClass && labels.size() != static_cast<size_t>(n))
        return invalidArgument(std::string(anchorStrategyName(options.strategy)) +
                               " anchors need one label per row (the space has no labels)");
    if (byClass && std::any_of(labels.begin(), labels.end(), [](int32_t l) { return l < 0; }))
        return invalidArgument(std::string(anchorStrategyName(options.strategy)) + " anchors need labels >= 0");
    switch (options.strategy) {
        case AnchorStrategy::Random: return randomSubset(n, k, options.seed);
        case AnchorStrategy::PerClass: return perClassAnchors(labels, k, options.seed);
        case AnchorStrategy::FarthestPoint: return detail::farthestPointAnchors(X, k, options.seed, ctx);
        case AnchorStrategy::KMeans:
            if (options.kmeansIterations < 0) return invalidArgument("k-means iterations must be >= 0");
            return detail::kmeansAnchors(X, k, options.seed, options.kmeansIterations, ctx);
        case AnchorStrategy::Prototypes:
            if (options.kmeansIterations < 0) return invalidArgument("k-means iterations must be >= 0");
            return detail::prototypeAnchors(X, labels, k, options.seed, options.kmeansIterations, ctx);
    }
    return invalidArgument("unknown anchor strategy");
}

}  // namespace lb
