#include "core/metrics/cka.h"

#include "tests/support/golden_text.h"
#include "tests/support/test_helpers.h"

#include <cmath>
#include <limits>
#include <numeric>
#include <string>

using namespace lb;
using namespace lb::test;

namespace {
Eigen::RowVectorXd columnMeansOf(const RowMatrixXf& m) {
    return m.cast<double>().colwise().mean();
}
}  // namespace

TEST_CASE("linear CKA: identity, symmetry, range, invariances", "[metrics]") {
    const RowMatrixXf X = randomMatrix(200, 12, 1);
    const RowMatrixXf Y =
        (X.leftCols(8) * randomMatrix(8, 5, 2)).array().tanh().matrix() + 0.5f * randomMatrix(200, 5, 3);
    REQUIRE(linearCka(X, X).value() == Approx(1.0).margin(1e-6));
    const double xy = linearCka(X, Y).value(), yx = linearCka(Y, X).value();
    REQUIRE(xy == Approx(yx).margin(1e-9));
    REQUIRE(xy > 0.0);
    REQUIRE(xy < 1.0);
    SECTION("rotation, isotropic scaling and translation leave it unchanged") {
        const RowMatrixXf Xr = ((X * randomRotation(12, 4)) * 3.5f).rowwise() + Eigen::RowVectorXf::Constant(12, 7.0f);
        REQUIRE(linearCka(Xr, Y).value() == Approx(xy).margin(1e-5));
    }
    SECTION("independent spaces score low") {
        REQUIRE(linearCka(randomMatrix(2000, 8, 5), randomMatrix(2000, 8, 6)).value() < 0.05);
    }
}

TEST_CASE("linear CKA of affine maps of X and Y, from their moments, equals it computed on the mapped rows",
          "[metrics]") {
    const RowMatrixXf X = randomMatrix(300, 9, 7);
    const RowMatrixXf Y =
        (X.leftCols(6) * randomMatrix(6, 4, 8)).array().sin().matrix() + 0.3f * randomMatrix(300, 4, 9);
    const LinearCkaMoments m = linearCkaMoments(X, Y).value();
    CHECK(linearCkaOfMaps(m, Eigen::MatrixXd::Identity(9, 9)) == Approx(linearCka(X, Y).value()).margin(1e-12));
    CHECK(linearCkaOfMaps(m, {}, {}) == Approx(linearCka(X, Y).value()).margin(1e-12));
    for (const Index out : {Index(4), Index(9), Index(13)}) {  // narrower, as wide, wider than X
        INFO("map 9 x " << out);
        const Eigen::MatrixXf M = randomMatrix(9, out, static_cast<unsigned>(10 + out));
        const RowMatrixXf mapped = (X * M).rowwise() + Eigen::RowVectorXf::Constant(out, -4.0f);
        CHECK(linearCkaOfMaps(m, M.cast<double>()) == Approx(linearCka(mapped, Y).value()).margin(1e-6));
        // Both sides mapped.
        const Eigen::MatrixXf N = randomMatrix(4, 6, static_cast<unsigned>(30 + out));
        const RowMatrixXf mappedY = (Y * N).rowwise() + Eigen::RowVectorXf::Constant(6, 2.5f);
        CHECK(linearCkaOfMaps(m, M.cast<double>(), N.cast<double>()) ==
              Approx(linearCka(mapped, mappedY).value()).margin(1e-6));
    }
    // A constant image (zero map): CKA is 0 / 0, undefined (NaN), as linearCka refuses a constant space.
    CHECK(std::isnan(linearCkaOfMaps(m, Eigen::MatrixXd::Zero(9, 3))));
}

TEST_CASE("linear CKA moments of all rows less a few equal the moments of the rows kept", "[metrics]") {
    // Rows far from the origin (a mean 50 times their spread), as ReLU features are: the downdate must not lose
    // the digits a raw-sum formula would.
    RowMatrixXf X = randomMatrix(400, 10, 11);
    X.array() += 50.0f;
    const RowMatrixXf Y = (X * randomMatrix(10, 7, 12)).array().cos().matrix() + 0.2f * randomMatrix(400, 7, 13);
    const LinearCkaAllRows all = linearCkaAllRows(X, Y).value();
    std::vector<Index> removed, kept;
    for (Index i = 0; i < 400; ++i) (i % 7 == 3 || i < 5 ? removed : kept).push_back(i);
    const auto rowsOf = [](const RowMatrixXf& m, const std::vector<Index>& rows) {
        RowMatrixXf out(static_cast<Index>(rows.size()), m.cols());
        for (Index i = 0; i < out.rows(); ++i) out.row(i) = m.row(rows[static_cast<size_t>(i)]);
        return out;
    };
    // The kept rows' centered products in double, as the definition reads: the reference for both routes (the
    // direct one multiplies centered float blocks, so it is itself good to ~1e-6 relative).
    const Eigen::MatrixXd xk = rowsOf(X, kept).cast<double>(), yk = rowsOf(Y, kept).cast<double>();
    const Eigen::MatrixXd xc = xk.rowwise() - xk.colwise().mean(), yc = yk.rowwise() - yk.colwise().mean();
    const Eigen::MatrixXd xx = xc.transpose() * xc, yy = yc.transpose() * yc, yx = yc.transpose() * xc;
    const LinearCkaMoments direct = linearCkaMoments(rowsOf(X, kept), rowsOf(Y, kept)).value();
    const LinearCkaMoments down = linearCkaMomentsWithout(all, rowsOf(X, removed), rowsOf(Y, removed)).value();
    CHECK((direct.xx - xx).norm() <= 1e-5 * xx.norm());  // the route the downdate replaces, for scale
    CHECK((down.xx - xx).norm() <= 1e-5 * xx.norm());
    CHECK((down.yy - yy).norm() <= 1e-5 * yy.norm());
    CHECK((down.yx - yx).norm() <= 1e-5 * yx.norm());
    CHECK(linearCkaOfMaps(down, {}) == Approx(linearCka(rowsOf(X, kept), rowsOf(Y, kept)).value()).margin(1e-6));
    // Nothing removed: the moments themselves. Too few rows left, or mismatched widths: refused.
    CHECK((linearCkaMomentsWithout(all, RowMatrixXf(0, 10), RowMatrixXf(0, 7)).value().xx - all.centered.xx).norm() ==
          0.0);
    std::vector<Index> allButOne(399);
    std::iota(allButOne.begin(), allButOne.end(), Index{0});
    CHECK(!linearCkaMomentsWithout(all, rowsOf(X, allButOne), rowsOf(Y, allButOne)));
    CHECK(!linearCkaMomentsWithout(all, RowMatrixXf(3, 9), RowMatrixXf(3, 7)));
}

TEST_CASE("linear CKA moments streamed in blocks about rough shifts equal the moments of all rows", "[metrics]") {
    // A mean 50 times the spread, as ReLU features have: shifts that are only rough means (of a few rows, off by
    // a third of the spread) must not cost the digits a raw-sum formula would lose.
    RowMatrixXf X = randomMatrix(5000, 10, 21);
    X.array() += 50.0f;
    const RowMatrixXf Y = (X * randomMatrix(10, 7, 22)).array().cos().matrix() + 0.2f * randomMatrix(5000, 7, 23);
    const Eigen::MatrixXd xd = X.cast<double>(), yd = Y.cast<double>();
    const Eigen::MatrixXd xc = xd.rowwise() - xd.colwise().mean(), yc = yd.rowwise() - yd.colwise().mean();
    const Eigen::MatrixXd xx = xc.transpose() * xc, yy = yc.transpose() * yc, yx = yc.transpose() * xc;
    const Eigen::RowVectorXd shiftX = columnMeansOf(X.topRows(30)).array() + 0.3;
    const Eigen::RowVectorXd shiftY = columnMeansOf(Y.topRows(30));
    LinearCkaStream first(shiftX, shiftY), second(shiftX, shiftY);
    REQUIRE(first.add(X.topRows(1234), Y.topRows(1234)));
    REQUIRE(first.add(X.middleRows(1234, 2000), Y.middleRows(1234, 2000)));
    REQUIRE(second.add(X.bottomRows(1766), Y.bottomRows(1766)));
    first.append(second);
    const LinearCkaMoments m = first.moments().value();
    const LinearCkaMoments direct = linearCkaMoments(X, Y).value();
    CHECK((direct.xx - xx).norm() <= 1e-5 * xx.norm());  // the route it replaces, for scale
    CHECK((m.xx - xx).norm() <= 1e-5 * xx.norm());
    CHECK((m.yy - yy).norm() <= 1e-5 * yy.norm());
    CHECK((m.yx - yx).norm() <= 1e-5 * yx.norm());
    CHECK(linearCkaOfMoments(m).value() == Approx(linearCka(X, Y).value()).margin(1e-6));
    // Too few rows, or a NaN seen: refused as linearCka refuses them.
    LinearCkaStream one(shiftX, shiftY);
    REQUIRE(one.add(X.topRows(1), Y.topRows(1)));
    CHECK(!one.moments());
    RowMatrixXf bad = X.topRows(4);
    bad(2, 3) = std::numeric_limits<float>::quiet_NaN();
    LinearCkaStream nan(shiftX, shiftY);
    REQUIRE(nan.add(bad, Y.topRows(4)));
    CHECK(nan.moments().error().code == ErrorCode::NumericalIssue);
}

TEST_CASE("linear CKA of fewer rows than dimensions, through their Gram matrices, equals it through the moments",
          "[metrics]") {
    // 30 rows of 50-d and 40-d spaces: linearCka takes the 30 x 30 Gram route; the moments (50 x 50, 40 x 40,
    // 40 x 50) give the same value.
    const RowMatrixXf X = randomMatrix(30, 50, 11);
    const RowMatrixXf Y = (X * randomMatrix(50, 40, 12)).array().tanh().matrix() + 0.4f * randomMatrix(30, 40, 13);
    const double viaMoments = linearCkaOfMoments(linearCkaMoments(X, Y).value()).value();
    CHECK(linearCka(X, Y).value() == Approx(viaMoments).margin(1e-12));
    CHECK(linearCka(X, X).value() == Approx(1.0).margin(1e-12));
    CHECK(linearCka(X, randomMatrix(30, 40, 14)).value() ==
          Approx(linearCkaOfMoments(linearCkaMoments(X, randomMatrix(30, 40, 14)).value()).value()).margin(1e-12));
    // The same refusals: a constant space, NaN, one row.
    const Result<double> constant = linearCka(RowMatrixXf::Ones(30, 50), Y);
    REQUIRE(constant.error().code == ErrorCode::InvalidArgument);
    CHECK(constant.error().message.find("first space") != std::string::npos);
    RowMatrixXf bad = X;
    bad(3, 7) = std::numeric_limits<float>::infinity();
    CHECK(linearCka(bad, Y).error().code == ErrorCode::NumericalIssue);
    CHECK(linearCka(X.topRows(1), Y.topRows(1)).error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("linear CKA: refuses bad shapes and NaN", "[metrics]") {
    REQUIRE(linearCka(randomMatrix(10, 3, 1), randomMatrix(11, 3, 2)).error().code == ErrorCode::InvalidArgument);
    RowMatrixXf bad = randomMatrix(10, 3, 1);
    bad(2, 1) = std::numeric_limits<float>::quiet_NaN();
    REQUIRE(linearCka(bad, bad).error().code == ErrorCode::NumericalIssue);
}

TEST_CASE("CKA of a constant or all-zero space is refused as undefined, not reported as 0", "[metrics]") {
    const RowMatrixXf ones = RowMatrixXf::Ones(40, 3), zeros = RowMatrixXf::Zero(40, 5), other = randomMatrix(40, 4, 2);
    const Result<double> first = linearCka(ones, other);
    REQUIRE(first.error().code == ErrorCode::InvalidArgument);
    CHECK(first.error().message.find("first space") != std::string::npos);
    const Result<double> second = linearCka(other, zeros);
    REQUIRE(second.error().code == ErrorCode::InvalidArgument);
    CHECK(second.error().message.find("second space") != std::string::npos);
    CHECK(linearCka(zeros, ones).error().message.find("both spaces") != std::string::npos);
    REQUIRE(rbfCka(ones, other, RbfCkaOptions{}).error().code == ErrorCode::InvalidArgument);
    REQUIRE(rbfCka(other, zeros, RbfCkaOptions{}).error().code == ErrorCode::InvalidArgument);
    // One varying row is enough to be defined.
    RowMatrixXf almost = ones;
    almost(7, 1) = 2.0f;
    REQUIRE(linearCka(almost, other).isOk());
    REQUIRE(rbfCka(almost, other, RbfCkaOptions{}).isOk());
}

TEST_CASE("RBF CKA: identity, symmetry, range, subsampling", "[metrics]") {
    const RowMatrixXf X = randomMatrix(150, 6, 7);
    const RowMatrixXf Y = X.array().square().matrix() + 0.3f * randomMatrix(150, 6, 8);
    const RbfCkaOptions opts;
    const RbfCkaResult xx = rbfCka(X, X, opts).value();
    REQUIRE(xx.value == Approx(1.0).margin(1e-9));
    REQUIRE(xx.n == 150);
    const double xy = rbfCka(X, Y, opts).value().value;
    REQUIRE(xy == Approx(rbfCka(Y, X, opts).value().value).margin(1e-12));
    REQUIRE(xy > 0.0);
    REQUIRE(xy < 1.0);
    SECTION("rotation invariant (distances unchanged)") {
        const RowMatrixXf Xr = X * randomRotation(6, 9);
        REQUIRE(rbfCka(Xr, Y, opts).value().value == Approx(xy).margin(1e-5));
    }
    SECTION("subsample is seeded and reported") {
        RbfCkaOptions sub;
        sub.maxRows = 50;
        sub.seed = 3;
        const RbfCkaResult a = rbfCka(X, Y, sub).value(), b = rbfCka(X, Y, sub).value();
        REQUIRE(a.n == 50);
        REQUIRE(a.value == b.value);
    }
}

TEST_CASE("RBF CKA with a target side built once equals the whole computation", "[metrics]") {
    const RowMatrixXf Y = randomMatrix(150, 5, 11);
    RbfCkaOptions sub;
    sub.maxRows = 60;
    sub.seed = 4;
    for (const RbfCkaOptions& opts : {RbfCkaOptions{}, sub}) {
        const RbfKernelSide side = rbfKernelSide(Y, opts).value();
        REQUIRE(side.rows.size() == static_cast<size_t>(std::min<Index>(150, opts.maxRows)));
        for (unsigned seed : {12u, 13u}) {  // several sources against one side, as the similarity table does
            const RowMatrixXf X = randomMatrix(150, 7, seed);
            const RbfCkaResult whole = rbfCka(X, Y, opts).value(), reused = rbfCkaWith(X, side).value();
            CHECK(reused.value == whole.value);
            CHECK(reused.n == whole.n);
            CHECK(reused.sigmaX == whole.sigmaX);
            CHECK(reused.sigmaY == whole.sigmaY);
        }
    }
    const RbfKernelSide side = rbfKernelSide(Y, {}).value();
    CHECK(rbfCkaWith(randomMatrix(149, 5, 1), side).error().code == ErrorCode::InvalidArgument);
    RowMatrixXf bad = Y;
    bad(3, 1) = std::numeric_limits<float>::quiet_NaN();
    CHECK(rbfKernelSide(bad, {}).error().code == ErrorCode::NumericalIssue);
    CHECK(rbfCkaWith(bad, side).error().code == ErrorCode::NumericalIssue);
}

TEST_CASE("CKA matches the NumPy golden values", "[metrics]") {
    const RowMatrixXf X = readTextMatrix(dataPath("golden/metrics_x.txt")).cast<float>();
    const RowMatrixXf Y = readTextMatrix(dataPath("golden/metrics_y.txt")).cast<float>();
    const auto golden = readGoldenValues(dataPath("golden/metrics_expected.txt"));
    REQUIRE(X.rows() == 40);
    REQUIRE(linearCka(X, Y).value() == Approx(golden.at("cka_linear")[0]).margin(1e-6));
    const RbfCkaResult r = rbfCka(X, Y, {}).value();
    REQUIRE(r.value == Approx(golden.at("cka_rbf")[0]).margin(1e-9));
    REQUIRE(r.sigmaX == Approx(golden.at("sigma_x")[0]).epsilon(1e-9));
    REQUIRE(r.sigmaY == Approx(golden.at("sigma_y")[0]).epsilon(1e-9));
}

TEST_CASE("CKA honours cancellation", "[metrics]") {
    JobContext ctx;
    ctx.cancel();
    const RowMatrixXf X = randomMatrix(50, 4, 1);
    REQUIRE(linearCka(X, X, ctx).error().code == ErrorCode::Cancelled);
    REQUIRE(rbfCka(X, X, {}, ctx).error().code == ErrorCode::Cancelled);
}
