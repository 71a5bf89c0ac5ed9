// A relative representation stored as R = Y·Qᵀ: the same N × K matrix in min(K, D) columns (docs/methods.md §1).
//
// With one cosine similarity every relative row is a linear function of the sample's normalized (transformed)
// vector x̂ (1 × D): r = x̂·Bᵀ with B the K × D normalized anchors (centered across the K anchors for post
// standardize), times a per-row scale for post L2 / standardize. With B = Q·T (thin QR, Q: K × D orthonormal
// columns, T: D × D), r = (x̂·Tᵀ)·Qᵀ, so Y = x̂·Tᵀ (N × D) carries all of R when K > D, and costs O(N·D²)
// instead of O(N·D·K). Everything that depends on R only through dot products and distances — linear and RBF
// CKA, cosine kNN, ridge and logistic heads (their L2 penalty is rotation invariant) — gives the same answer on
// Y as on R. Comparing two spaces' R row against row needs one more K-space step: crossBasis() below.
// Other similarities (angular, distances) and products of several are not linear in x: Y is then R itself.
#pragma once

#include "core/jobs/job_context.h"
#include "core/relative/relative_projection.h"

#include <vector>

namespace lb {

struct CompactRelative {
    RowMatrixXf Y;      // N × r: R's rows in the orthonormal basis Q
    Eigen::MatrixXf Q;  // K × r orthonormal columns; empty when Y is R itself (r = K, Q = identity)
    Index k = 0;        // K: columns of R (relativeOutputCols)
    // D × r when Y = x̂·linearMap, x̂ = X's rows L2-normalized (zero rows stay zero): one cosine similarity with
    // no transform and no post-normalization. Empty otherwise. Lets a caller derive what is linear in Y (linear
    // CKA: cka.h's linearCkaOfMaps) from moments of x̂ kept across anchor edits.
    Eigen::MatrixXf linearMap;

    bool isFull() const { return Q.size() == 0; }
    // R = Y·Qᵀ (N × K): for tests and for callers that need the K coordinates themselves.
    RowMatrixXf expanded() const;
};

// True when `options` allow the compact form (a single cosine similarity, any transform and post-normalization).
bool hasCompactRelativeForm(const RelativeOptions& options);

// The relative representation of X (N × D) on `anchors` (K × D), compact when hasCompactRelativeForm(options)
// and K > D, else the full relativeProjection. Equals relativeProjection(X, anchors, options) up to float
// round-off (expanded()). Same errors as relativeProjection.
Result<CompactRelative> compactRelative(const ConstRowMatrixRef& X, const ConstRowMatrixRef& anchors,
                                        const RelativeOptions& options, JobContext& ctx = silentJob());

// compactRelative in two steps, for callers that project many blocks of rows on the same anchors: the anchors'
// preparation (checks, transform statistics, normalized anchors and, for the compact form, their QR basis:
// O(K·D²)) once, then each block. project(X) equals compactRelative(X, anchors, options).Y bit for bit.
class CompactRelativeProjector {
   public:
    // anchors: K × D. Errors: those of relativeProjection that concern the anchors and options.
    static Result<CompactRelativeProjector> prepare(const ConstRowMatrixRef& anchors, const RelativeOptions& options);
    // X: N × D -> N × r (r = form().Y.cols() would be; Q and k in form()). Multithreaded over rows. Errors:
    // InvalidArgument (X's width is not the anchors'), Cancelled.
    Result<RowMatrixXf> project(const ConstRowMatrixRef& X, JobContext& ctx = silentJob()) const;
    // Q, k and linearMap of the representation; Y empty.
    const CompactRelative& form() const { return m_form; }
    Index cols() const { return m_form.isFull() ? m_form.k : m_form.Q.cols(); }

   private:
    RowMatrixXf m_anchors;  // K × D, for the full form (relativeProjection prepares them itself: O(K·D))
    RelativeOptions m_options;
    CompactRelative m_form;
    Eigen::RowVectorXf m_mean, m_invStd;  // the anchors' transform (compact form)
    Eigen::MatrixXf m_Tt;                 // D × D: Y = x̂·Tᵀ (compact form)
};

// The same for the rows `rows` of X (n of them, any order, repeats allowed): equals compactRelative of
// gatherRows(X, rows) bit for bit, without that n × D copy. Gathers blocks of rows as it goes, so the extra
// memory is one block of rows (a few tens of MB), not a copy of the rows.
Result<CompactRelative> compactRelativeOfRows(const ConstRowMatrixMap& X, const std::vector<Index>& rows,
                                              const ConstRowMatrixRef& anchors, const RelativeOptions& options,
                                              JobContext& ctx = silentJob());

// x̂: X's rows L2-normalized as the cosine similarity normalizes them (zero rows stay zero): what linearMap maps.
RowMatrixXf cosineNormalizedRows(const ConstRowMatrixRef& X);

// a's rows expressed in b's basis: a.Y·(Q_aᵀ·Q_b), N_a × r_b, so that (rows of R_a)·(rows of R_b)ᵀ =
// inBasisOf(a, b)·b.Yᵀ exactly. Row norms are NOT those of R_a (the part of R_a outside b's basis is dropped;
// it is orthogonal to every row of R_b): use a.Y's norms (pointwise.h's meanCosine with norms). a.k == b.k.
RowMatrixXf inBasisOf(const CompactRelative& a, const CompactRelative& b);

}  // namespace lb
