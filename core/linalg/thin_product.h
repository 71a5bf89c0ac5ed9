// X·W for a thin right-hand side (W: D × k with a handful of columns: a 2-D view plane, a head's C class
// weights), the one way such products are taken.
//
// Why not the GEMM: a BLAS GEMM packs all of X (N × D) into a buffer of its own before multiplying, and with
// k = 2 that copy costs 4-5× the product (at 100k × 768 it was 40% of an anchor edit's CPU in the views' job).
// Eigen's coefficient-wise product reads each row of X once, as k dot products over the row held in cache:
// memory-bound, as a product this thin must be. Up to kThinColumns columns it is faster; wider, the GEMM is.
#pragma once

#include "core/types.h"

namespace lb {

// The widest W taken coefficient-wise (the two routes cost the same at about 16 columns of 768-d rows).
constexpr Index kThinColumns = 12;

// X: N × D, W: D × k -> N × k. Rows are split over the calling thread's OpenMP team (ScopedOmpThreads caps
// it); W wider than kThinColumns goes to the GEMM. pure.
RowMatrixXf thinProduct(const ConstRowMatrixRef& X, const Eigen::MatrixXf& W);
// (X − 1·offset)·W, offset 1 × D subtracted from each row before the product (as a PCA projection centres its
// rows: exact even when the offset dwarfs the spread, unlike X·W − offset·W in float). Any width of W.
RowMatrixXf thinProduct(const ConstRowMatrixRef& X, const Eigen::RowVectorXf& offset, const Eigen::MatrixXf& W);

}  // namespace lb
