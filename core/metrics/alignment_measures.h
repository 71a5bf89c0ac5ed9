// Alignment-based representational similarity (Klabunde et al., survey §4.2; docs/methods.md §4
// "Representational similarity measures").
//
// Shapes: A is N × D1, B is N × D2 (double), rows paired, N ≥ 2. Every measure here centres the columns of both;
// Procrustes, the angular metric and the aligned cosine also scale each to ‖·‖_F = 1 (Â, B̂). When D1 ≠ D2 the
// orthogonal map is D1 × D2 with orthonormal columns or rows: the same as padding the narrower space with zero
// columns. Cost O(N·D1·D2 + N·(D1² + D2²)). pure; any thread.
#pragma once

#include "core/types.h"

namespace lb::measures {

// Orthogonal Procrustes distance min_Q ‖ÂQ − B̂‖_F = sqrt(2 − 2‖ÂᵀB̂‖_*), in [0, 2]; 0 for identical shapes.
double procrustesDistance(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B);

// Angular shape metric (Williams et al. 2021): arccos(‖ÂᵀB̂‖_*), in [0, π/2].
double angularShapeMetric(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B);

// Linear regression fit of B from A: R² = 1 − ‖B_c − A_c β‖²_F / ‖B_c‖²_F with β = A_c⁺ B_c (least squares,
// minimum norm), in [0, 1]. Asymmetric (A predicts B). 0 when B is constant.
double linearRegressionR2(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B);

// Aligned cosine similarity: Q the orthogonal Procrustes map of Â onto B̂, then the mean over rows of
// cos((ÂQ)_i, B̂_i), in [−1, 1] (a zero row counts 0).
double alignedCosine(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B);

}  // namespace lb::measures
