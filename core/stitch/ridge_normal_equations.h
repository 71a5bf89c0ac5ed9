// The ridge head's normal equations (docs/methods.md §5) accumulated over row blocks: the centered Gram X_cᵀX_c
// (D × D) and the centered class sums X_cᵀY_c (D × C, Y one-hot) of every row added, without holding the rows.
// A head can then be fitted on rows that never exist together in memory: blocks of a memory-mapped space, or
// relative representations computed block by block (core/stitch/stitching.cpp).
#pragma once

#include "core/stitch/ridge_head.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace lb {

// Fewer rows than features (a preview's few hundred training rows of 768-d embeddings): the rows themselves are
// kept instead of the D × D Gram, and solve() takes the same W in its dual form W = X_cᵀ(X_cX_cᵀ + λI)⁻¹Y_c: an
// N²·D kernel and an N × N Cholesky instead of an N·D² Gram and a D × D one. Past D rows (or with alpha = 0, or
// rows that all equal their mean: the primal form decides about singular systems) the kept rows join the Gram and
// the primal form applies.
class RidgeNormalEquations {
   public:
    // d: feature width D; numClasses: C (every label in [0, C)).
    RidgeNormalEquations(Index d, int numClasses);

    // block: nb × D rows; labels: their nb classes. Each block is shifted by the first block's column means
    // before its float product (rank update, then added in double), so the products keep their precision
    // without a first pass for the exact means; solve() corrects for the shift exactly.
    // Errors: InvalidArgument (width, a label outside [0, C)), NumericalIssue (NaN or Inf in the block).
    // Cost O(nb·D²), multithreaded BLAS; not thread-safe (one accumulator per thread).
    Status add(const ConstRowMatrixRef& block, const int32_t* labels);

    Index rows() const { return m_rows; }

    // W = (X_cᵀX_c + λI)⁻¹ X_cᵀY_c and b = ȳ − x̄W, λ = alpha · trace(X_cᵀX_c) / D (options.traceDims when
    // set), solved in double with Cholesky (LDLᵀ when λ = 0 leaves it singular), or in the dual form with fewer
    // rows than features (above); options.numClasses is ignored (C is fixed above).
    // Errors: InvalidArgument (alpha < 0, no rows, fewer than 2 classes present), NumericalIssue (singular
    // system when alpha = 0 and the rows are rank-deficient).
    Result<RidgeFit> solve(const RidgeOptions& options) const;

   private:
    // The dual form; nullopt when its system is not positive definite (every kept row equal), left to the primal.
    std::optional<RidgeFit> solveDual(const RidgeOptions& options) const;
    double lambdaOf(const RidgeOptions& options, double gramTrace) const;  // alpha · trace / (traceDims or D)
    // The kept rows' rank update added to `gram` (D × D, lower triangle).
    void addKeptTo(Eigen::MatrixXd& gram) const;

    Index m_d = 0, m_rows = 0;
    Eigen::RowVectorXd m_shift;         // 1 × D: the first block's column means
    Eigen::RowVectorXf m_shiftF;        // the same in float, subtracted from every row
    Eigen::MatrixXd m_gram;             // D × D, lower: Σ (x − s)ᵀ(x − s), rows not kept; empty while all are
    RowMatrixXf m_kept;                 // n × D: the rows minus the shift, while fewer than D have been added
    std::vector<int32_t> m_keptLabels;  // their n classes
    Eigen::MatrixXd m_classSums;        // D × C: per class Σ (x − s)ᵀ
    Eigen::VectorXd m_counts;           // C rows per class
    RowMatrixXf m_centered;             // nb × D: the current block minus the shift (reused)
    Eigen::MatrixXf m_blockGram;        // D × D float rank update of one block (reused; empty like m_gram)
    Eigen::MatrixXf m_blockSums;        // D × C float class sums of one block (reused)
};

// What a head reads of a block of rows (nb × D -> nb × D'), e.g. their relative representation.
using RowFeatures = std::function<Result<RowMatrixXf>(const RowMatrixXf& block)>;

// fitRidgeHead on the rows `rows` of X (labels: one per row of X), or on their features when `features` is set,
// without gathering them: blocks of kCrossProductBlockRows rows, so the result equals fitRidgeHead of the gathered
// rows (their features). Extra memory: one block. Errors: those of fitRidgeHead and of `features`.
Result<RidgeFit> fitRidgeHeadOnRows(const ConstRowMatrixRef& X, const std::vector<Index>& rows,
                                    const std::vector<int32_t>& labels, const RidgeOptions& options,
                                    JobContext& ctx = silentJob(), const RowFeatures& features = {});

}  // namespace lb
