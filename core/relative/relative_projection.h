// Relative representation: each sample encoded by its similarities to K anchor samples (docs/methods.md §1).
//
// [SECTION] options   [SECTION] full projection   [SECTION] incremental projection (one anchor = one column)
#pragma once

#include "core/jobs/job_context.h"
#include "core/status.h"
#include "core/types.h"

#include <functional>
#include <string>
#include <vector>

namespace lb {

// ---------------------------------------------------------------------------------------------- options
// Whitened: the whitened inner product of Svendsen et al. (arXiv 2605.30596), (x − μ_A)·Σ_ε⁻¹·(a_k − μ_A)ᵀ with μ_A,
// Σ_A the anchors' mean and covariance (docs/methods.md §1): invariant to any invertible affine map of the space
// when Σ_A is invertible (K > D), magnitudes kept.
enum class Similarity { Cosine, Angular, Euclidean, L1, LInf, Whitened };
enum class AbsoluteTransform { None, Center, Standard };  // fitted on the anchors, applied to x and anchors
enum class PostNormalization { None, L2, Standardize };   // over the K (or m*K) output coordinates
enum class Aggregation { Concat, Sum };                   // how several similarities are combined

struct RelativeOptions {
    std::vector<Similarity> similarities{Similarity::Cosine};  // > 1 entry = product of invariances (default cosine)
    AbsoluteTransform transform = AbsoluteTransform::None;     // default none
    Aggregation aggregation = Aggregation::Concat;             // default concat (N x mK); sum gives N x K
    PostNormalization post = PostNormalization::None;          // default none
};

// Names used by the CLI, sessions and the GUI ("cosine", "angular", "euclidean", "l1", "linf", "whitened"; "none",
// "center", "standard"; "none", "l2", "standardize"; "concat", "sum"). parse* return false on an unknown name.
const char* similarityName(Similarity s);
bool parseSimilarity(const std::string& name, Similarity& out);
const char* transformName(AbsoluteTransform t);
bool parseTransform(const std::string& name, AbsoluteTransform& out);
const char* postNormalizationName(PostNormalization p);
bool parsePostNormalization(const std::string& name, PostNormalization& out);

// -------------------------------------------------------------------------------------- full projection
// X: N x D, anchors: K x D (the same space's encodings of the anchor samples).
// Returns N x K (N x mK when m similarities are concatenated). Zero vectors give zero cosines, never NaN.
// Cost O(N·D·K), GEMM-bound for cosine/angular/euclidean; multithreaded (OpenMP); reports progress per row
// block and honours ctx.cancelled(). Errors: InvalidArgument (K = 0, D mismatch, empty similarity list).
Result<RowMatrixXf> relativeProjection(const ConstRowMatrixRef& X, const ConstRowMatrixRef& anchors,
                                       const RelativeOptions& options, JobContext& ctx = silentJob());

// Conventions (docs/methods.md §1, our choices):
//  - transform statistics come from the anchors only: μ = mean, σ = unbiased std (K - 1; needs K >= 2 for
//    Standard), σ < 10·FLT_EPSILON replaced by 1;
//  - cosine of a zero vector is 0 (divide by max(‖x‖, 1e-12)); angular = arccos(clamp(cos, -1, 1)) / π, so a
//    zero vector has angular 0.5 against every anchor; euclidean/L1/L∞ are plain distances (never NaN);
//  - with m >= 2 similarities each N x K block is standardized per row over its K coordinates
//    ((r - mean) / sqrt(biased var + 1e-5), LayerNorm without affine) before concat/sum; a single
//    similarity is left raw;
//  - post L2: r / max(‖r‖, 1e-12); post standardize: the same LayerNorm over all output coordinates;
//  - whitened: Σ_A = unbiased covariance of the (transformed) anchors; used as is when its Cholesky factor has a
//    reciprocal condition above 1e-10, else Σ_A + ε·(tr Σ_A / D)·I with ε = 1e-4 (K ≤ D, collinear anchors or
//    units constant on the anchors); all-identical anchors give 0 everywhere.

// Number of output columns: K, or m·K for m concatenated similarities.
Index relativeOutputCols(const RelativeOptions& options, Index k);

// Streaming form of relativeProjection: computes consecutive row blocks of at most `blockRows` rows and hands
// each to `sink(firstRow, block)` (block: B x relativeOutputCols) in row order, so the caller can write them out
// while X stays memory-mapped; peak memory O(blockRows·(D + cols)). A sink error stops the run and is returned.
// Same errors, cost, threading and progress as relativeProjection.
using RelativeBlockSink = std::function<Status(Index firstRow, const RowMatrixXf& block)>;
Status relativeProjectionBlocks(const ConstRowMatrixRef& X, const ConstRowMatrixRef& anchors,
                                const RelativeOptions& options, const RelativeBlockSink& sink,
                                JobContext& ctx = silentJob(), Index blockRows = 4096);

// ------------------------------------------------------------------------------- incremental projection
// Keeps the N x K similarity matrix of one space and updates one column per anchor added or removed:
// O(N·D) per edit instead of O(N·D·K). Valid for transform None (with center/standard the anchors' mean
// moves and every column changes: callers recompute fully). Post-normalization is applied on output.
class IncrementalRelativeProjection {
   public:
    // X must outlive this object (it is viewed, not copied). Precomputes row norms for cosine/angular.
    // Errors: InvalidArgument when options.transform != None or a similarity is whitened.
    static Result<IncrementalRelativeProjection> create(const ConstRowMatrixRef& X, const RelativeOptions& options);

    // Appends anchor column for sample `row` of X. O(N·D).
    void addAnchor(Index row);
    // Removes the anchor at position `position` (0 <= position < anchorCount()). O(N·K) memory move.
    void removeAnchor(Index position);
    // Replaces all anchors (full recompute).
    void setAnchors(const std::vector<Index>& rows);

    const std::vector<Index>& anchorRows() const { return m_anchorRows; }
    Index anchorCount() const { return static_cast<Index>(m_anchorRows.size()); }
    // N x K (N x mK) with post-normalization applied; equals relativeProjection(X, X[anchorRows], options).
    RowMatrixXf result() const;

   private:
    IncrementalRelativeProjection(const ConstRowMatrixRef& X, RelativeOptions options);
    ConstRowMatrixRef m_X;
    RelativeOptions m_options;
    Eigen::VectorXf m_rowNorms;                 // N, for cosine/angular
    std::vector<Index> m_anchorRows;            // K
    std::vector<Eigen::VectorXf> m_rawColumns;  // K columns of length N per similarity, before post-norm
};

}  // namespace lb
