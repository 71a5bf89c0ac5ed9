#include "core/stitch/logistic_head.h"
#include "core/stitch/ridge_head.h"

#include "core/metrics/retrieval.h"
#include "tests/support/test_helpers.h"

using namespace lb;
using namespace lb::test;

namespace {

// C Gaussian clusters in D dims, `perClass` rows each, labels 0..C-1 interleaved.
void clusters(Index c, Index perClass, Index d, float spread, unsigned seed, RowMatrixXf& X,
              std::vector<int32_t>& labels) {
    const RowMatrixXf centers = 3.0f * randomMatrix(c, d, seed);
    X = spread * randomMatrix(c * perClass, d, seed + 1);
    labels.resize(static_cast<size_t>(c * perClass));
    for (Index i = 0; i < X.rows(); ++i) {
        labels[static_cast<size_t>(i)] = static_cast<int32_t>(i % c);
        X.row(i) += centers.row(i % c);
    }
}

}  // namespace

TEST_CASE("ridge head equals a direct normal-equation solve in double", "[stitch]") {
    RowMatrixXf X;
    std::vector<int32_t> y;
    clusters(4, 50, 7, 1.0f, 31, X, y);
    RidgeOptions o;
    o.alpha = 0.05;
    const RidgeFit fit = fitRidgeHead(X, y, o).value();
    // Reference: augmented system [X 1] with the bias unpenalized.
    const Index n = X.rows(), d = X.cols();
    Eigen::MatrixXd A(n, d + 1);
    A.leftCols(d) = X.cast<double>();
    A.col(d).setOnes();
    Eigen::MatrixXd Y = Eigen::MatrixXd::Zero(n, 4);
    for (Index i = 0; i < n; ++i) Y(i, y[static_cast<size_t>(i)]) = 1.0;
    Eigen::MatrixXd reg = Eigen::MatrixXd::Zero(d + 1, d + 1);
    reg.topLeftCorner(d, d).diagonal().setConstant(fit.lambda);
    const Eigen::MatrixXd sol = (A.transpose() * A + reg).ldlt().solve(A.transpose() * Y);
    requireNear(fit.head.W.cast<double>(), Eigen::MatrixXd(sol.topRows(d).transpose()), 1e-4);
    requireNear(fit.head.b.cast<double>(), Eigen::VectorXd(sol.row(d).transpose()), 1e-4);
    REQUIRE(classificationAccuracy(fit.head.predict(X), y) > 0.95);
}

TEST_CASE("ridge head refuses degenerate labels", "[stitch]") {
    const RowMatrixXf X = randomMatrix(10, 3, 1);
    REQUIRE(fitRidgeHead(X, std::vector<int32_t>(10, 1), {}).error().code == ErrorCode::InvalidArgument);
    REQUIRE(fitRidgeHead(X, std::vector<int32_t>(9, 0), {}).error().code == ErrorCode::InvalidArgument);
    std::vector<int32_t> neg(10, 0);
    neg[3] = -1;
    REQUIRE(fitRidgeHead(X, neg, {}).error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("logistic head reaches the optimum and separates separable data", "[stitch]") {
    RowMatrixXf X;
    std::vector<int32_t> y;
    clusters(3, 60, 5, 1.5f, 41, X, y);
    LogisticOptions o;
    o.lambda = 1e-2;
    const LogisticFit fit = fitLogisticHead(X, y, o).value();
    REQUIRE(fit.converged);
    // Gradient at the returned (float-rounded) weights, recomputed independently of the solver's state.
    Eigen::VectorXd theta(3 * 6), grad;
    theta.head(15) = Eigen::Map<const Eigen::VectorXf>(fit.head.W.data(), 15).cast<double>();
    theta.tail(3) = fit.head.b.cast<double>();
    const double f = logisticObjective(X, y, 3, o.lambda, theta, grad);
    REQUIRE(grad.lpNorm<Eigen::Infinity>() < 1e-4);
    REQUIRE(f == Approx(fit.loss).epsilon(1e-5));
    REQUIRE(classificationAccuracy(fit.head.predict(X), y) > 0.97);

    SECTION("the analytic gradient matches finite differences") {
        Eigen::VectorXd t = 0.1 * Eigen::VectorXd::LinSpaced(18, -1.0, 1.0), g, gp, gm;
        logisticObjective(X, y, 3, o.lambda, t, g);
        for (Index j : {0, 7, 16}) {
            Eigen::VectorXd tp = t, tm = t;
            tp(j) += 1e-3;
            tm(j) -= 1e-3;
            const double fd =
                (logisticObjective(X, y, 3, o.lambda, tp, gp) - logisticObjective(X, y, 3, o.lambda, tm, gm)) / 2e-3;
            REQUIRE(g(j) == Approx(fd).margin(1e-4));
        }
    }
    SECTION("deterministic") {
        const LogisticFit again = fitLogisticHead(X, y, o).value();
        requireNear(again.head.W, fit.head.W, 0.0);
    }
}
