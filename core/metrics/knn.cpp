#include "core/metrics/knn.h"

#include "core/metrics/blocked_top_k.h"
#include "core/metrics/sampling.h"
#include "core/metrics/top_k_buffer.h"

#include <algorithm>
#include <cassert>

#ifdef __AVX__
#include <immintrin.h>
#endif
#include <cmath>
#include <numeric>
#include <tuple>
#include <utility>

namespace lb {

namespace {

// Queries per GEMM: each block's product packs the whole base (N x D) again, so blocks as large as a ~16 MB
// similarity buffer allows (at N = 10,000: 400 queries, the base packed twice for 500 queries instead of 8
// times; packing is a sizeable share of the search), and at least 64.
Index queryBlockRows(Index baseRows) {
    constexpr Index kBufferFloats = Index(4) << 20;
    return std::clamp<Index>(kBufferFloats / std::max<Index>(baseRows, 1), 64, 1024);
}

RowMatrixXf normalizedRows(const ConstRowMatrixRef& X) {
    RowMatrixXf out(X.rows(), X.cols());
#pragma omp parallel for schedule(static)
    for (Index i = 0; i < X.rows(); ++i) out.row(i) = X.row(i) / std::max(X.row(i).norm(), 1e-12f);
    return out;
}

// True when one of the 16 values at p is > threshold (the compilers keep the plain loop scalar).
inline bool anyAbove(const float* p, float threshold) {
#ifdef __AVX__
    const __m256 t = _mm256_set1_ps(threshold);
    const __m256 a = _mm256_cmp_ps(_mm256_loadu_ps(p), t, _CMP_GT_OQ);
    const __m256 b = _mm256_cmp_ps(_mm256_loadu_ps(p + 8), t, _CMP_GT_OQ);
    return _mm256_movemask_ps(_mm256_or_ps(a, b)) != 0;
#else
    bool any = false;
    for (int l = 0; l < 16; ++l) any |= p[l] > threshold;
    return any;
#endif
}

// Sorted top-k of one similarity row: decreasing value, then increasing index. One pass keeping the k best; the
// row is scanned in blocks of 16 whose "any value above the current k-th best" test vectorizes, and after the
// first blocks almost every block fails it, so the pass costs ~n/16 vector compares instead of a heap over n.
// Offers the n similarities of rows first .. first + n − 1 to `best`, which holds those of earlier rows only.
void offerRow(const float* sims, Index n, Index first, detail::TopKBuffer& best) {
    constexpr Index kBlock = 16;
    Index j = 0;
    for (; j < n && !best.full(); ++j) best.offer(sims[j], first + j);
    for (; j + kBlock <= n; j += kBlock)
        if (anyAbove(sims + j, best.threshold()))
            for (Index l = 0; l < kBlock; ++l) best.offer(sims[j + l], first + j + l);
    for (; j < n; ++j) best.offer(sims[j], first + j);
}

void topKOfRow(const float* sims, Index n, Index k, detail::TopKBuffer& best, Index* out) {
    best.reset(k);
    offerRow(sims, n, 0, best);
    best.writeRows(out);
}

// cosineTopK on rows already L2-normalized, as one GEMM per block of queries and a scan of its rows.
Result<IndexMatrix> topKByGemm(const ConstRowMatrixRef& qn, const ConstRowMatrixRef& bn, Index k, JobContext& ctx) {
    IndexMatrix out(qn.rows(), k);
    RowMatrixXf sims;
    const Index block = queryBlockRows(bn.rows());
    for (Index q0 = 0; q0 < qn.rows(); q0 += block) {
        if (ctx.cancelled()) return Status::cancelled();
        const Index nb = std::min(block, qn.rows() - q0);
        sims.noalias() = qn.middleRows(q0, nb) * bn.transpose();
#pragma omp parallel
        {
            detail::TopKBuffer best;
#pragma omp for schedule(static)
            for (Index i = 0; i < nb; ++i) topKOfRow(sims.row(i).data(), bn.rows(), k, best, out.row(q0 + i).data());
        }
        ctx.advance(static_cast<uint64_t>(nb));
    }
    return out;
}

// The blocked kernel (blocked_top_k.h) pays for laying out the base once a search has a tile of queries. Up to
// 128 dims it beats the GEMM path (knn_search_bench: 1.3x at the demo's 64); wider, OpenBLAS's GEMM wins.
bool blockedWorth(Index queries, Index dims) {
    return detail::blockedTopKAvailable() && queries >= 8 && dims >= 1 && dims <= 128;
}

// cosineTopK on rows already L2-normalized, by the blocked kernel when it is worth it. `blockedBase`: bn in the
// kernel's layout when the caller has it (a KnnTargetSide), else null.
Result<IndexMatrix> topKNormalized(const RowMatrixXf& qn, const RowMatrixXf& bn, Index k, JobContext& ctx,
                                   const detail::BlockedRows* blockedBase = nullptr) {
    if (!blockedWorth(qn.rows(), bn.cols())) return topKByGemm(qn, bn, k, ctx);
    if (blockedBase) return detail::blockedTopK(qn, *blockedBase, k, ctx);
    return detail::blockedTopK(qn, detail::blockRows(bn), k, ctx);
}

Status checkTopK(const ConstRowMatrixRef& queries, const ConstRowMatrixRef& base, Index k) {
    if (queries.cols() != base.cols())
        return invalidArgument("kNN search needs the same width for queries and base (" +
                               std::to_string(queries.cols()) + " vs " + std::to_string(base.cols()) + ")");
    if (k < 1 || k > base.rows())
        return invalidArgument("kNN k must be in [1, " + std::to_string(base.rows()) + "], got " + std::to_string(k));
    return Status::ok();
}

}  // namespace

namespace detail {
Result<IndexMatrix> cosineTopKByGemm(const ConstRowMatrixRef& queries, const ConstRowMatrixRef& base, Index k,
                                     JobContext& ctx) {
    if (Status st = checkTopK(queries, base, k); !st) return st;
    return topKByGemm(normalizedRows(queries), normalizedRows(base), k, ctx);
}
}  // namespace detail

Result<IndexMatrix> cosineTopK(const ConstRowMatrixRef& queries, const ConstRowMatrixRef& base, Index k,
                               JobContext& ctx) {
    if (Status st = checkTopK(queries, base, k); !st) return st;
    return topKNormalized(normalizedRows(queries), normalizedRows(base), k, ctx);
}

Result<IndexMatrix> cosineTopKOfNormalized(const RowMatrixXf& queries, const RowMatrixXf& base, Index k,
                                           JobContext& ctx) {
    if (Status st = checkTopK(queries, base, k); !st) return st;
    return topKNormalized(queries, base, k, ctx);
}

RowMatrixXf cosineSearchRows(const ConstRowMatrixRef& X) {
    return normalizedRows(X);
}

namespace {

// Rows `rows` of the already normalized matrix m.
RowMatrixXf pickRows(const ConstRowMatrixRef& m, const std::vector<Index>& rows) {
    RowMatrixXf out(static_cast<Index>(rows.size()), m.cols());
    for (Index i = 0; i < out.rows(); ++i) out.row(i) = m.row(rows[static_cast<size_t>(i)]);
    return out;
}

// Mean of per-query values sampled from a population of n rows, and its standard error (KnnAgreement).
std::pair<double, double> sampleMeanAndStdErr(const std::vector<double>& v, Index n) {
    const auto q = static_cast<double>(v.size());
    if (v.empty()) return {0.0, 0.0};
    double mean = 0;
    for (double x : v) mean += x;
    mean /= q;
    if (v.size() < 2 || static_cast<double>(n) <= q) return {mean, 0.0};
    double ss = 0;
    for (double x : v) ss += (x - mean) * (x - mean);
    const double sd = std::sqrt(ss / (q - 1.0));
    return {mean, sd / std::sqrt(q) * std::sqrt((static_cast<double>(n) - q) / (static_cast<double>(n) - 1.0))};
}

// The half of knnAgreement that depends on T alone: the query rows and N_T(w) of each, and the base both searches use.
struct KnnTargetSide {
    std::vector<Index> rows;                             // Q query rows of T
    IndexMatrix neighbours;                              // Q x kJaccard: N_T(w)
    Index kJaccard = 0, kMrr = 0;                        // as used (clamped to N)
    Index n = 0, d = 0;                                  // T's shape
    std::shared_ptr<const RowMatrixXf> normalized;       // T's rows L2-normalized: the base every search uses
    std::shared_ptr<const detail::BlockedRows> blocked;  // those rows in the blocked kernel's layout, or null
};

// T's side from its normalized rows tn (N x D), kept in the side for its searches.
Result<KnnTargetSide> targetSideOf(std::shared_ptr<const RowMatrixXf> normalized, const KnnAgreementOptions& options,
                                   JobContext& ctx) {
    const RowMatrixXf& tn = *normalized;
    if (tn.rows() < 1) return invalidArgument("Jaccard/MRR need at least one row");
    if (options.kJaccard < 1 || options.kMrr < 1) return invalidArgument("Jaccard/MRR k must be >= 1");
    KnnTargetSide side;
    side.n = tn.rows();
    side.d = tn.cols();
    side.kJaccard = std::min(options.kJaccard, tn.rows());
    side.kMrr = std::min(options.kMrr, tn.rows());
    if (options.queries.empty()) {
        side.rows = sampleRows(tn.rows(), options.maxQueries, options.seed);
    } else {
        for (size_t i = 0; i < options.queries.size(); ++i)
            if (options.queries[i] < 0 || options.queries[i] >= tn.rows() ||
                (i > 0 && options.queries[i] <= options.queries[i - 1]))
                return invalidArgument("kNN query rows must be ascending, distinct and below " +
                                       std::to_string(tn.rows()));
        side.rows = options.queries;
    }
    ctx.setStage("kNN agreement", static_cast<uint64_t>(side.rows.size()));
    if (blockedWorth(static_cast<Index>(side.rows.size()), tn.cols()))
        side.blocked = std::make_shared<const detail::BlockedRows>(detail::blockRows(tn));
    Result<IndexMatrix> nt = topKNormalized(pickRows(tn, side.rows), tn, side.kJaccard, ctx, side.blocked.get());
    if (!nt) return nt.error();
    side.neighbours = std::move(*nt);
    side.normalized = std::move(normalized);
    return side;
}

// `blocked`: tn in the blocked kernel's layout when it is the side's (else null).
Result<KnnAgreement> agreementOf(const ConstRowMatrixRef& S, const RowMatrixXf& tn, const KnnTargetSide& side,
                                 const detail::BlockedRows* blocked, JobContext& ctx) {
    if (S.rows() != tn.rows() || S.cols() != tn.cols())
        return invalidArgument("Jaccard/MRR need two spaces of the same shape (same rows, common space)");
    if (tn.rows() != side.n || tn.cols() != side.d)
        return invalidArgument("Jaccard/MRR: the neighbours given were found in another space");
    // Deep enough for Jaccard, MRR and top-5 retrieval; the first k of a deeper search are the same k rows (ties
    // go to the lower index either way).
    const Index kS = std::max({side.kJaccard, side.kMrr, std::min<Index>(5, tn.rows())});
    ctx.setStage("kNN agreement", static_cast<uint64_t>(side.rows.size()));
    Result<IndexMatrix> ns = topKNormalized(normalizedRows(pickRows(S, side.rows)), tn, kS, ctx, blocked);
    if (!ns) return ns.error();
    return knnAgreementOfLists(side.rows, side.neighbours, *ns, side.kJaccard, side.kMrr, tn.rows());
}

}  // namespace

StreamedCosineTopK::StreamedCosineTopK(RowMatrixXf queries, Index k) : m_queries(std::move(queries)) {
    m_best.resize(static_cast<size_t>(m_queries.rows()));
    for (detail::TopKBuffer& b : m_best) b.reset(k);
}

StreamedCosineTopK::~StreamedCosineTopK() = default;
StreamedCosineTopK::StreamedCosineTopK(StreamedCosineTopK&&) noexcept = default;
StreamedCosineTopK& StreamedCosineTopK::operator=(StreamedCosineTopK&&) noexcept = default;

void StreamedCosineTopK::add(const ConstRowMatrixRef& block, Index firstRow) {
    assert(block.cols() == m_queries.cols() && firstRow >= m_next && "StreamedCosineTopK: blocks in row order");
    // Similarities in slices of base rows, so that the buffer stays ~16 MB whatever the block and query counts.
    const Index slice = std::max<Index>(16, (Index(4) << 20) / std::max<Index>(m_queries.rows(), 1));
    for (Index r0 = 0; r0 < block.rows(); r0 += slice) {
        const Index nb = std::min(slice, block.rows() - r0);
        m_sims.noalias() = m_queries * block.middleRows(r0, nb).transpose();
        for (Index i = 0; i < m_queries.rows(); ++i)
            offerRow(m_sims.row(i).data(), nb, firstRow + r0, m_best[static_cast<size_t>(i)]);
    }
    m_next = firstRow + block.rows();
}

void StreamedCosineTopK::append(const StreamedCosineTopK& later) {
    assert(later.m_best.size() == m_best.size() && "StreamedCosineTopK::append: the same queries");
    for (size_t i = 0; i < m_best.size(); ++i)
        for (const auto& [value, row] : later.m_best[i].entries()) m_best[i].offer(value, row);
    m_next = std::max(m_next, later.m_next);
}

IndexMatrix StreamedCosineTopK::rows() const {
    Index k = 0;
    for (const detail::TopKBuffer& b : m_best) k = std::max<Index>(k, static_cast<Index>(b.entries().size()));
    IndexMatrix out = IndexMatrix::Constant(m_queries.rows(), k, -1);
    for (Index i = 0; i < out.rows(); ++i) m_best[static_cast<size_t>(i)].writeRows(out.row(i).data());
    return out;
}

std::vector<double> jaccardOfLists(const IndexMatrix& nt, const IndexMatrix& ns, Index k) {
    std::vector<double> out(static_cast<size_t>(nt.rows()), 0.0);
    std::vector<Index> a, b, common;
    for (Index i = 0; i < nt.rows(); ++i) {
        a.assign(nt.row(i).data(), nt.row(i).data() + k);
        b.assign(ns.row(i).data(), ns.row(i).data() + k);
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        common.clear();
        std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
        const double inter = static_cast<double>(common.size());
        out[static_cast<size_t>(i)] = inter / (2.0 * static_cast<double>(k) - inter);
    }
    return out;
}

KnnAgreement knnAgreementOfLists(const std::vector<Index>& queries, const IndexMatrix& nt, const IndexMatrix& ns,
                                 Index kJaccard, Index kMrr, Index population) {
    KnnAgreement out;
    out.kJaccard = kJaccard;
    out.kMrr = kMrr;
    out.nQueries = static_cast<Index>(queries.size());
    const Index kS = ns.cols();
    const std::vector<double> jaccards = jaccardOfLists(nt, ns, kJaccard);
    std::vector<double> mrrs(jaccards.size(), 0.0), top1s(jaccards.size(), 0.0), top5s(jaccards.size(), 0.0);
    for (Index i = 0; i < out.nQueries; ++i) {
        const Index w = queries[static_cast<size_t>(i)];
        for (Index r = 0; r < kS; ++r)
            if (ns(i, r) == w) {
                if (r < kMrr) mrrs[static_cast<size_t>(i)] = 1.0 / static_cast<double>(r + 1);
                top1s[static_cast<size_t>(i)] = r == 0 ? 1.0 : 0.0;
                top5s[static_cast<size_t>(i)] = r < 5 ? 1.0 : 0.0;
                break;
            }
    }
    std::tie(out.jaccard, out.jaccardStdErr) = sampleMeanAndStdErr(jaccards, population);
    std::tie(out.mrr, out.mrrStdErr) = sampleMeanAndStdErr(mrrs, population);
    std::tie(out.top1, out.top1StdErr) = sampleMeanAndStdErr(top1s, population);
    std::tie(out.top5, out.top5StdErr) = sampleMeanAndStdErr(top5s, population);
    return out;
}

Result<KnnAgreement> knnAgreement(const ConstRowMatrixRef& S, const ConstRowMatrixRef& T,
                                  const KnnAgreementOptions& options, JobContext& ctx) {
    if (S.rows() != T.rows() || S.cols() != T.cols())
        return invalidArgument("Jaccard/MRR need two spaces of the same shape (same rows, common space)");
    // Both searches run among T's normalized rows.
    Result<KnnTargetSide> side = targetSideOf(std::make_shared<const RowMatrixXf>(normalizedRows(T)), options, ctx);
    if (!side) return side.error();
    return agreementOf(S, *side->normalized, *side, side->blocked.get(), ctx);
}

}  // namespace lb
