// Ridge classification head (docs/methods.md §5): one-vs-rest least squares on one-hot targets, closed form.
#pragma once

#include "core/jobs/job_context.h"
#include "core/stitch/linear_classifier.h"

namespace lb {

struct RidgeOptions {
    // Regularization relative to the data scale: λ = alpha · trace(X_cᵀX_c) / D, so the same alpha suits
    // cosine relative reps (values in [−1, 1]) and raw embeddings (any scale).
    // Default 0.1: measured on the Fashion-MNIST demo, 1e-3 fits the target's relative representation so
    // closely that source reps (same anchors, another model) lose 20-40 points of accuracy; 0.1 costs the
    // native head < 0.5 point and lifts relative stitching from 0.45 to about 0.8 (cnn_s1 -> cnn_s0, K = 300).
    double alpha = 0.1;
    int numClasses = 0;  // C; 0 = max(label) + 1
    // D in λ's trace / D (0 = X.cols()). A compact relative representation (N × r for an N × K matrix of rank r,
    // compact_relative.h) passes K so that its head equals the one fitted on the K columns.
    Index traceDims = 0;
};

struct RidgeFit {
    LinearClassifier head;
    double lambda = 0;  // the absolute λ used
};

// X: N x D training rows, labels: N ids in [0, C). Solves min_W,b ‖X W + 1 bᵀ − Y‖² + λ‖W‖² (Y one-hot N x C,
// bias unpenalized) as W = (X_cᵀX_c + λI)⁻¹ X_cᵀ Y_c, b = ȳ − x̄ W, with X_cᵀX_c and X_cᵀY_c accumulated in
// double over blocks of kCrossProductBlockRows rows (float GEMM; ridge_normal_equations.h, which also fits
// rows that are never gathered) and a Cholesky solve in double. Cost O(N·D² + D³) (docs/benchmarks.md
// compares it with the relative projection). Errors: InvalidArgument (labels), NumericalIssue (non-finite
// input, singular system when alpha = 0 and X is rank-deficient), Cancelled.
Result<RidgeFit> fitRidgeHead(const ConstRowMatrixRef& X, const std::vector<int32_t>& labels,
                              const RidgeOptions& options, JobContext& ctx = silentJob());

}  // namespace lb
