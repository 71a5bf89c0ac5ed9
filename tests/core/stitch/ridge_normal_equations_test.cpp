#include "core/stitch/ridge_normal_equations.h"

#include "core/linalg/covariance.h"
#include "tests/support/test_helpers.h"

#include <numeric>

using namespace lb;
using namespace lb::test;

namespace {

// The ridge head solved directly in double on the augmented system [X 1] (bias unpenalized), for `lambda`.
std::pair<Eigen::MatrixXd, Eigen::VectorXd> directRidge(const RowMatrixXf& X, const std::vector<int32_t>& y, int c,
                                                        double lambda) {
    const Index n = X.rows(), d = X.cols();
    Eigen::MatrixXd A(n, d + 1);
    A.leftCols(d) = X.cast<double>();
    A.col(d).setOnes();
    Eigen::MatrixXd Y = Eigen::MatrixXd::Zero(n, c);
    for (Index i = 0; i < n; ++i) Y(i, y[static_cast<size_t>(i)]) = 1.0;
    Eigen::MatrixXd reg = Eigen::MatrixXd::Zero(d + 1, d + 1);
    reg.topLeftCorner(d, d).diagonal().setConstant(lambda);
    const Eigen::MatrixXd sol = (A.transpose() * A + reg).ldlt().solve(A.transpose() * Y);
    return {sol.topRows(d).transpose(), sol.row(d).transpose()};
}

}  // namespace

TEST_CASE("ridge normal equations over uneven blocks of rows far from the origin equal the direct solve", "[stitch]") {
    // Rows offset by 50 in every coordinate (spread ~1): the blocks are shifted by the first block's means, and
    // the result must not depend on how the rows are cut into blocks.
    const Index n = 700, d = 6;
    const int c = 3;
    RowMatrixXf X = randomMatrix(n, d, 81);
    std::vector<int32_t> y(static_cast<size_t>(n));
    for (Index i = 0; i < n; ++i) {
        y[static_cast<size_t>(i)] = static_cast<int32_t>(i % c);
        X.row(i).array() += 50.0f + static_cast<float>(i % c);
    }
    RidgeOptions o;
    o.alpha = 0.05;
    for (Index blockRows : {Index(7), Index(256), Index(700)}) {
        CAPTURE(blockRows);
        RidgeNormalEquations normal(d, c);
        for (Index r0 = 0; r0 < n; r0 += blockRows) {
            const Index nb = std::min(blockRows, n - r0);
            REQUIRE(normal.add(X.middleRows(r0, nb), y.data() + r0));
        }
        REQUIRE(normal.rows() == n);
        const RidgeFit fit = normal.solve(o).value();
        const auto [W, b] = directRidge(X, y, c, fit.lambda);
        requireNear(fit.head.W.cast<double>(), W, 1e-4);
        requireNear(fit.head.b.cast<double>(), b, 1e-3);
    }
}

TEST_CASE("ridge normal equations with fewer rows than features take the dual form, and the primal past them",
          "[stitch]") {
    // d = 90 features: 60 rows stay below it (every row kept, the N × N dual system), 200 rows cross it in the
    // middle of a block (the kept rows join the D × D Gram). Both must equal the direct solve of the same ridge.
    const Index d = 90;
    const int c = 4;
    for (Index n : {Index(60), Index(200)}) {
        RowMatrixXf X = randomMatrix(n, d, 7 + static_cast<uint64_t>(n));
        std::vector<int32_t> y(static_cast<size_t>(n));
        for (Index i = 0; i < n; ++i) {
            y[static_cast<size_t>(i)] = static_cast<int32_t>((i * 7) % c);
            X.row(i).array() += 20.0f + static_cast<float>(y[static_cast<size_t>(i)]);
        }
        for (Index blockRows : {Index(13), Index(64), n}) {
            CAPTURE(n, blockRows);
            RidgeNormalEquations normal(d, c);
            for (Index r0 = 0; r0 < n; r0 += blockRows) {
                const Index nb = std::min(blockRows, n - r0);
                REQUIRE(normal.add(X.middleRows(r0, nb), y.data() + r0));
            }
            RidgeOptions o;
            o.alpha = 0.1;
            const RidgeFit fit = normal.solve(o).value();
            // λ from the data's own trace: alpha · trace(X_cᵀX_c) / D.
            const Eigen::MatrixXd xc = X.cast<double>().rowwise() - X.cast<double>().colwise().mean();
            REQUIRE(fit.lambda == Approx(o.alpha * xc.squaredNorm() / static_cast<double>(d)).epsilon(1e-6));
            const auto [W, b] = directRidge(X, y, c, fit.lambda);
            requireNear(fit.head.W.cast<double>(), W, 1e-4);
            requireNear(fit.head.b.cast<double>(), b, 1e-3);
        }
    }
}

TEST_CASE("ridge normal equations on fewer rows than features, all equal, give the class frequencies", "[stitch]") {
    // Constant rows carry nothing: the dual system is singular (λ = 0 on a zero trace) and the primal form answers,
    // W = 0 and b = ȳ.
    const Index n = 12, d = 40;
    const RowMatrixXf X = RowMatrixXf::Constant(n, d, 3.0f);
    const std::vector<int32_t> y{0, 1, 1, 2, 2, 2, 0, 1, 2, 2, 1, 2};
    RidgeNormalEquations normal(d, 3);
    REQUIRE(normal.add(X, y.data()));
    RidgeOptions o;
    o.alpha = 0.1;
    const RidgeFit fit = normal.solve(o).value();
    CHECK(fit.head.W.cwiseAbs().maxCoeff() == 0.0f);
    CHECK(fit.head.b(0) == Approx(2.0 / 12));
    CHECK(fit.head.b(1) == Approx(4.0 / 12));
    CHECK(fit.head.b(2) == Approx(6.0 / 12));
}

TEST_CASE("ridge normal equations refuse bad blocks and degenerate labels", "[stitch]") {
    const RowMatrixXf X = randomMatrix(4, 3, 1);
    const std::vector<int32_t> y{0, 1, 2, 0};
    RidgeNormalEquations normal(3, 2);
    REQUIRE(normal.add(X, y.data()).code() == ErrorCode::InvalidArgument);  // label 2 with C = 2
    REQUIRE(normal.add(RowMatrixXf::Zero(2, 4), y.data()).code() == ErrorCode::InvalidArgument);
    RowMatrixXf nan = X;
    nan(1, 1) = std::numeric_limits<float>::quiet_NaN();
    const std::vector<int32_t> ok{0, 1, 1, 0};
    REQUIRE(normal.add(nan, ok.data()).code() == ErrorCode::NumericalIssue);
    REQUIRE(normal.solve({}).error().code == ErrorCode::InvalidArgument);  // no rows yet
    const std::vector<int32_t> one{1, 1, 1, 1};
    REQUIRE(normal.add(X, one.data()));
    REQUIRE(normal.solve({}).error().code == ErrorCode::InvalidArgument);  // a single class
}

TEST_CASE("a ridge head on chosen rows equals fitRidgeHead of the gathered rows", "[stitch]") {
    // More rows than one block (kCrossProductBlockRows), chosen out of order, with and without features.
    const Index n = 5000, d = 9;
    const RowMatrixXf X = randomMatrix(n, d, 91);
    std::vector<int32_t> labels(static_cast<size_t>(n));
    for (Index i = 0; i < n; ++i) labels[static_cast<size_t>(i)] = static_cast<int32_t>((i * 7) % 4);
    std::vector<Index> rows;
    for (Index i = n - 1; i >= 0; i -= 2) rows.push_back(i);
    RowMatrixXf gathered(static_cast<Index>(rows.size()), d);
    std::vector<int32_t> y;
    for (size_t i = 0; i < rows.size(); ++i) {
        gathered.row(static_cast<Index>(i)) = X.row(rows[i]);
        y.push_back(labels[static_cast<size_t>(rows[i])]);
    }
    const RidgeFit direct = fitRidgeHead(gathered, y, {}).value();
    const RidgeFit onRows = fitRidgeHeadOnRows(X, rows, labels, {}).value();
    requireNear(onRows.head.W, direct.head.W, 1e-6);
    requireNear(onRows.head.b, direct.head.b, 1e-6);
    const RowFeatures squared = [](const RowMatrixXf& block) -> Result<RowMatrixXf> {
        return RowMatrixXf(block.array().square());
    };
    const RidgeFit featured = fitRidgeHeadOnRows(X, rows, labels, {}, silentJob(), squared).value();
    const RidgeFit directFeatured = fitRidgeHead(RowMatrixXf(gathered.array().square()), y, {}).value();
    requireNear(featured.head.W, directFeatured.head.W, 1e-6);
    REQUIRE(fitRidgeHeadOnRows(X, rows, std::vector<int32_t>(3, 0), {}).error().code == ErrorCode::InvalidArgument);
}
