// Row-by-row agreement between two spaces of the same shape (a translated space vs the true target).
#pragma once

#include "core/status.h"
#include "core/types.h"

namespace lb {

// S, T: N x D (same rows, same width). Mean over rows of cos(S_i, T_i); a zero row has cosine 0 with
// anything. O(N·D), double accumulation; pure; any thread. Errors: InvalidArgument on a shape mismatch or N = 0.
Result<double> meanCosine(const ConstRowMatrixRef& S, const ConstRowMatrixRef& T);
// The same with S's row norms given (N): for an S that keeps the true rows' dot products with T but not their
// norms (a projection onto T's span, compact_relative.h). Errors: also InvalidArgument when normsS.size() != N.
Result<double> meanCosine(const ConstRowMatrixRef& S, const ConstRowMatrixRef& T, const Eigen::VectorXf& normsS);

// Mean squared error over all N·D entries: Σ (S_ij − T_ij)² / (N·D). Same preconditions as meanCosine.
Result<double> meanSquaredError(const ConstRowMatrixRef& S, const ConstRowMatrixRef& T);

}  // namespace lb
