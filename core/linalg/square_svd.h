// The SVD of a square matrix with its full singular vectors, the one way the translation fits take it where
// singular vectors are needed (polar_factor.cpp: the principal angles of a Procrustes completion, and the SVD routes
// for blocks the Gram route cannot classify).
//
// Why LAPACK where it is linked: OpenBLAS (LB_USE_OPENBLAS) carries LAPACK, whose divide-and-conquer dgesdd takes
// about two thirds of Eigen's BDCSVD time on the 300 × 300 principal-angle matrices of a 768-d fit (their clustered
// singular values keep BDCSVD's secular-equation solver busy); a build without OpenBLAS uses BDCSVD.
#pragma once

#include <Eigen/Core>

#include <optional>

namespace lb {

struct SquareSvd {
    Eigen::MatrixXd u, v;  // n × n, orthonormal columns
    Eigen::VectorXd s;     // n singular values, descending: m = u · diag(s) · vᵀ
};

// m: n × n, n ≥ 1. nullopt when the decomposition fails to converge or m is not finite. pure; any thread (single
// threaded under ScopedOmpThreads(1), as its callers run it).
std::optional<SquareSvd> squareSvd(const Eigen::MatrixXd& m);

}  // namespace lb
