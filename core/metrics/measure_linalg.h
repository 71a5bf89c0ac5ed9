// Small dense helpers the representational similarity measures share (cca_measures, alignment_measures,
// rsm_measures, statistic_measures). Everything is double: the inputs are float spaces, the measures compare
// sums over N rows.
//
// Shapes: X is N × D (rows = samples). pure; any thread.
#pragma once

#include "core/types.h"

namespace lb::measures {

using Eigen::MatrixXd;
using Eigen::VectorXd;

// X − 1·mean(X): N × D, column-centred.
MatrixXd centred(const MatrixXd& X);

// Xc scaled to ‖Xc‖_F = 1 (a zero matrix stays zero).
MatrixXd unitFrobenius(const MatrixXd& Xc);

// Orthonormal basis of the column space of X (N × D), from a thin SVD: the left singular vectors whose singular
// value exceeds max(N, D)·ε·s_max with ε = float32's epsilon (numpy.linalg.matrix_rank's rule at the precision the
// spaces are stored in: a rank-deficient float space, e.g. relative representations of 40 anchors in 8 dims, has
// rounding-noise directions above double's tolerance that would enter CCA as spurious low correlations).
// N × r, r = numerical rank.
struct ColumnBasis {
    MatrixXd u;  // N × r, orthonormal columns
    VectorXd s;  // r singular values, descending
};
ColumnBasis columnBasis(const MatrixXd& X);

// Nuclear norm (sum of singular values) of a small matrix M.
double nuclearNorm(const MatrixXd& M);

// Pairwise Euclidean distances between the rows of X: N × N, symmetric, zero diagonal. O(N²·D).
MatrixXd pairwiseDistances(const MatrixXd& X);

// Rows of X L2-normalised (a zero row stays zero).
MatrixXd unitRows(const MatrixXd& X);

}  // namespace lb::measures
