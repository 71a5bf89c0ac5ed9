// Representational-similarity-matrix (RSM) based measures (Klabunde et al., survey §4.3; docs/methods.md §4
// "Representational similarity measures").
//
// Shapes: A is N × D1, B is N × D2 (double), rows paired, N ≥ 2. The RSA and distance-correlation ones form
// N × N matrices (O(N²·D) time, a few N × N doubles of memory): computeMeasures gives them a seeded row subsample.
// The RSM norm difference, the eigenspace overlap and GULP are computed through D × D products, on every row.
// pure; any thread.
#pragma once

#include "core/types.h"

namespace lb::measures {

// RSA (Kriegeskorte et al. 2008): RSM = Euclidean distances between rows (S_ij = ‖a_i − a_j‖), compared by the
// Pearson or the Spearman (average ranks for ties) correlation of the N(N − 1)/2 entries above the diagonals.
// In [−1, 1]; 0 when an RSM is constant.
double rsaPearson(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B);
double rsaSpearman(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B);

// RSM norm difference: ‖ÂÂᵀ − B̂B̂ᵀ‖_F with Â, B̂ centred and scaled to ‖·‖_F = 1 (linear-kernel RSMs), computed
// as sqrt(‖ÂᵀÂ‖² + ‖B̂ᵀB̂‖² − 2‖B̂ᵀÂ‖²). In [0, √2]; 0 for identical shapes.
double rsmNormDifference(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B);

// Distance correlation dCor (Székely et al. 2007): double-centred Euclidean distance matrices 𝒜, ℬ,
// dCov² = mean(𝒜∘ℬ), dCor = sqrt(dCov²(A,B) / sqrt(dCov²(A,A)·dCov²(B,B))) (V-statistics). In [0, 1].
double distanceCorrelation(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B);

// Eigenspace overlap score (May et al. 2019): ‖U_Aᵀ U_B‖²_F / max(r_A, r_B), U orthonormal bases of the centred
// columns (r = their numerical ranks). In [0, 1].
double eigenspaceOverlap(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B);

// GULP distance (Boix-Adsera et al. 2022) with ridge λ: on A, B centred and scaled to unit total variance
// (‖·‖²_F = N), Σ_A = AᵀA/N, Σ_B, Σ_AB = AᵀB/N, R_A = (Σ_A + λI)⁻¹,
// d² = tr(R_A Σ_A R_A Σ_A) + tr(R_B Σ_B R_B Σ_B) − 2 tr(R_A Σ_AB R_B Σ_ABᵀ); returns sqrt(max(d², 0)).
double gulpDistance(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B, double lambda);

}  // namespace lb::measures
