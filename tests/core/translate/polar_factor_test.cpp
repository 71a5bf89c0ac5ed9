// The Procrustes polar factor: the Gram-matrix route gives the SVD's U₁V₁ᵀ on the block a padded translation
// reads, completes it to an orthogonal matrix, and hands ill-conditioned blocks to the SVD.

#include "core/translate/polar_factor.h"

#include "tests/support/test_helpers.h"

#include <Eigen/SVD>

#include <optional>

using namespace lb;
using Eigen::MatrixXd;

namespace {

// Zero-padded W × W cross-covariance of K random anchors of widths d and dy.
MatrixXd paddedCross(Eigen::Index k, Eigen::Index d, Eigen::Index dy, unsigned seed) {
    const MatrixXd x = test::randomMatrix(k, d, seed).cast<double>();
    const MatrixXd y = test::randomMatrix(k, dy, seed + 1).cast<double>();
    const Eigen::Index w = std::max(d, dy);
    MatrixXd cross = MatrixXd::Zero(w, w);
    cross.topLeftCorner(d, dy) = x.transpose() * y;
    return cross;
}

MatrixXd svdPolar(const MatrixXd& m) {
    Eigen::JacobiSVD<MatrixXd> svd(m, Eigen::ComputeFullU | Eigen::ComputeFullV);
    return svd.matrixU() * svd.matrixV().transpose();
}

double orthogonalityError(const MatrixXd& r) {
    return (r.transpose() * r - MatrixXd::Identity(r.cols(), r.cols())).norm();
}

}  // namespace

TEST_CASE("polar factor of a well-conditioned block equals the SVD's on the block that is read", "[translate]") {
    struct Shape {
        Eigen::Index d, dy;
    };
    for (Shape s : {Shape{12, 12}, Shape{7, 12}, Shape{12, 5}, Shape{1, 4}}) {
        INFO(s.d << " x " << s.dy);
        const MatrixXd cross = paddedCross(60, s.d, s.dy, 41);
        bool usedSvd = true;
        const MatrixXd r = polarFactor(cross, s.d, s.dy, &usedSvd);
        CHECK_FALSE(usedSvd);
        // The block is unique (full rank min(d, dy)); the completion is any orthogonal one.
        test::requireNear(r.topLeftCorner(s.d, s.dy), svdPolar(cross).topLeftCorner(s.d, s.dy), 1e-9);
        CHECK(orthogonalityError(r) < 1e-10);
    }
}

TEST_CASE("polar factor of a rank-deficient block is an optimal rotation", "[translate]") {
    // K = 4 anchors in 10 dims, and 9 anchors with 3 dead units (zero columns, as ReLU features have) padded
    // to a 12-wide target: the Gram matrix has exact null directions, which the completion fills.
    struct Shape {
        Eigen::Index k, d, dy, dead;
    };
    for (Shape s : {Shape{4, 10, 10, 0}, Shape{9, 8, 12, 3}, Shape{9, 12, 8, 3}}) {
        INFO(s.k << " anchors, " << s.d << " x " << s.dy << ", " << s.dead << " dead");
        MatrixXd cross = paddedCross(s.k, s.d, s.dy, 43);
        cross.topRows(s.dead).setZero();
        bool usedSvd = true;
        const MatrixXd r = polarFactor(cross, s.d, s.dy, &usedSvd);
        CHECK_FALSE(usedSvd);
        CHECK(orthogonalityError(r) < 1e-10);
        // The best rotation: tr(Rᵀ C) reaches the nuclear norm of C, as the SVD's U Vᵀ does.
        Eigen::JacobiSVD<MatrixXd> svd(cross);
        CHECK((r.transpose() * cross).trace() == Approx(svd.singularValues().sum()).epsilon(1e-10));
    }
}

TEST_CASE("polar factor with barely determined directions comes from the SVD", "[translate]") {
    // Singular values 1 … 1e-5: the smallest is neither accurate through the Gram matrix nor zero.
    const Eigen::Index d = 6;
    const MatrixXd q1 = test::randomRotation(d, 44).cast<double>(), q2 = test::randomRotation(d, 45).cast<double>();
    Eigen::VectorXd sigma(d);
    sigma << 1.0, 0.8, 0.5, 0.3, 0.1, 1e-5;
    const MatrixXd cross = q1 * sigma.asDiagonal() * q2.transpose();
    bool usedSvd = false;
    const MatrixXd r = polarFactor(cross, d, d, &usedSvd);
    CHECK(usedSvd);
    test::requireNear(r, q1 * q2.transpose(), 1e-6);
}

TEST_CASE("polar factor from the anchors' factors, with fewer anchors than dimensions", "[translate]") {
    // K < min(d, dy): the block has rank K; the factor route works on K × K matrices. Its factor must be
    // orthogonal, optimal, and map the block's row space exactly as the Gram route's does (R·V₁ = U₁).
    struct Shape {
        Eigen::Index k, d, dy, dead;
    };
    for (Shape s : {Shape{5, 12, 12, 0}, Shape{6, 9, 14, 0}, Shape{6, 14, 9, 2}, Shape{20, 40, 40, 0}}) {
        INFO(s.k << " anchors, " << s.d << " x " << s.dy << ", " << s.dead << " dead");
        MatrixXd x = test::randomMatrix(s.k, s.d, 47).cast<double>();
        const MatrixXd y = test::randomMatrix(s.k, s.dy, 48).cast<double>();
        x.leftCols(s.dead).setZero();
        const Eigen::Index w = std::max(s.d, s.dy);
        MatrixXd cross = MatrixXd::Zero(w, w);
        cross.topLeftCorner(s.d, s.dy) = x.transpose() * y;
        bool usedSvd = true;
        const MatrixXd r = polarFactorOfProduct(x, y, w, &usedSvd);
        CHECK_FALSE(usedSvd);
        // Before its last product the factor is I + L·M·Lᵀ, L's 2K columns kept as the anchors times K × K
        // coefficients: a W × 2 plane composes with it through them, and forming it gives R bit for bit.
        const OrthogonalFactor parts = polarFactorOfProductParts(x, y, w);
        REQUIRE(parts.lowRank());
        CHECK(parts.pq.rows() == s.k);
        CHECK(parts.uBasis.cols() == s.k);
        const MatrixXd plane = test::randomMatrix(w, 2, 49).cast<double>();
        test::requireNear(MatrixXd(plane + parts.correctionTimes(plane)), MatrixXd(r * plane), 1e-10);
        // Rows translate through the transposed correction: x·R = x + ((R − I)ᵀ·xᵀ)ᵀ.
        const MatrixXd rows = test::randomMatrix(w, 3, 50).cast<double>();
        test::requireNear(MatrixXd(rows + parts.transposedCorrectionTimes(rows)), MatrixXd(r.transpose() * rows),
                          1e-10);
        CHECK(parts.formed() == r);
        CHECK(orthogonalityError(r) < 1e-10);
        Eigen::JacobiSVD<MatrixXd> svd(cross, Eigen::ComputeFullU | Eigen::ComputeFullV);
        CHECK((r.transpose() * cross).trace() == Approx(svd.singularValues().sum()).epsilon(1e-10));
        const MatrixXd v1 = svd.matrixV().leftCols(s.k), u1 = svd.matrixU().leftCols(s.k);
        test::requireNear(MatrixXd(r * v1), u1, 1e-9);
        test::requireNear(MatrixXd(r * v1), MatrixXd(polarFactor(cross, s.d, s.dy) * v1), 1e-9);
        // Its singular values, from the K × K middle factor, zero past rank K.
        const std::optional<Eigen::VectorXd> sv = singularValuesOfProduct(x, y, w);
        REQUIRE(sv);
        test::requireNear(MatrixXd(*sv), MatrixXd(svd.singularValues()), 1e-9 * svd.singularValues()(0));
    }
    // With as many anchors as dimensions the factor comes whole.
    const MatrixXd x = test::randomMatrix(20, 8, 45).cast<double>(), y = test::randomMatrix(20, 8, 46).cast<double>();
    const OrthogonalFactor whole = polarFactorOfProductParts(x, y, 8);
    CHECK_FALSE(whole.lowRank());
    CHECK(orthogonalityError(whole.dense) < 1e-10);
}

TEST_CASE("polar factor completes the free directions by the rotation closest to the identity", "[translate]") {
    // The completion C is built from the r × r principal-angle problem; here it is checked against its definition:
    // C = Cu·polar(Cuᵀ·Cv)·Cvᵀ for orthonormal bases Cu, Cv of the complements of span(u) and span(v). Shapes: K
    // well below W (the usual 300 of 768), K above W/2 (the complements are narrower than the paired part), a
    // zero-padded source, and a source with dead units sharing directions with the target.
    struct Shape {
        Eigen::Index k, d, dy, dead;
    };
    for (Shape s : {Shape{6, 30, 30, 0}, Shape{9, 12, 12, 0}, Shape{5, 8, 14, 0}, Shape{7, 16, 16, 3}}) {
        INFO(s.k << " anchors, " << s.d << " x " << s.dy << ", " << s.dead << " dead");
        MatrixXd x = test::randomMatrix(s.k, s.d, 51).cast<double>();
        const MatrixXd y = test::randomMatrix(s.k, s.dy, 52).cast<double>();
        x.leftCols(s.dead).setZero();
        const Eigen::Index w = std::max(s.d, s.dy);
        const MatrixXd r = polarFactorOfProduct(x, y, w);
        // span(u) and span(v): the block's left and right singular vectors over its nonzero singular values.
        MatrixXd cross = MatrixXd::Zero(w, w);
        cross.topLeftCorner(s.d, s.dy) = x.transpose() * y;
        Eigen::JacobiSVD<MatrixXd> svd(cross, Eigen::ComputeFullU | Eigen::ComputeFullV);
        const Eigen::Index rank = (svd.singularValues().array() > 1e-9 * svd.singularValues()(0)).count();
        const MatrixXd cu = svd.matrixU().rightCols(w - rank), cv = svd.matrixV().rightCols(w - rank);
        const MatrixXd expected = svd.matrixU().leftCols(rank) * svd.matrixV().leftCols(rank).transpose() +
                                  cu * svdPolar(cu.transpose() * cv) * cv.transpose();
        test::requireNear(r, expected, 1e-9);
        CHECK(orthogonalityError(r) < 1e-10);
    }
}
