// Column means and centered cross-products of row-major float matrices, accumulated in double.
//
// These are the building blocks of linear CKA, PCA and the ridge head. They never form anything N x N:
// rows are processed in blocks of `kCrossProductBlockRows`, each block is centered, multiplied in float
// (GEMM speed) and the D x D' block product is added to a double accumulator (so N = 100k rows do not lose
// the precision a single float sum would).
#pragma once

#include "core/jobs/job_context.h"
#include "core/status.h"
#include "core/types.h"

#include <functional>

namespace lb {

constexpr Index kCrossProductBlockRows = 2048;

// X: N x D -> 1 x D column means in double. O(N·D); pure; any thread.
Eigen::RowVectorXd columnMeans(const ConstRowMatrixRef& X);

// X: N x D, Y: N x D' (same rows), meanX: 1 x D, meanY: 1 x D'.
// Returns (X − 1·meanX)ᵀ (Y − 1·meanY): D x D' in double (not divided by N). Cost O(N·D·D'), GEMM-bound,
// multithreaded through Eigen. Reports one progress unit per row block when `ctx` is given and stops with
// Cancelled when it is cancelled. Errors: InvalidArgument on a row-count or width mismatch.
Result<Eigen::MatrixXd> centeredCrossProduct(const ConstRowMatrixRef& X, const ConstRowMatrixRef& Y,
                                             const Eigen::RowVectorXd& meanX, const Eigen::RowVectorXd& meanY,
                                             JobContext& ctx = silentJob());

// Each centered block of rows as centeredGram makes it: its first row's index and the nb x D block X − 1·mean.
using CenteredBlockVisitor = std::function<void(Index firstRow, const RowMatrixXf& centeredBlock)>;

// Same as centeredCrossProduct(X, X, mean, mean) but computes only one triangle per block (rankUpdate)
// and mirrors it: half the flops. Returns the symmetric D x D matrix. `eachBlock`, when set, is shown every
// centered block, for callers that need other sums of the centered rows from the same pass.
Result<Eigen::MatrixXd> centeredGram(const ConstRowMatrixRef& X, const Eigen::RowVectorXd& mean,
                                     JobContext& ctx = silentJob(), const CenteredBlockVisitor& eachBlock = {});

}  // namespace lb
