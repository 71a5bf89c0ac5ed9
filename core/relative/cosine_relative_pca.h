// PCA view of a space's cosine relative representation without forming it (docs/methods.md §1, §6).
//
// With cosine similarity, no transform and no post-normalization, the relative representation is
// R = X̂ Âᵀ (N × K): X̂ the L2-normalized rows of X (N × D), Â the normalized anchors (K × D). Its column mean
// is μ Âᵀ (μ = mean row of X̂) and its covariance is Â C Âᵀ (C = covariance of X̂, D × D). That K × K matrix
// has rank <= D: with C = L Lᵀ and B = Â L (K × D) it is B Bᵀ, whose top eigenvectors are B u / ‖B u‖ for the
// top eigenvectors u of the D × D matrix Bᵀ B. So the principal axes V (K × k) of R cost a D × D eigenproblem
// when K > D (else the K × K one), and the coordinates (R − mean R)·V = (X̂ − μ)·(ÂᵀV) cost O(N·D·k). C, L and
// μ depend on the space only: computed once, every anchor edit then costs O(K·D² + D³ + N·D·k) instead of
// O(N·D·K) to form R plus a PCA of it. This is what keeps anchor edits interactive.
// The result equals fitPca on the materialized R (same sign convention), up to float round-off.
#pragma once

#include "core/jobs/job_context.h"
#include "core/status.h"
#include "core/types.h"

#include <vector>

namespace lb {

// Per-space statistics of the normalized rows; pure; O(N·D²) once per space (O(S·D²) from a sample of S rows).
struct CosineSpaceMoments {
    Eigen::VectorXf invNorms;        // N: 1 / max(‖x_i‖, 1e-12), the cosine kernels' convention (zero rows -> 0)
    Eigen::RowVectorXd mean;         // 1 × D: μ, mean of the normalized rows
    Eigen::MatrixXd covariance;      // D × D: C, covariance of the normalized rows (denominator N − 1, or S − 1)
    Eigen::MatrixXd covarianceRoot;  // D × D: L with L·Lᵀ = C (C's eigenvectors times the roots of its eigenvalues)
    Index sampledRows = 0;           // S: μ and C from the rows ⌊i·N/S⌋ (evenly spaced); 0: from every row
};
// X: N × D, N >= 2. sampleRows in [2, N): μ and C from that many evenly spaced rows (rows ⌊i·N/S⌋; invNorms still
// covers every row), a quick estimate of what the exact moments give; otherwise (0, or >= N) from every row.
// Errors: InvalidArgument (N < 2), NumericalIssue (non-finite X), Cancelled.
Result<CosineSpaceMoments> cosineSpaceMoments(const ConstRowMatrixRef& X, JobContext& ctx = silentJob(),
                                              Index sampleRows = 0);

// R's K × K covariance Â C Âᵀ as last computed, kept by a caller across anchor edits of one space: an edit then
// computes the rows of the anchors it adds only, O(new·D² + new·K·D), instead of O(K·D² + K²·D) for all of them
// (the largest part of an anchor click's relative views at 768 dims). Valid for one X and one CosineSpaceMoments:
// its owner clears it when either changes.
struct RelativeCovarianceMemo {
    std::vector<Index> rows;     // K anchor rows of X, in the covariance's order
    Eigen::MatrixXd covariance;  // K × K
    void clear() { rows.clear(), covariance.resize(0, 0); }
};

// Principal axes of R for the anchors at rows `anchorRows` of X: K × k (k = min(components, K)), orthonormal
// columns by decreasing variance, signs fixed as fitPca's. memo (optional): reused and updated when K <= D, where
// the K × K problem decides. Errors: InvalidArgument (no anchors, row out of range), NumericalIssue, NotConverging.
Result<Eigen::MatrixXf> cosineRelativeAxes(const ConstRowMatrixRef& X, const CosineSpaceMoments& m,
                                           const std::vector<Index>& anchorRows, Index components = 2,
                                           RelativeCovarianceMemo* memo = nullptr);

// (R − mean R)·V as a map of X's rows: row i's coordinates are invNorms(i)·x_i·weights − offset, with weights = ÂᵀV
// (D × k) and offset = μÂᵀV (1 × k). A caller projecting the same rows through another thin map (the translated
// view's) can take both in one pass over X. V: K × k axes (e.g. another space's, in shared-basis mode),
// K = anchorRows.size(). Errors: InvalidArgument (V's rows differ from K, anchor row out of range).
struct CosineRelativeMap {
    Eigen::MatrixXf weights;    // D × k
    Eigen::RowVectorXf offset;  // 1 × k
};
Result<CosineRelativeMap> cosineRelativeMap(const ConstRowMatrixRef& X, const CosineSpaceMoments& m,
                                            const std::vector<Index>& anchorRows, const Eigen::MatrixXf& V);

// (R − mean R)·V for every row of X: N × V.cols(), through cosineRelativeMap. Errors: those of cosineRelativeMap.
Result<RowMatrixXf> projectCosineRelative(const ConstRowMatrixRef& X, const CosineSpaceMoments& m,
                                          const std::vector<Index>& anchorRows, const Eigen::MatrixXf& V);

}  // namespace lb
