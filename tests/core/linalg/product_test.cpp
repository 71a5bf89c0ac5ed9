#include "core/linalg/product.h"

#include "tests/support/test_helpers.h"

using namespace lb;
using namespace lb::test;

TEST_CASE("productWithTranspose equals A * B^T, in double precision, for blocks of larger matrices", "[linalg]") {
    const RowMatrixXf bigA = randomMatrix(40, 20, 1), bigB = randomMatrix(50, 20, 2);
    // Row and column blocks: strides differ from the widths, as for a kNN query block or a block of anchors.
    const ConstRowMatrixRef A = bigA.block(3, 4, 17, 9);
    const ConstRowMatrixRef B = bigB.block(5, 4, 23, 9);
    RowMatrixXf big = RowMatrixXf::Constant(30, 40, 7.0f);  // the result goes into a block: the rest is kept
    productWithTranspose(A, B, big.block(2, 3, 17, 23));
    const Eigen::MatrixXd expected = A.cast<double>() * B.cast<double>().transpose();
    requireNear(big.block(2, 3, 17, 23).cast<double>().eval(), expected, 1e-5);
    REQUIRE(big.leftCols(3).isConstant(7.0f));
    REQUIRE(big.topRows(2).isConstant(7.0f));
    REQUIRE(big.bottomRows(11).isConstant(7.0f));
    REQUIRE(big.rightCols(14).isConstant(7.0f));

    // Whatever `out` held before is overwritten, not added to.
    RowMatrixXf out = RowMatrixXf::Constant(17, 23, 1e6f);
    productWithTranspose(A, B, out);
    requireNear(out.cast<double>().eval(), expected, 1e-5);
}
