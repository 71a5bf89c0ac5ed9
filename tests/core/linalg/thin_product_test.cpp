#include "core/linalg/thin_product.h"

#include "tests/support/test_helpers.h"

using namespace lb;
using namespace lb::test;

namespace {

// The product in double from the float inputs: what both routes approximate.
Eigen::MatrixXd exactProduct(const RowMatrixXf& X, const Eigen::RowVectorXf& offset, const Eigen::MatrixXf& W) {
    const Eigen::MatrixXd centred = X.cast<double>().rowwise() - offset.cast<double>();
    return centred * W.cast<double>();
}

double maxRelativeError(const RowMatrixXf& got, const Eigen::MatrixXd& want) {
    return (got.cast<double>() - want).cwiseAbs().maxCoeff() / std::max(1e-30, want.cwiseAbs().maxCoeff());
}

}  // namespace

TEST_CASE("thinProduct equals the product for thin and wide right-hand sides, any row count", "[linalg][thin]") {
    // Row counts around the task and centring block sizes; widths on both sides of kThinColumns.
    for (Index n : {Index(0), Index(1), Index(255), Index(4097), Index(9000)})
        for (Index k : {Index(0), Index(1), Index(2), Index(7), kThinColumns, kThinColumns + 5})
            for (Index d : {Index(96), Index(100), Index(7)}) {  // whole vector lanes, a remainder, only a remainder
                CAPTURE(n, k, d);
                const RowMatrixXf X = randomMatrix(n, d, 3);
                const Eigen::MatrixXf W = randomMatrix(d, k, 4);
                const RowMatrixXf got = thinProduct(X, W);
                REQUIRE(got.rows() == n);
                REQUIRE(got.cols() == k);
                if (n > 0 && k > 0)
                    CHECK(maxRelativeError(got, exactProduct(X, Eigen::RowVectorXf::Zero(d), W)) < 1e-5);
            }
}

TEST_CASE("thinProduct with an offset centres before multiplying: exact when the offset dwarfs the spread",
          "[linalg][thin]") {
    const Index n = 5000, d = 70;
    RowMatrixXf X = randomMatrix(n, d, 7);
    const Eigen::RowVectorXf offset = Eigen::RowVectorXf::Constant(d, 1000.0f);
    X.rowwise() += offset;  // rows of spread ~1 around 1000
    for (Index k : {Index(2), kThinColumns + 3}) {
        CAPTURE(k);
        const Eigen::MatrixXf W = randomMatrix(d, k, 8);
        const Eigen::MatrixXd want = exactProduct(X, offset, W);
        const RowMatrixXf got = thinProduct(X, offset, W);
        // Centring in float first loses only the rounding of X itself (1000 · 2⁻²⁴ per entry); multiplying first
        // and subtracting offset·W would lose three orders of magnitude more.
        CHECK(maxRelativeError(got, want) < 1e-3);
        const RowMatrixXf naive = RowMatrixXf(thinProduct(X, W).rowwise() - offset * W);
        CHECK(maxRelativeError(got, want) < maxRelativeError(naive, want));
    }
}
