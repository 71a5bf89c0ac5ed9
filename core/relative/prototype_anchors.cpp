// Class prototypes as anchors (docs/methods.md §3): k-means within each class, each centroid snapped to its
// nearest real sample. A training-free stand-in for the learned prototype anchors of Svendsen et al. (arXiv
// 2605.30596), whose anchors are convex mixtures of samples: ours must be samples every space encodes.

#include "core/relative/anchor_strategies.h"

#include <algorithm>
#include <map>
#include <string>

namespace lb::detail {

namespace {

// K split over the classes in proportion to their sizes (largest remainders, ties to the lower class), at least
// one per class while K allows, never more than a class holds.
std::vector<Index> shareOfAnchors(const std::vector<Index>& sizes, Index k) {
    const size_t c = sizes.size();
    Index total = 0;
    for (Index s : sizes) total += s;
    std::vector<Index> share(c, 0);
    std::vector<std::pair<double, size_t>> remainder;
    Index given = 0;
    for (size_t i = 0; i < c; ++i) {
        const double exact = static_cast<double>(k) * static_cast<double>(sizes[i]) / static_cast<double>(total);
        share[i] = std::min(sizes[i], static_cast<Index>(exact));
        given += share[i];
        remainder.emplace_back(exact - static_cast<double>(share[i]), i);
    }
    std::stable_sort(remainder.begin(), remainder.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    // Classes with no anchor first (when K >= C), then the largest remainders, then any room left.
    for (size_t pass = 0; pass < 3 && given < k; ++pass)
        for (const auto& [rem, i] : remainder) {
            if (given == k) break;
            const bool eligible = pass == 0 ? share[i] == 0 : pass == 1 ? rem > 0 : true;
            if (!eligible || share[i] >= sizes[i]) continue;
            ++share[i];
            ++given;
        }
    for (size_t i = 0; given < k; i = (i + 1) % c)  // K close to N: fill whatever room is left
        if (share[i] < sizes[i]) ++share[i], ++given;
    return share;
}

}  // namespace

Result<std::vector<Index>> prototypeAnchors(const ConstRowMatrixRef& X, const std::vector<int32_t>& labels, Index k,
                                            uint64_t seed, int iterations, JobContext& ctx) {
    std::map<int32_t, std::vector<Index>> byClass;
    for (size_t i = 0; i < labels.size(); ++i) byClass[labels[i]].push_back(static_cast<Index>(i));
    std::vector<Index> sizes;
    for (const auto& [label, rows] : byClass) sizes.push_back(static_cast<Index>(rows.size()));
    const std::vector<Index> share = shareOfAnchors(sizes, k);
    std::vector<Index> out;
    size_t c = 0;
    for (const auto& [label, rows] : byClass) {
        const Index kc = share[c++];
        if (kc == 0) continue;
        RowMatrixXf members(static_cast<Index>(rows.size()), X.cols());
        for (size_t i = 0; i < rows.size(); ++i) members.row(static_cast<Index>(i)) = X.row(rows[i]);
        Result<std::vector<Index>> picked =
            kmeansAnchors(members, kc, seed + static_cast<uint64_t>(label), iterations, ctx);
        if (!picked) return picked.error();
        for (Index p : *picked) out.push_back(rows[static_cast<size_t>(p)]);
    }
    return out;
}

}  // namespace lb::detail
