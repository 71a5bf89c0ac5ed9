#include "core/metrics/retrieval.h"

#include "core/metrics/knn.h"
#include "core/metrics/sampling.h"

#include <algorithm>
#include <cassert>

namespace lb {

Result<RetrievalResult> retrievalAccuracy(const ConstRowMatrixRef& S, const ConstRowMatrixRef& T,
                                          const RetrievalOptions& options, JobContext& ctx) {
    if (S.rows() != T.rows() || S.cols() != T.cols())
        return invalidArgument("retrieval needs two spaces of the same shape (same rows, common space)");
    if (T.rows() < 1 || options.ks.empty()) return invalidArgument("retrieval needs rows and at least one k");
    RetrievalResult out;
    Index kMax = 0;
    for (Index k : options.ks) {
        if (k < 1) return invalidArgument("retrieval k must be >= 1");
        out.ks.push_back(std::min(k, T.rows()));
        kMax = std::max(kMax, out.ks.back());
    }
    const std::vector<Index> rows = sampleRows(T.rows(), options.maxQueries, options.seed);
    out.nQueries = static_cast<Index>(rows.size());
    RowMatrixXf q(out.nQueries, S.cols());
    for (Index i = 0; i < out.nQueries; ++i) q.row(i) = S.row(rows[static_cast<size_t>(i)]);
    ctx.setStage("retrieval", static_cast<uint64_t>(out.nQueries));
    Result<IndexMatrix> nn = cosineTopK(q, T, kMax, ctx);
    if (!nn) return nn.error();
    out.accuracy.assign(out.ks.size(), 0.0);
    for (Index i = 0; i < out.nQueries; ++i) {
        Index rank = kMax;  // position of the counterpart, kMax = absent
        for (Index r = 0; r < kMax; ++r)
            if ((*nn)(i, r) == rows[static_cast<size_t>(i)]) {
                rank = r;
                break;
            }
        for (size_t j = 0; j < out.ks.size(); ++j)
            if (rank < out.ks[j]) out.accuracy[j] += 1.0;
    }
    for (double& a : out.accuracy) a /= static_cast<double>(std::max<Index>(out.nQueries, 1));
    return out;
}

double classificationAccuracy(const std::vector<int32_t>& predicted, const std::vector<int32_t>& labels) {
    assert(predicted.size() == labels.size() && "classificationAccuracy: size mismatch");
    if (predicted.empty() || predicted.size() != labels.size()) return 0.0;
    size_t hits = 0;
    for (size_t i = 0; i < labels.size(); ++i) hits += predicted[i] == labels[i];
    return static_cast<double>(hits) / static_cast<double>(labels.size());
}

}  // namespace lb
