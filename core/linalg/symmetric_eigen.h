// The eigendecomposition of a symmetric matrix with all its eigenvectors, the one way the translation fits take it
// (polar_factor.cpp: a block's singular pairs from its Gram matrix).
//
// Why LAPACK where it is linked: OpenBLAS (LB_USE_OPENBLAS) carries LAPACK, whose divide-and-conquer dsyevd takes
// about two thirds of Eigen's SelfAdjointEigenSolver time (tridiagonal QL with every rotation applied to the
// vectors) on the 300 × 300 Gram matrices of a 768-d fit; a build without OpenBLAS uses Eigen's solver.
#pragma once

#include <Eigen/Core>

#include <optional>

namespace lb {

struct SymmetricEigen {
    Eigen::VectorXd values;   // n eigenvalues, ascending
    Eigen::MatrixXd vectors;  // n × n, orthonormal columns: m = vectors · diag(values) · vectorsᵀ
};

// m: n × n, n ≥ 1, symmetric (its lower triangle is read). nullopt when the solver fails to converge or m is not
// finite. pure; any thread (single threaded under ScopedOmpThreads(1), as its callers run it).
std::optional<SymmetricEigen> symmetricEigen(const Eigen::MatrixXd& m);

}  // namespace lb
