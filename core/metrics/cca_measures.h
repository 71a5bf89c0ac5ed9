// CCA-based representational similarity (Klabunde et al., survey §4.1; docs/methods.md §4 "Representational
// similarity measures").
//
// Shapes: A is N × D1, B is N × D2 (double), rows paired (row i of A and of B encode the same sample), N ≥ 2.
// Both are column-centred here. The canonical correlations ρ_1 ≥ … ≥ ρ_m (m = min(rank A, rank B)) are the
// singular values of U_Aᵀ U_B, U_A and U_B orthonormal bases of the centred columns. Cost O(N·(D1² + D2²)).
// pure; any thread.
#pragma once

#include "core/types.h"

namespace lb::measures {

// Mean canonical correlation (1/m) Σ ρ_i, in [0, 1]; 1 when B is an invertible linear map of A.
double meanCca(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B);

// SVCCA (Raghu et al. 2017): each centred space reduced to its top singular directions that explain
// `varianceKept` (default 0.99) of its variance (the fewest whose Σ s_i² reaches that share), then meanCca.
double svcca(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B, double varianceKept);

// PWCCA (Morcos et al. 2018): Σ α_i ρ_i / Σ α_i with α_i = Σ_j |⟨h_i, a_j⟩|, h_i the i-th canonical variate of A
// (unit N-vector) and a_j the j-th centred column of A. Asymmetric: the weights come from A.
double pwcca(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B);

}  // namespace lb::measures
