// Translator properties: Procrustes recovers a known rotation, every method maps a space onto itself as the
// identity, padding for different widths, the fit report, errors.

#include "core/translate/translator.h"
#include "core/translate/polar_factor.h"

#include "tests/support/test_helpers.h"

#include <Eigen/SVD>

#include <string>
#include <vector>

using namespace lb;
using lb::test::randomMatrix;
using lb::test::randomRotation;
using lb::test::requireNear;

namespace {
Translator fitOk(const RowMatrixXf& ax, const RowMatrixXf& ay, TranslationOptions o) {
    Result<Translator> t = Translator::fit(ax, ay, o);
    REQUIRE(t.isOk());
    return *t;
}
}  // namespace

TEST_CASE("procrustes recovers a known rotation exactly", "[translate]") {
    const RowMatrixXf X = randomMatrix(200, 16, 21);
    const Eigen::MatrixXf Q = randomRotation(16, 22);
    const RowMatrixXf Y = X * Q;
    for (Scaling s : {Scaling::None, Scaling::Center}) {
        INFO(scalingName(s));
        TranslationOptions o;
        o.scaling = s;
        const Translator t = fitOk(X.topRows(40), Y.topRows(40), o);
        requireNear(t.apply(X), Y, 2e-5);
        CHECK(t.report().orthogonalityError < 1e-6);
        CHECK(t.report().anchorMse < 1e-10);
        CHECK(t.report().rank == 16);
    }
    // Rotation + translation + global scale: centered procrustes with the L2 option rescales by n_y.
    const RowMatrixXf Z = (X * Q * 2.0f).rowwise() + Eigen::RowVectorXf::Constant(16, 3.0f);
    TranslationOptions o;
    o.scaling = Scaling::Center;
    o.method = TranslationMethod::Linear;
    requireNear(fitOk(X.topRows(40), Z.topRows(40), o).apply(X), Z, 1e-4);
}

TEST_CASE("translating a space onto itself is the identity for each method", "[translate]") {
    const RowMatrixXf X = (randomMatrix(120, 8, 23).array() * 3.0f + 1.0f).matrix();
    for (TranslationMethod m : {TranslationMethod::Procrustes, TranslationMethod::Linear,
                                TranslationMethod::LinearOrtho, TranslationMethod::Affine})
        for (Scaling s : {Scaling::Standard, Scaling::Center, Scaling::None}) {
            INFO(translationMethodName(m) << " / " << scalingName(s));
            TranslationOptions o;
            o.method = m;
            o.scaling = s;
            const Translator t = fitOk(X.topRows(30), X.topRows(30), o);
            requireNear(t.apply(X), X, 1e-4);
            CHECK(t.report().anchorMse < 1e-9);
        }
}

TEST_CASE("different widths are zero-padded and map back to the target width", "[translate]") {
    const RowMatrixXf X = randomMatrix(100, 10, 24);
    const Eigen::MatrixXf M = randomMatrix(10, 6, 25);
    const RowMatrixXf Y = X * M;  // exactly linear, D' < D
    TranslationOptions o;
    o.method = TranslationMethod::Linear;
    o.scaling = Scaling::None;
    const Translator t = fitOk(X.topRows(30), Y.topRows(30), o);
    CHECK(t.sourceDim() == 10);
    CHECK(t.targetDim() == 6);
    CHECK(t.report().singularValues.size() == 10);
    requireNear(t.apply(X), Y, 1e-3);
    // Wider target: procrustes still works (rank <= source width).
    const Translator up = fitOk(Y.topRows(30), X.topRows(30), TranslationOptions{});
    CHECK(up.apply(Y).cols() == 10);
    CHECK(up.report().rank <= 6);
}

TEST_CASE("ridge shrinks the linear map, l2 keeps target scale", "[translate]") {
    const RowMatrixXf X = randomMatrix(60, 6, 26);
    const RowMatrixXf Y = X * randomRotation(6, 27) * 4.0f;
    TranslationOptions o;
    o.method = TranslationMethod::Linear;
    o.scaling = Scaling::None;
    const double free = fitOk(X.topRows(20), Y.topRows(20), o).report().anchorMse;
    o.ridge = 50.0;
    const double shrunk = fitOk(X.topRows(20), Y.topRows(20), o).report().anchorMse;
    CHECK(free < 1e-8);
    CHECK(shrunk > 1e-3);
    TranslationOptions l2;
    l2.l2 = true;
    l2.scaling = Scaling::None;
    const Translator t = fitOk(X.topRows(20), Y.topRows(20), l2);
    const RowMatrixXf out = t.apply(X);
    // Rows come back with the mean norm of the target anchors.
    const float ny = Y.topRows(20).rowwise().norm().mean();
    for (Index i = 0; i < out.rows(); ++i) CHECK(std::abs(out.row(i).norm() - ny) < 1e-3f * ny);
}

TEST_CASE("translator refuses impossible requests", "[translate]") {
    const RowMatrixXf X = randomMatrix(10, 4, 28);
    CHECK(Translator::fit(X, X.topRows(9), {}).error().code == ErrorCode::InvalidArgument);
    CHECK(Translator::fit(RowMatrixXf(0, 4), RowMatrixXf(0, 4), {}).error().code == ErrorCode::InvalidArgument);
    CHECK(Translator::fit(X.topRows(1), X.topRows(1), {}).error().code == ErrorCode::InvalidArgument);
    TranslationOptions o;
    o.ridge = -1;
    CHECK(Translator::fit(X, X, o).error().code == ErrorCode::InvalidArgument);
    RowMatrixXf bad = X;
    bad(2, 1) = std::numeric_limits<float>::infinity();
    CHECK(Translator::fit(bad, X, {}).error().code == ErrorCode::NumericalIssue);
    TranslationMethod m;
    CHECK(parseTranslationMethod("linear-ortho", m));
    CHECK(m == TranslationMethod::LinearOrtho);
    Scaling s;
    CHECK_FALSE(parseScaling("minmax", s));
}

TEST_CASE("skipping the fit report gives the same map", "[translate]") {
    // 50 anchors of 10-d spaces, and 6 of 10-d ones: there Procrustes keeps its map in low-rank form until first
    // used (polar_factor.h's OrthogonalFactor), and must form the very bits the full fit forms at once.
    const RowMatrixXf X = randomMatrix(150, 10, 31);
    const RowMatrixXf Y = X * randomMatrix(10, 12, 32) + 0.1f * randomMatrix(150, 12, 33);
    for (Eigen::Index k : {50, 6})
        for (TranslationMethod m : {TranslationMethod::Procrustes, TranslationMethod::Linear,
                                    TranslationMethod::LinearOrtho, TranslationMethod::Affine}) {
            INFO(k << " anchors, " << translationMethodName(m));
            TranslationOptions o;
            o.method = m;
            const Translator full = fitOk(X.topRows(k), Y.topRows(k), o);
            const Translator quick =
                Translator::fit(X.topRows(k), Y.topRows(k), o, silentJob(), FitReport::Skip).value();
            const Translator copy = quick;  // copies share the map, formed once by whichever asks first
            requireNear(copy.apply(X), full.apply(X), 0.0);
            requireNear(quick.apply(X), full.apply(X), 0.0);
            CHECK(full.report().rank == std::min<Eigen::Index>(k - 1, 10));  // centered anchors span K − 1
            CHECK(quick.report().singularValues.size() == 0);
        }
}

TEST_CASE("fitting several methods at once gives each method's own fit", "[translate]") {
    const RowMatrixXf X = randomMatrix(150, 10, 34);
    const RowMatrixXf Y = X * randomMatrix(10, 7, 35) + 0.1f * randomMatrix(150, 7, 36);
    const std::vector<TranslationMethod> methods{TranslationMethod::Affine, TranslationMethod::Procrustes,
                                                 TranslationMethod::Linear, TranslationMethod::LinearOrtho};
    for (Scaling s : {Scaling::Standard, Scaling::None})
        for (bool l2 : {false, true}) {
            INFO(scalingName(s) << (l2 ? " + l2" : ""));
            TranslationOptions o;
            o.scaling = s;
            o.l2 = l2;
            std::vector<Result<Translator>> all = Translator::fitEach(X.topRows(40), Y.topRows(40), o, methods);
            REQUIRE(all.size() == methods.size());
            for (size_t i = 0; i < methods.size(); ++i) {
                INFO(translationMethodName(methods[i]));
                REQUIRE(all[i].isOk());
                CHECK(all[i]->options().method == methods[i]);
                o.method = methods[i];
                const Translator alone = fitOk(X.topRows(40), Y.topRows(40), o);
                requireNear(all[i]->apply(X), alone.apply(X), 0.0);
                CHECK(all[i]->report().anchorMse == alone.report().anchorMse);
            }
        }
    // Bad anchors fail every method with the same error.
    std::vector<Result<Translator>> bad = Translator::fitEach(X.topRows(40), Y.topRows(39), {}, methods);
    REQUIRE(bad.size() == methods.size());
    for (const Result<Translator>& r : bad) CHECK(r.error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("linear fits with fewer anchors than dims still interpolate the anchors", "[translate]") {
    // K = 6 < D = 10: the normal equations are singular, so the minimum-norm solution is used.
    const RowMatrixXf X = randomMatrix(50, 10, 37);
    const RowMatrixXf Y = randomMatrix(50, 8, 38);
    for (TranslationMethod m : {TranslationMethod::Linear, TranslationMethod::Affine}) {
        INFO(translationMethodName(m));
        TranslationOptions o;
        o.method = m;
        o.scaling = Scaling::None;
        const Translator t = fitOk(X.topRows(6), Y.topRows(6), o);
        CHECK(t.report().anchorMse < 1e-10);
        CHECK(t.apply(X).allFinite());
    }
}

TEST_CASE("units dead on every anchor do not change a linear fit", "[translate]") {
    // Two zero columns (ReLU units that never fire): the fit equals the fit without them.
    RowMatrixXf X = randomMatrix(80, 8, 39);
    X.col(2).setZero();
    X.col(5).setZero();
    const RowMatrixXf Y = X * randomMatrix(8, 6, 40) + 0.05f * randomMatrix(80, 6, 41);
    RowMatrixXf alive(80, 6);
    alive << X.leftCols(2), X.middleCols(3, 2), X.rightCols(2);
    for (Scaling s : {Scaling::Standard, Scaling::None}) {
        INFO(scalingName(s));
        TranslationOptions o;
        o.method = TranslationMethod::Linear;
        o.scaling = s;
        requireNear(fitOk(X.topRows(30), Y.topRows(30), o).apply(X),
                    fitOk(alive.topRows(30), Y.topRows(30), o).apply(alive), 1e-4);
    }
}

TEST_CASE("translators that map alike are recognized", "[translate]") {
    const RowMatrixXf X = randomMatrix(120, 9, 42);
    const RowMatrixXf Y = X * randomMatrix(9, 9, 43) + 0.1f * randomMatrix(120, 9, 44);
    const std::vector<TranslationMethod> methods{TranslationMethod::Procrustes, TranslationMethod::Linear,
                                                 TranslationMethod::Affine};
    TranslationOptions o;
    o.scaling = Scaling::Center;  // affine is linear on centered anchors: one solution, the same map
    std::vector<Result<Translator>> t = Translator::fitEach(X.topRows(40), Y.topRows(40), o, methods);
    CHECK(t[1]->sameMapping(*t[2]));
    requireNear(t[1]->apply(X), t[2]->apply(X), 0.0);
    CHECK_FALSE(t[0]->sameMapping(*t[1]));
    // Standardized anchors (K > D): a reparametrization of the same unique least-squares affine map
    // (Frisch–Waugh–Lovell), computed apart, so equal to rounding only.
    o.scaling = Scaling::Standard;
    t = Translator::fitEach(X.topRows(40), Y.topRows(40), o, methods);
    CHECK_FALSE(t[1]->sameMapping(*t[2]));
    requireNear(t[1]->apply(X), t[2]->apply(X), 1e-4);
    o.scaling = Scaling::None;  // linear without a bias; affine keeps its bias
    t = Translator::fitEach(X.topRows(40), Y.topRows(40), o, methods);
    CHECK_FALSE(t[1]->sameMapping(*t[2]));
}

TEST_CASE("a translator without L2 normalization is the affine map it reports", "[translate]") {
    // Y is exactly an affine image of X: the affine method (with standard scaling on both sides) must report that
    // very map, and so must linear on centered data, where the bias is the means' image.
    const RowMatrixXf X = randomMatrix(80, 7, 31);
    const Eigen::MatrixXf M0 = randomMatrix(7, 5, 32);
    const Eigen::RowVectorXf c0 = Eigen::RowVectorXf::LinSpaced(5, -2.0f, 3.0f);
    const RowMatrixXf Y = (X * M0).rowwise() + c0;
    for (TranslationMethod method : {TranslationMethod::Linear, TranslationMethod::Affine}) {
        INFO(translationMethodName(method));
        TranslationOptions o;
        o.method = method;
        const Translator t = fitOk(X, Y, o);
        const std::optional<Translator::AffineMap> a = t.affineMap();
        REQUIRE(a.has_value());
        requireNear(a->map, M0, 1e-3);
        requireNear(a->offset, c0, 1e-3);
        requireNear(t.apply(X), Y, 1e-3);
        o.l2 = true;  // a per-row normalization: not affine (affine ignores the option)
        CHECK(fitOk(X, Y, o).affineMap().has_value() == (method == TranslationMethod::Affine));
    }
}

TEST_CASE("a translator composed with a few columns is its affine map times them", "[translate]") {
    // affineMapThen(P) must equal affineMap()·P for every affine translator: with 12 anchors of 40-d spaces
    // Procrustes composes through the low-rank form of its map (K < D), with 60 through the formed one. The views'
    // 2-D plane reads it: X·map + offset is the translation of X projected on P.
    const RowMatrixXf X = randomMatrix(120, 40, 61);
    const RowMatrixXf Y = 3.0f * (X * randomRotation(40, 62)) + 0.05f * randomMatrix(120, 40, 63);
    const Eigen::MatrixXf P = randomMatrix(40, 2, 64);
    for (Eigen::Index k : {12, 60})
        for (TranslationMethod m :
             {TranslationMethod::Procrustes, TranslationMethod::Linear, TranslationMethod::Affine}) {
            INFO(k << " anchors, " << translationMethodName(m));
            TranslationOptions o;
            o.method = m;
            const Translator t = Translator::fit(X.topRows(k), Y.topRows(k), o, silentJob(), FitReport::Skip).value();
            const std::optional<Translator::AffineMap> composed = t.affineMapThen(P);  // before anything forms R
            const std::optional<Translator::AffineMap> a = t.affineMap();
            REQUIRE(composed.has_value());
            REQUIRE(a.has_value());
            const double scale = std::max(1.0, double(Eigen::MatrixXf(a->map * P).cwiseAbs().maxCoeff()));
            requireNear(composed->map, Eigen::MatrixXf(a->map * P), 1e-5 * scale);
            requireNear(composed->offset, Eigen::RowVectorXf(a->offset * P), 1e-4 * scale);
            const RowMatrixXf viaComposed = (X * composed->map).rowwise() + composed->offset;
            requireNear(viaComposed, RowMatrixXf(t.apply(X) * P), 1e-4 * viaComposed.cwiseAbs().maxCoeff());
            o.l2 = true;  // per-row normalization: no affine map to compose (affine ignores the option)
            const Translator l2 = Translator::fit(X.topRows(k), Y.topRows(k), o, silentJob(), FitReport::Skip).value();
            CHECK(l2.affineMapThen(P).has_value() == (m == TranslationMethod::Affine));
        }
}

TEST_CASE("a few rows translate through a low-rank fit's factors as through its formed map", "[translate]") {
    // 12 anchors of 40-d (standardized) spaces: Procrustes keeps R in low-rank form. Fewer than 20 rows translate
    // through the factors while nothing has formed R, and must match the formed map's translation; once a caller
    // forms R (affineMap), every copy of the translator uses it.
    const RowMatrixXf X = randomMatrix(120, 40, 71);
    const RowMatrixXf Y = 2.0f * (X * randomRotation(40, 72)) + 0.05f * randomMatrix(120, 40, 73);
    const RowMatrixXf rows = X.bottomRows(7);
    // Without the report, which reads R whole.
    const Translator t = Translator::fit(X.topRows(12), Y.topRows(12), {}, silentJob(), FitReport::Skip).value();
    const Translator copy = t;  // shares the map, as recent_fits.h's copies do
    CHECK(t.translatesInLowRank(7));
    CHECK(t.translatesInLowRank(19));
    CHECK_FALSE(t.translatesInLowRank(20));  // half the width: forming R pays
    const RowMatrixXf viaFactors = t.apply(rows);
    CHECK(copy.translatesInLowRank(7));  // applying through the factors formed nothing
    const std::optional<Translator::AffineMap> a = t.affineMap();
    REQUIRE(a.has_value());
    CHECK_FALSE(copy.translatesInLowRank(7));
    const RowMatrixXf viaMap = (rows * a->map).rowwise() + a->offset;
    requireNear(viaFactors, viaMap, 1e-5 * viaMap.cwiseAbs().maxCoeff());
    requireNear(copy.apply(rows), viaMap, 1e-5 * viaMap.cwiseAbs().maxCoeff());
    // A whole fit (as many anchors as dimensions) and L2 normalization never take the factors.
    CHECK_FALSE(
        Translator::fit(X.topRows(60), Y.topRows(60), {}, silentJob(), FitReport::Skip).value().translatesInLowRank(1));
    TranslationOptions l2;
    l2.l2 = true;
    CHECK_FALSE(
        Translator::fit(X.topRows(12), Y.topRows(12), l2, silentJob(), FitReport::Skip).value().translatesInLowRank(1));
}

namespace {

bool mentions(const std::vector<Warning>& warnings, const std::string& text) {
    for (const Warning& w : warnings)
        if (w.message.find(text) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("translator warnings: dead dimensions, rank-deficient least squares, an undetermined rotation",
          "[translate]") {
    const RowMatrixXf X = randomMatrix(200, 10, 51);
    const RowMatrixXf Y = X * randomMatrix(10, 10, 52) + 0.1f * randomMatrix(200, 10, 53);
    for (FitReport reporting : {FitReport::Full, FitReport::Skip}) {
        INFO((reporting == FitReport::Full ? "full report" : "skipped report"));
        TranslationOptions o;
        // Enough anchors, all dimensions alive: nothing to say.
        for (TranslationMethod m : {TranslationMethod::Procrustes, TranslationMethod::Linear,
                                    TranslationMethod::LinearOrtho, TranslationMethod::Affine}) {
            o.method = m;
            CHECK(Translator::fit(X.topRows(100), Y.topRows(100), o, silentJob(), reporting)->warnings().empty());
        }
        // K = 6 < D = 10: least squares interpolates, Procrustes is completed beyond what the anchors fix.
        o.method = TranslationMethod::Linear;
        const Translator few = Translator::fit(X.topRows(6), Y.topRows(6), o, silentJob(), reporting).value();
        CHECK(mentions(few.warnings(), "rank-deficient"));
        CHECK(mentions(few.warnings(), "span 5 of 10"));  // centered: 6 anchors span 5 directions
        CHECK(few.report().anchorMse < 1e-8);
        o.method = TranslationMethod::Procrustes;
        CHECK(mentions(Translator::fit(X.topRows(6), Y.topRows(6), o, silentJob(), reporting)->warnings(),
                       "completed deterministically"));
        // Dimensions constant on the anchors, on either side.
        RowMatrixXf deadX = X, deadY = Y;
        deadX.col(3).setConstant(2.0f);
        deadY.col(7).setZero();
        o.method = TranslationMethod::Linear;
        const Translator dead =
            Translator::fit(deadX.topRows(100), deadY.topRows(100), o, silentJob(), reporting).value();
        CHECK(mentions(dead.warnings(), "1 of 10 source dimensions are constant"));
        CHECK(mentions(dead.warnings(), "1 of 10 target dimensions are constant"));
        CHECK_FALSE(mentions(dead.warnings(), "rank-deficient"));  // the dead unit is reported once, as dead
    }
    // Collinear anchors (a duplicated direction) are caught by the full report's rank, not by the counts.
    RowMatrixXf collinear = X;
    collinear.col(9) = collinear.col(0) * 2.0f;
    TranslationOptions o;
    o.method = TranslationMethod::Linear;
    CHECK(mentions(Translator::fit(collinear.topRows(100), Y.topRows(100), o)->warnings(), "span 9 of 10"));
}

TEST_CASE("Procrustes completes what the anchors leave free the same way on every route", "[translate]") {
    // K = 5 anchors in D = 12: a 4-dimensional determined block; the rest of the rotation is completed. The
    // completion must not depend on the bases a solver returns: the Gram route, the SVD route, and the SVD route
    // on a cross-covariance whose free directions were rotated inside their subspace all agree.
    const RowMatrixXf X = randomMatrix(5, 12, 61);
    const RowMatrixXf Y = randomMatrix(5, 12, 62);
    const Eigen::MatrixXd x = (X.rowwise() - X.colwise().mean()).cast<double>();
    const Eigen::MatrixXd y = (Y.rowwise() - Y.colwise().mean()).cast<double>();
    bool svd = true;
    const Eigen::MatrixXd gram = polarFactorOfProduct(x, y, 12, &svd);
    CHECK_FALSE(svd);
    const Eigen::MatrixXd cross = x.transpose() * y;
    const Eigen::MatrixXd viaCross = polarFactor(cross, 12, 12, &svd);
    CHECK_FALSE(svd);
    // The SVD route, as taken when a singular value is neither clearly zero nor clearly determined: a tiny
    // perturbation (1e-5 relative) of one more direction sends it there.
    Eigen::JacobiSVD<Eigen::MatrixXd> s(cross, Eigen::ComputeFullU | Eigen::ComputeFullV);
    Eigen::VectorXd sigma = s.singularValues();
    sigma(4) = 1e-5 * sigma(0);
    const Eigen::MatrixXd nudged = s.matrixU() * sigma.asDiagonal() * s.matrixV().transpose();
    const Eigen::MatrixXd viaSvd = polarFactor(nudged, 12, 12, &svd);
    CHECK(svd);
    requireNear(viaCross, gram, 1e-8);
    for (const Eigen::MatrixXd& r : {gram, viaCross, viaSvd})
        requireNear(Eigen::MatrixXd(r.transpose() * r), Eigen::MatrixXd::Identity(12, 12), 1e-9);
    // The nudged direction is now determined (paired by the SVD), so compare the maps on the 4 original
    // directions, and check the completion is the rotation closest to the identity: trace maximal among
    // completions, here checked against the completion a different basis of the free subspaces would give.
    const Eigen::MatrixXd u4 = s.matrixU().leftCols(4);
    requireNear(Eigen::MatrixXd(u4.transpose() * viaSvd), Eigen::MatrixXd(u4.transpose() * gram), 1e-6);
    const Eigen::MatrixXd freeU = s.matrixU().rightCols(8), freeV = s.matrixV().rightCols(8);
    const Eigen::MatrixXd completion = freeU.transpose() * gram * freeV;  // 8 x 8 block on the free subspaces
    requireNear(Eigen::MatrixXd(completion.transpose() * completion), Eigen::MatrixXd::Identity(8, 8), 1e-8);
    const Eigen::MatrixXd q = randomRotation(8, 63).cast<double>();
    const double best = (freeU * completion * freeV.transpose()).trace();
    CHECK(best >= (freeU * q * freeV.transpose()).trace() - 1e-9);
    CHECK(best >= (freeU * completion * q * freeV.transpose()).trace() - 1e-9);
}
