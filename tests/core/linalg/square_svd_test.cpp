// The square SVD the translation fits use: a true decomposition (orthonormal factors that rebuild the matrix,
// descending values) equal in its values to an independent one-sided Jacobi SVD, including on the clustered and
// rank-deficient matrices a Procrustes completion meets.

#include "core/linalg/square_svd.h"

#include "tests/support/test_helpers.h"

#include <Eigen/SVD>

#include <cmath>
#include <limits>

using namespace lb;
using Eigen::MatrixXd;

namespace {

void checkDecomposition(const MatrixXd& m) {
    const std::optional<SquareSvd> svd = squareSvd(m);
    REQUIRE(svd);
    const Eigen::Index n = m.rows();
    const MatrixXd id = MatrixXd::Identity(n, n);
    CHECK((svd->u.transpose() * svd->u - id).norm() < 1e-12 * n);
    CHECK((svd->v.transpose() * svd->v - id).norm() < 1e-12 * n);
    CHECK((svd->u * svd->s.asDiagonal() * svd->v.transpose() - m).norm() < 1e-12 * (1.0 + m.norm()));
    for (Eigen::Index i = 1; i < n; ++i) CHECK(svd->s(i) <= svd->s(i - 1));
    const Eigen::JacobiSVD<MatrixXd> reference(m);
    test::requireNear(MatrixXd(svd->s), MatrixXd(reference.singularValues()), 1e-12 * (1.0 + m.norm()));
}

}  // namespace

TEST_CASE("square SVD of a random matrix", "[linalg]") {
    checkDecomposition(test::randomMatrix(40, 40, 61).cast<double>());
    checkDecomposition(MatrixXd::Constant(1, 1, -3.0));
}

TEST_CASE("square SVD of the matrices a Procrustes completion meets", "[linalg]") {
    // uᵀv for orthonormal u, v (W × r): the cosines of principal angles, many of them clustered near 1.
    const Eigen::Index w = 60, r = 25;
    const MatrixXd a = test::randomMatrix(w, r, 62).cast<double>();
    MatrixXd b = a + 0.05 * test::randomMatrix(w, r, 63).cast<double>();
    b.col(0) = test::randomMatrix(w, 1, 64).cast<double>();  // one direction far from the others
    const MatrixXd u = Eigen::HouseholderQR<MatrixXd>(a).householderQ() * MatrixXd::Identity(w, r);
    const MatrixXd v = Eigen::HouseholderQR<MatrixXd>(b).householderQ() * MatrixXd::Identity(w, r);
    checkDecomposition(u.transpose() * v);
    // Rank-deficient: a centered matrix (rows sum to zero) has a zero singular value.
    MatrixXd centered = test::randomMatrix(30, 30, 65).cast<double>();
    centered.rowwise() -= centered.colwise().mean();
    checkDecomposition(centered);
    CHECK(squareSvd(centered)->s(29) < 1e-12);
}

TEST_CASE("square SVD refuses what it cannot decompose", "[linalg]") {
    CHECK_FALSE(squareSvd(MatrixXd(0, 0)));
    CHECK_FALSE(squareSvd(MatrixXd::Zero(3, 4)));
    MatrixXd bad = MatrixXd::Identity(3, 3);
    bad(1, 2) = std::numeric_limits<double>::quiet_NaN();
    CHECK_FALSE(squareSvd(bad));
}
