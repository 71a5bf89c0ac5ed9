// The whitened inner product (docs/methods.md §1): invariant to invertible affine maps of the space when the
// anchors' covariance is invertible, close to invariant with the ridge (K <= D), and refused by the incremental
// projection (its columns all depend on every anchor).

#include "core/relative/relative_projection.h"

#include "tests/support/test_helpers.h"

using namespace lb;
using lb::test::randomMatrix;
using lb::test::requireNear;

namespace {

RelativeOptions whitenedOptions() {
    RelativeOptions o;
    o.similarities = {Similarity::Whitened};
    return o;
}

// X·M + b for a random, badly scaled, non-orthogonal invertible M (columns stretched by up to 100x).
RowMatrixXf affineImage(const RowMatrixXf& X, unsigned seed) {
    const Index d = X.cols();
    Eigen::MatrixXf m = randomMatrix(d, d, seed) + 3.0f * Eigen::MatrixXf::Identity(d, d);
    for (Index j = 0; j < d; ++j) m.col(j) *= std::pow(10.0f, static_cast<float>(j % 3) - 1.0f);
    const Eigen::RowVectorXf b = 5.0f * randomMatrix(1, d, seed + 1);
    return (X * m).rowwise() + b;
}

}  // namespace

TEST_CASE("whitened similarity is invariant to invertible affine maps (K > D)", "[relative]") {
    const RowMatrixXf X = randomMatrix(300, 8, 71) * randomMatrix(8, 8, 72);
    const RowMatrixXf A = X.topRows(40);
    const RowMatrixXf R = relativeProjection(X, A, whitenedOptions()).value();
    const RowMatrixXf Xm = affineImage(X, 73);
    const RowMatrixXf Rm = relativeProjection(Xm, Xm.topRows(40), whitenedOptions()).value();
    INFO("max |r| " << R.cwiseAbs().maxCoeff());
    requireNear(Rm, R, 2e-3 * R.cwiseAbs().maxCoeff());
    // Cosine is not: the same map changes it a lot.
    RelativeOptions cosine;
    const RowMatrixXf C = relativeProjection(X, A, cosine).value();
    const RowMatrixXf Cm = relativeProjection(Xm, Xm.topRows(40), cosine).value();
    CHECK((C - Cm).cwiseAbs().maxCoeff() > 0.1);
    // The absolute transform is an affine map too: it changes nothing.
    for (AbsoluteTransform t : {AbsoluteTransform::Center, AbsoluteTransform::Standard}) {
        RelativeOptions o = whitenedOptions();
        o.transform = t;
        requireNear(relativeProjection(X, A, o).value(), R, 2e-3 * R.cwiseAbs().maxCoeff());
    }
}

TEST_CASE("whitened similarity with fewer anchors than dimensions: ridge, finite, invariant to rotations",
          "[relative]") {
    const RowMatrixXf X = randomMatrix(100, 20, 81);
    const RowMatrixXf A = X.topRows(8);  // K = 8 < D = 20: singular covariance, the ridge applies
    const RowMatrixXf R = relativeProjection(X, A, whitenedOptions()).value();
    REQUIRE(R.allFinite());
    // An anchor against itself: a positive whitened norm.
    for (Index k = 0; k < 8; ++k) CHECK(R(k, k) > 0.0f);
    // A rotation plus a shift keeps the covariance's spectrum (and so the ridge): invariant as before.
    const Eigen::MatrixXf q = lb::test::randomRotation(20, 82);
    const RowMatrixXf Xr = (X * q).rowwise() + Eigen::RowVectorXf::Constant(20, 4.0f);
    requireNear(relativeProjection(Xr, Xr.topRows(8), whitenedOptions()).value(), R, 1e-3 * R.cwiseAbs().maxCoeff());
    // Identical anchors: nothing to whiten, zero similarities rather than NaN.
    const RowMatrixXf same = RowMatrixXf::Ones(4, 20);
    const RowMatrixXf Z = relativeProjection(X, same, whitenedOptions()).value();
    CHECK(Z.cwiseAbs().maxCoeff() == 0.0f);
}

TEST_CASE("whitened similarity: names and the incremental projection", "[relative]") {
    Similarity s = Similarity::Cosine;
    REQUIRE(parseSimilarity("whitened", s));
    CHECK(s == Similarity::Whitened);
    CHECK(std::string(similarityName(Similarity::Whitened)) == "whitened");
    const RowMatrixXf X = randomMatrix(30, 4, 91);
    CHECK(IncrementalRelativeProjection::create(X, whitenedOptions()).error().code == ErrorCode::InvalidArgument);
}
