#include "core/linalg/pca.h"

#include "tests/support/golden_text.h"
#include "tests/support/test_helpers.h"

using namespace lb;
using namespace lb::test;

namespace {

// Anisotropic data: Gaussian columns scaled by decreasing factors, then rotated, then shifted.
RowMatrixXf anisotropic(Index n, Index d, unsigned seed) {
    RowMatrixXf X = randomMatrix(n, d, seed);
    for (Index j = 0; j < d; ++j) X.col(j) *= static_cast<float>(10.0 / (1.0 + j));
    RowMatrixXf R = X * randomRotation(d, seed + 1);
    R.rowwise() += Eigen::RowVectorXf::LinSpaced(d, -3.0f, 5.0f);
    return R;
}

Eigen::MatrixXd covarianceOf(const RowMatrixXf& X) {
    const Eigen::MatrixXd Xd = X.cast<double>();
    const Eigen::MatrixXd Xc = Xd.rowwise() - Xd.colwise().mean();
    return Xc.transpose() * Xc / static_cast<double>(X.rows() - 1);
}

void checkModel(const PcaModel& m, const RowMatrixXf& X, double tol) {
    const Eigen::MatrixXd C = covarianceOf(X);
    const Eigen::MatrixXd V = m.components.cast<double>();
    requireNear(V.transpose() * V, Eigen::MatrixXd::Identity(m.k(), m.k()), 1e-5);
    for (Index j = 0; j < m.k(); ++j) {
        const double lambda = m.explainedVariance(j);
        INFO("component " << j);
        REQUIRE((C * V.col(j) - lambda * V.col(j)).norm() <= tol * C.norm());
        if (j > 0) REQUIRE(m.explainedVariance(j) <= m.explainedVariance(j - 1));
    }
    REQUIRE(m.explainedVarianceRatio.sum() <= 1.0 + 1e-9);
    REQUIRE(m.totalVariance == Approx(C.trace()).epsilon(1e-5));
    // Agreement with a full decomposition: same top eigenvalues.
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(C);
    for (Index j = 0; j < m.k(); ++j)
        REQUIRE(m.explainedVariance(j) == Approx(es.eigenvalues()(C.rows() - 1 - j)).epsilon(1e-4));
}

}  // namespace

TEST_CASE("PCA: every method gives orthonormal eigenvectors of the covariance", "[pca]") {
    const RowMatrixXf X = anisotropic(400, 90, 21);
    for (PcaMethod method : {PcaMethod::Dense, PcaMethod::Covariance, PcaMethod::Implicit, PcaMethod::Auto}) {
        INFO("method " << pcaMethodName(method));
        PcaOptions o;
        o.components = 4;
        o.method = method;
        const PcaModel m = fitPca(X, o).value();
        checkModel(m, X, method == PcaMethod::Implicit ? 1e-4 : 1e-6);
        if (method == PcaMethod::Auto) REQUIRE(m.methodUsed == PcaMethod::Covariance);
    }
}

TEST_CASE("PCA: N < D goes through the Gram matrix", "[pca]") {
    const RowMatrixXf X = anisotropic(80, 200, 22);
    PcaOptions o;
    o.components = 3;
    const PcaModel m = fitPca(X, o).value();
    REQUIRE(m.methodUsed == PcaMethod::Gram);
    checkModel(m, X, 1e-5);
    o.method = PcaMethod::Covariance;
    const PcaModel c = fitPca(X, o).value();
    requireNear(m.components, c.components, 1e-4);  // sign convention makes both paths agree
}

TEST_CASE("PCA: projection, shared basis and deterministic signs", "[pca]") {
    const RowMatrixXf X = anisotropic(300, 10, 23);
    PcaOptions o;
    o.components = 2;
    const PcaModel m = fitPca(X, o).value();
    const RowMatrixXf coords = m.project(X);
    REQUIRE(coords.rows() == 300);
    REQUIRE(coords.cols() == 2);
    // Coordinates are centered and their variances are the eigenvalues.
    const Eigen::MatrixXd cd = coords.cast<double>();
    REQUIRE(cd.colwise().mean().norm() < 1e-3);
    REQUIRE((cd.col(0).squaredNorm() / 299.0) == Approx(m.explainedVariance(0)).epsilon(1e-4));
    for (Index j = 0; j < 2; ++j) {
        Index arg = 0;
        m.components.col(j).cwiseAbs().maxCoeff(&arg);
        REQUIRE(m.components(arg, j) > 0);
    }
    // Shared basis: a translated copy of X projects onto the same coordinates up to the shift.
    const RowMatrixXf shifted = X.rowwise() + Eigen::RowVectorXf::Constant(10, 2.0f);
    const RowMatrixXf c2 = m.project(shifted);
    const Eigen::RowVectorXf expectedShift = Eigen::RowVectorXf::Constant(10, 2.0f) * m.components;
    requireNear(c2, RowMatrixXf(coords.rowwise() + expectedShift), 1e-3);
}

TEST_CASE("PCA: refuses bad requests", "[pca]") {
    PcaOptions o;
    o.components = 0;
    REQUIRE(fitPca(randomMatrix(10, 4, 1), o).error().code == ErrorCode::InvalidArgument);
    o.components = 5;
    REQUIRE(fitPca(randomMatrix(10, 4, 1), o).error().code == ErrorCode::InvalidArgument);
    o.components = 1;
    REQUIRE(fitPca(randomMatrix(1, 4, 1), o).error().code == ErrorCode::InvalidArgument);
    RowMatrixXf bad = randomMatrix(10, 4, 1);
    bad(0, 0) = std::numeric_limits<float>::infinity();
    REQUIRE(fitPca(bad, o).error().code == ErrorCode::NumericalIssue);
}

TEST_CASE("PCA matches the NumPy golden values", "[pca]") {
    const RowMatrixXf X = readTextMatrix(dataPath("golden/pca_x.txt")).cast<float>();
    const RowMatrixXd V = readTextMatrix(dataPath("golden/pca_components.txt"));
    const auto golden = readGoldenValues(dataPath("golden/metrics_expected.txt"));
    REQUIRE(X.rows() == 50);
    PcaOptions o;
    o.components = 3;
    const PcaModel m = fitPca(X, o).value();
    for (Index j = 0; j < 3; ++j) {
        REQUIRE(m.explainedVariance(j) == Approx(golden.at("pca_var")[static_cast<size_t>(j)]).epsilon(1e-6));
        REQUIRE(m.explainedVarianceRatio(j) == Approx(golden.at("pca_ratio")[static_cast<size_t>(j)]).epsilon(1e-6));
    }
    requireNear(m.components.cast<double>(), V, 1e-5);
}
