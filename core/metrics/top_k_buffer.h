// The k best (similarity, row) pairs of one query seen so far: what both kNN search paths (knn.cpp's GEMM scan
// and blocked_top_k.cpp's register tiles) keep per query.
#pragma once

#include "core/types.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

namespace lb::detail {

// Sorted by decreasing value; rows must be offered in increasing index order, so that equal values keep the
// lower index first (the search's tie rule). A NaN value counts as −inf: it fills a place only while fewer than k
// values were offered, so a list is always complete and never ordered by NaN comparisons.
class TopKBuffer {
   public:
    void reset(Index k) {
        m_k = k;
        m_best.clear();
    }
    bool full() const { return static_cast<Index>(m_best.size()) == m_k; }
    // The k-th best value: a row must beat it strictly to enter. Only meaningful when full().
    float threshold() const { return m_best.back().first; }

    void offer(float v, Index row) {
        if (std::isnan(v)) v = -std::numeric_limits<float>::infinity();
        if (full() && !(v > threshold())) return;  // ties keep the lower index
        // Insert after every entry >= v (equal values keep increasing index order: row is the largest so far).
        auto pos = std::upper_bound(m_best.begin(), m_best.end(), v,
                                    [](float value, const std::pair<float, Index>& e) { return value > e.first; });
        if (full()) m_best.pop_back();
        m_best.insert(pos, {v, row});
    }

    // The (value, row) pairs kept, best first: what a search over later rows merges in (offering them in this
    // order keeps the tie rule, their rows being larger than every row offered before).
    const std::vector<std::pair<float, Index>>& entries() const { return m_best; }

    // The rows, best first (k of them once every row was offered and N >= k).
    void writeRows(Index* out) const {
        for (size_t i = 0; i < m_best.size(); ++i) out[i] = m_best[i].second;
    }

   private:
    Index m_k = 0;
    std::vector<std::pair<float, Index>> m_best;
};

}  // namespace lb::detail
