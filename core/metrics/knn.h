// Cosine k-nearest-neighbour search and the neighbourhood-agreement metrics of docs/methods.md §4.
//
// [SECTION] top-k search   [SECTION] Jaccard@k and MRR@k
#pragma once

#include "core/jobs/job_context.h"
#include "core/status.h"
#include "core/types.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace lb {

namespace detail {
class TopKBuffer;  // top_k_buffer.h
}  // namespace detail

// Q x k neighbour row indices, row-major.
using IndexMatrix = Eigen::Matrix<Index, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// --------------------------------------------------------------------------------------------- top-k search
// queries: Q x D, base: N x D. For each query, the k rows of `base` with the highest cosine similarity
// (rows L2-normalized; a zero row normalizes to zero), sorted by decreasing similarity, ties broken by the
// lower row index so results are deterministic. No row is excluded: a query equal to a base row finds it.
// Cost O(Q·N·D). With 8 queries or more, D ≤ 128 and a CPU with AVX-512: a register-tiled kernel that keeps
// each query's top k as its similarities are computed, none written to memory (blocked_top_k.h). Else GEMMs
// over blocks of ~4M similarities (64–1024 queries, up to 16 MB) + O(Q·N log k) selection.
// Multithreaded (OpenMP over queries); honours ctx.cancelled().
// Errors: InvalidArgument (width mismatch, k < 1 or k > N), Cancelled.
Result<IndexMatrix> cosineTopK(const ConstRowMatrixRef& queries, const ConstRowMatrixRef& base, Index k,
                               JobContext& ctx = silentJob());

// cosineTopK of rows already L2-normalized (queries Q x D, base N x D), for callers that keep a base's normalized
// rows across searches. Same kernels, order and ties as cosineTopK. Errors: as cosineTopK.
Result<IndexMatrix> cosineTopKOfNormalized(const RowMatrixXf& queries, const RowMatrixXf& base, Index k,
                                           JobContext& ctx = silentJob());

// X: N x D -> its rows L2-normalized (a zero row stays zero): the rows every cosine search compares. O(N·D).
RowMatrixXf cosineSearchRows(const ConstRowMatrixRef& X);

// cosineTopK over a base seen block by block, for a base too large to hold normalized at once (the similarity
// table's relative column at 1M rows: its rows are computed a block at a time and never kept). queries: Q x D,
// already L2-normalized; add() takes each block of base rows (nb x D, normalized, as cosineSearchRows makes them)
// with the index of its first row, blocks in increasing row order. rows(): Q x k, the same rows, order and ties
// as cosineTopKOfNormalized of the whole base (up to float round-off in the similarities: the products are cut
// differently). Two searches of the same queries over consecutive row ranges combine with append(). Cost
// O(Q·N·D); memory Q x k pairs and a ~16 MB similarity buffer. Single-threaded; one instance per thread.
class StreamedCosineTopK {
   public:
    StreamedCosineTopK(RowMatrixXf queries, Index k);
    ~StreamedCosineTopK();
    StreamedCosineTopK(StreamedCosineTopK&&) noexcept;
    StreamedCosineTopK& operator=(StreamedCosineTopK&&) noexcept;
    void add(const ConstRowMatrixRef& block, Index firstRow);
    // Merges in a search over rows that all come after the rows this one saw.
    void append(const StreamedCosineTopK& later);
    IndexMatrix rows() const;  // Q x min(k, rows seen), best first

   private:
    RowMatrixXf m_queries, m_sims;
    std::vector<detail::TopKBuffer> m_best;
    Index m_next = 0;
};

namespace detail {
// cosineTopK by its GEMM path alone (what builds without AVX-512 run): tests and benchmarks compare the two.
Result<IndexMatrix> cosineTopKByGemm(const ConstRowMatrixRef& queries, const ConstRowMatrixRef& base, Index k,
                                     JobContext& ctx = silentJob());
}  // namespace detail

// ---------------------------------------------------------------------------------- Jaccard@k and MRR@k
struct KnnAgreementOptions {
    Index kJaccard = 10;   // default 10 (docs/methods.md)
    Index kMrr = 5;        // default 5
    Index maxQueries = 0;  // 0 = every row is a query; else a seeded subsample of this many rows
    uint64_t seed = 0;
    std::vector<Index> queries;  // when not empty: exactly these query rows (ascending, distinct, < N); maxQueries
                                 // and seed are then ignored (a caller that draws its queries for several searches)
};

struct KnnAgreement {
    double jaccard = 0;  // mean over queries of |N_T ∩ N_S| / |N_T ∪ N_S|, in [0, 1]
    double mrr = 0;      // mean over queries of 1 / rank of w in N_S(w) (0 if absent), in [0, 1]
    // Standard errors of the two means as estimates over all N rows, from a sample of nQueries of them:
    // sd / sqrt(Q) · sqrt((N − Q) / (N − 1)) (sample sd; finite-population corrected, so 0 when every row is
    // a query, and 0 for a single query).
    double jaccardStdErr = 0, mrrStdErr = 0;
    // Retrieval: the share of queries whose counterpart T(w) is the first (top1) or among the first five (top5)
    // rows S(w) finds among T's rows (docs/methods.md §4), with their standard errors as above.
    double top1 = 0, top5 = 0;
    double top1StdErr = 0, top5StdErr = 0;
    Index nQueries = 0;
    Index kJaccard = 0;  // as used (clamped to N)
    Index kMrr = 0;
};

// Per query i: Jaccard |a ∩ b| / |a ∪ b| of the first k entries of row i of nt and of ns (Q x ≥k each, any common
// row numbering, no repeats within a row), in [0, 1]. What Jaccard@k averages; the app colours points by it.
std::vector<double> jaccardOfLists(const IndexMatrix& nt, const IndexMatrix& ns, Index k);

// The scores of KnnAgreement from neighbour lists found beforehand, in any common row numbering: query i is row
// queries[i]; nt: Q x ≥kJaccard (N_T, its first kJaccard used), ns: Q x ≥max(kJaccard, kMrr, 5 or fewer rows)
// (N_S). Standard errors as for a sample of the queries from `population` rows. O(Q·k log k).
KnnAgreement knnAgreementOfLists(const std::vector<Index>& queries, const IndexMatrix& nt, const IndexMatrix& ns,
                                 Index kJaccard, Index kMrr, Index population);

// S, T: N x D, rows = the same samples, both already in one common space (both relative, S translated
// into T, or both absolute with the same D). For each query row w:
//   N_T(w) = top-k of T(w) among all rows of T   (T(w) itself included: it is its own nearest neighbour)
//   N_S(w) = top-k of S(w) searched among the rows of T
// so MRR asks "where does S(w) find its true counterpart T(w)?" and Jaccard "do both find the same
// neighbourhood?". Cost: two cosineTopK calls, O(Q·N·D). Errors: InvalidArgument (shape mismatch, N < 1).
Result<KnnAgreement> knnAgreement(const ConstRowMatrixRef& S, const ConstRowMatrixRef& T,
                                  const KnnAgreementOptions& options, JobContext& ctx = silentJob());

}  // namespace lb
