// Dense products that write their result once.
#pragma once

#include "core/types.h"

namespace lb {

// out = A · Bᵀ for row-major A (M × D) and B (N × D); `out` must already be M × N.
// Why not `out.noalias() = A * B.transpose()`: Eigen zero-fills the destination and then accumulates into it,
// one extra pass over M × N floats (for a kNN block of 400 × 10,000, ~2 ms on top of a ~6 ms product). With
// OpenBLAS (EIGEN_USE_BLAS) the product is written directly (beta = 0); without it, Eigen's product is used.
void productWithTranspose(const ConstRowMatrixRef& A, const ConstRowMatrixRef& B, Eigen::Ref<RowMatrixXf> out);

}  // namespace lb
