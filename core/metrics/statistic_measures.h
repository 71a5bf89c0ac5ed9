// Descriptive-statistics measures (Klabunde et al., survey §4.6; docs/methods.md §4 "Representational similarity
// measures"): one statistic per space, compared by its absolute difference (0 = alike).
//
// Shapes: A is N × D1, B is N × D2 (double), rows paired, N ≥ 2. Rows as given: no centring (the statistics are
// about where the rows sit). pure; any thread.
#pragma once

#include "core/types.h"

namespace lb::measures {

// Magnitude: mean row norm (1/N) Σ ‖x_i‖. Difference |m(A) − m(B)|. O(N·D).
double magnitude(const Eigen::MatrixXd& X);
double magnitudeDifference(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B);

// Concentricity: mean cosine of each row with the mean row (1/N) Σ cos(x_i, x̄) (a zero row or mean counts 0).
// Difference |c(A) − c(B)|. O(N·D).
double concentricity(const Eigen::MatrixXd& X);
double concentricityDifference(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B);

// Uniformity (Wang & Isola 2020) with t = 2: log of the mean over pairs i < j of exp(−t‖u_i − u_j‖²), u the
// L2-normalised rows; in [−4, 0]. Difference |U(A) − U(B)|. O(N²·D): computeMeasures gives it a row subsample.
double uniformity(const Eigen::MatrixXd& X);
double uniformityDifference(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B);

}  // namespace lb::measures
