#include "core/analysis/sample_neighbours.h"

#include <algorithm>
#include <numeric>
#include <unordered_set>

namespace lb {

std::vector<Index> cosineNeighboursOfRow(const ConstRowMatrixRef& X, const Eigen::VectorXf& invNorms, Index q, int k) {
    if (invNorms.size() != X.rows() || q < 0 || q >= X.rows() || k < 1) return {};
    const Eigen::VectorXf sims = (X * X.row(q).transpose()).cwiseProduct(invNorms);
    std::vector<Index> idx(static_cast<size_t>(X.rows()));
    std::iota(idx.begin(), idx.end(), Index(0));
    idx.erase(idx.begin() + q);
    const size_t kk = std::min<size_t>(static_cast<size_t>(k), idx.size());
    std::partial_sort(idx.begin(), idx.begin() + static_cast<std::ptrdiff_t>(kk), idx.end(),
                      [&](Index a, Index b) { return sims[a] > sims[b] || (sims[a] == sims[b] && a < b); });
    idx.resize(kk);
    return idx;
}

SampleNeighbours sampleNeighbours(const Session& s, Index refRow, const std::vector<const Eigen::VectorXf*>& invNorms,
                                  int k) {
    const size_t n = s.spaceCount();
    SampleNeighbours out;
    out.rows.assign(n, {});
    out.sharedWithReference.assign(n, -1);
    if (refRow < 0) return out;
    for (size_t i = 0; i < n && i < invNorms.size(); ++i) {
        const Index row = s.rowInSpace(i, refRow);
        if (row < 0 || !invNorms[i]) continue;
        out.rows[i] = cosineNeighboursOfRow(s.space(i).embeddings.view(), *invNorms[i], row, k);
    }
    out.sharedWithReference = sharedWithReference(s, out.rows);
    return out;
}

std::vector<std::vector<Index>> findNeighbourRows(const std::vector<NeighbourSearch>& searches, int k,
                                                  JobContext& ctx) {
    std::vector<std::vector<Index>> rows(searches.size());
    ctx.setStage("nearest neighbours", searches.size());
    for (size_t i = 0; i < searches.size(); ++i) {
        if (ctx.cancelled()) return {};
        const NeighbourSearch& q = searches[i];
        if (q.space && q.invNorms && q.row >= 0)
            rows[i] = cosineNeighboursOfRow(q.space->embeddings.view(), *q.invNorms, q.row, k);
        ctx.advance();
    }
    return rows;
}

std::vector<int> sharedWithReference(const Session& s, const std::vector<std::vector<Index>>& rows) {
    std::vector<int> shared(rows.size(), -1);
    if (s.reference() >= rows.size()) return shared;
    // Compared as reference rows: a neighbour in space i counts when the reference lists the same sample.
    const std::unordered_set<Index> refSet(rows[s.reference()].begin(), rows[s.reference()].end());
    for (size_t i = 0; i < rows.size() && i < s.spaceCount(); ++i) {
        if (rows[i].empty()) continue;
        int count = 0;
        for (Index r : rows[i])
            if (refSet.count(s.refRowOf(i, r))) ++count;
        shared[i] = count;
    }
    return shared;
}

}  // namespace lb
