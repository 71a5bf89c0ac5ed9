// Internal: the per-block similarity kernels behind relativeProjection() and the shared row-wise
// normalizations. A block is B rows of the (already transformed) input; outputs are B x K.
// Threading: GEMM kernels rely on Eigen's OpenMP-parallel products; loop kernels use OpenMP over rows.
#pragma once

#include "core/relative/anchor_strategies.h"  // parallelWorth
#include "core/relative/relative_projection.h"

namespace lb::detail {

constexpr float kTinyNorm = 1e-12f;     // zero vectors normalize to zero instead of NaN
constexpr float kLayerNormEps = 1e-5f;  // LayerNorm epsilon (product of invariances, post standardize)

// 1 / max(‖row‖, kTinyNorm) for every row of m.
Eigen::VectorXf inverseNorms(const ConstRowMatrixRef& m);

// The absolute transform fitted on the anchors (relative_projection.cpp; docs/methods.md §1): x -> (x − μ)·σ⁻¹.
struct AffineStats {
    Eigen::RowVectorXf mean;    // 1 x D (zeros for transform None)
    Eigen::RowVectorXf invStd;  // 1 x D (ones unless Standard)
};
AffineStats fitTransform(const ConstRowMatrixRef& anchors, AbsoluteTransform t);
RowMatrixXf applyTransform(const ConstRowMatrixRef& x, const AffineStats& s);
// relativeProjection's argument checks: K >= 1 (>= 2 for Standard), one similarity at least, the same D, finite
// anchors.
Status validateProjection(const ConstRowMatrixRef& X, const ConstRowMatrixRef& anchors, const RelativeOptions& options);

// Output of a kernel: a pre-sized B x K row-major block (a scratch matrix or rows of the final result, so the
// full projection is written in place without a second copy).
using OutBlock = Eigen::Ref<RowMatrixXf>;

// Anchors prepared once per projection (all K x D after the absolute transform).
struct PreparedAnchors {
    RowMatrixXf unit;               // rows L2-normalized (zero rows stay zero): cosine / angular
    Eigen::RowVectorXf center;      // anchors' mean, subtracted before the euclidean GEMM for precision
    RowMatrixXf centered;           // anchors - center: euclidean
    Eigen::VectorXf centeredNorm2;  // ‖anchors_k - center‖²
    RowMatrixXf raw;                // the transformed anchors: L1 / L∞
    Eigen::RowVectorXd whitenMean;  // μ_A (1 x D): whitened
    Eigen::MatrixXd whitened;       // D x K: Σ_ε⁻¹ (A − μ_A)ᵀ, so r = (x − μ_A)·whitened
};
PreparedAnchors prepareAnchors(const RowMatrixXf& anchors, const std::vector<Similarity>& sims);

// out (B x K) = similarity of each row of xb to each anchor.
void cosineBlock(const ConstRowMatrixRef& xb, const PreparedAnchors& a, OutBlock out);
void angularBlock(const ConstRowMatrixRef& xb, const PreparedAnchors& a, OutBlock out);
// ‖x - a‖ via ‖x‖² + ‖a‖² - 2x·a on centered data (GEMM); entries where cancellation could lose more than
// ~1e-3 relative accuracy (d² < 1e-2 (‖x‖² + ‖a‖²)) are recomputed by direct differences.
void euclideanBlock(const ConstRowMatrixRef& xb, const PreparedAnchors& a, OutBlock out);
void l1Block(const ConstRowMatrixRef& xb, const PreparedAnchors& a, OutBlock out);
void linfBlock(const ConstRowMatrixRef& xb, const PreparedAnchors& a, OutBlock out);
// (x − μ_A)·Σ_ε⁻¹·(a_k − μ_A)ᵀ: one GEMM with the prepared D x K matrix, in double (Σ_ε can be ill-conditioned
// when K <= D: float sums would lose ~1e-4 relative there).
void whitenedBlock(const ConstRowMatrixRef& xb, const PreparedAnchors& a, OutBlock out);
// Σ_ε⁻¹ (A − μ_A)ᵀ for anchors A (K x D): D x K, with the ridge rule of relative_projection.h. O(K·D² + D³).
Eigen::MatrixXd whitenedAnchors(const RowMatrixXf& anchors, const Eigen::RowVectorXd& mean);
void similarityBlock(Similarity s, const ConstRowMatrixRef& xb, const PreparedAnchors& a, OutBlock out);

// One column: similarity of every row of X to one anchor vector (1 x D), O(N·D), OpenMP over rows. Not for
// whitened, which depends on every anchor (the incremental projection refuses it).
// invNorms: 1 / max(‖x_i‖, 1e-12), used by cosine/angular. Direct differences for the distances.
Eigen::VectorXf similarityColumn(Similarity s, const ConstRowMatrixRef& X, const Eigen::VectorXf& invNorms,
                                 const Eigen::RowVectorXf& anchor);

// In place, per row: (r - mean) / sqrt(biased var + 1e-5) over the columns [c0, c0 + width).
void layerNormRows(OutBlock m, Index c0, Index width);
// In place, per row: r / max(‖r‖, 1e-12).
void l2NormalizeRows(OutBlock m);

// Applies the post-normalization of `options` to every row of `out`.
void postNormalize(OutBlock out, const RelativeOptions& options);

// Computes the projection of the rows xb into out (B x relativeOutputCols): one similarity is written straight
// into out; several go through `scratch` (one B x K matrix each, reused between calls), are standardized
// (layerNormRows) and concatenated or summed. Then post-normalization.
void projectBlock(const ConstRowMatrixRef& xb, const PreparedAnchors& a, const RelativeOptions& options,
                  std::vector<RowMatrixXf>& scratch, OutBlock out);

// Combines m raw N x K matrices (one per similarity, standardized in place when m > 1) into out, then
// post-normalizes: the second half of projectBlock, used by the incremental projection.
void combineInto(std::vector<RowMatrixXf>& raw, const RelativeOptions& options, OutBlock out);

}  // namespace lb::detail
