// Properties of the representational similarity measures: the invariances each one claims (docs/methods.md §4),
// identity, symmetry, the row subsample, and bad input.
#include "core/metrics/measures.h"
#include "core/metrics/cka.h"

#include "core/metrics/sampling.h"

#include "tests/support/test_helpers.h"

#include <cmath>
#include <set>

using namespace lb;
using namespace lb::test;

namespace {

// Rows paired: B a noisy nonlinear image of A (60 × 6 -> 60 × 5).
RowMatrixXf fixtureA() {
    return randomMatrix(60, 6, 31);
}
RowMatrixXf fixtureB() {
    const RowMatrixXf A = fixtureA();
    return (A * randomMatrix(6, 5, 32)).array().tanh().matrix() + 0.4f * randomMatrix(60, 5, 33);
}

std::vector<MeasureResult> all(const RowMatrixXf& A, const RowMatrixXf& B, const MeasureSettings& s = {}) {
    Result<std::vector<MeasureResult>> r = computeMeasures(A, B, parseMeasureList("all").value(), s);
    REQUIRE(r.isOk());
    return *r;
}

// Statistics of where rows sit are not translation invariant; magnitude is not scale invariant either.
bool claimsTranslation(const std::string& name) {
    const MeasureInfo* m = findMeasure(name);
    return std::string(m->family) != "statistics";
}
bool claimsScaling(const std::string& name) {
    return name != "magnitude_difference";
}

}  // namespace

TEST_CASE("similarity measures: registry and list parsing", "[metrics][measures]") {
    REQUIRE(measureRegistry().size() == 20);
    std::set<std::string> names;
    for (const MeasureInfo& m : measureRegistry()) names.insert(m.name);
    REQUIRE(names.size() == 20);
    REQUIRE(parseMeasureList("all").value().size() == 20);
    REQUIRE(parseMeasureList(" pwcca, gulp ,pwcca").value() == std::vector<std::string>{"pwcca", "gulp"});
    Result<std::vector<std::string>> bad = parseMeasureList("pwcca,no_such_measure");
    REQUIRE(!bad.isOk());
    REQUIRE(bad.error().message.find("no_such_measure") != std::string::npos);
    REQUIRE(!parseMeasureList(" , ").isOk());
}

TEST_CASE("similarity measures: identity gives the most similar value", "[metrics][measures]") {
    const RowMatrixXf A = fixtureA();
    for (const MeasureResult& r : all(A, A)) {
        INFO(r.name);
        REQUIRE(r.value == Approx(r.higherIsMoreSimilar ? 1.0 : 0.0).margin(1e-6));
    }
}

TEST_CASE("similarity measures: A against B is less alike than A against itself", "[metrics][measures]") {
    for (const MeasureResult& r : all(fixtureA(), fixtureB())) {
        INFO(r.name << " = " << r.value);
        if (r.higherIsMoreSimilar)
            REQUIRE(r.value < 1.0 - 1e-3);
        else
            REQUIRE(r.value > 1e-3);
    }
}

TEST_CASE("similarity measures: rotation, isotropic scaling and translation where claimed", "[metrics][measures]") {
    const RowMatrixXf A = fixtureA(), B = fixtureB();
    const std::vector<MeasureResult> base = all(A, B);
    const RowMatrixXf rotated = B * randomRotation(5, 34);
    const RowMatrixXf scaled = 3.5f * B;
    const RowMatrixXf shifted = B.rowwise() + Eigen::RowVectorXf::LinSpaced(5, -4.0f, 9.0f);
    const std::vector<MeasureResult> r = all(A, rotated), s = all(A, scaled), t = all(A, shifted);
    for (size_t i = 0; i < base.size(); ++i) {
        INFO(base[i].name);
        REQUIRE(r[i].value == Approx(base[i].value).epsilon(1e-4).margin(1e-5));
        if (claimsScaling(base[i].name)) REQUIRE(s[i].value == Approx(base[i].value).epsilon(1e-4).margin(1e-5));
        if (claimsTranslation(base[i].name)) REQUIRE(t[i].value == Approx(base[i].value).epsilon(1e-4).margin(1e-5));
    }
    SECTION("and the ones that do not claim them do change") {
        const std::vector<MeasureResult> ab = all(A, B);
        REQUIRE(std::abs(s[16].value - ab[16].value) > 1e-3);  // magnitude difference under scaling
        for (size_t i = 16; i < 19; ++i) REQUIRE(std::abs(t[i].value - ab[i].value) > 1e-4);
    }
}

TEST_CASE("similarity measures: linear_cka is the project's linear CKA", "[metrics][measures]") {
    const RowMatrixXf A = fixtureA(), B = fixtureB();
    const double direct = linearCka(A, B).value();
    REQUIRE(direct > 0.0);
    REQUIRE(direct < 1.0);
    REQUIRE(computeMeasures(A, B, {"linear_cka"}, MeasureSettings{}).value().front().value ==
            Approx(direct).margin(1e-9));
    REQUIRE(computeMeasures(A, A, {"linear_cka"}, MeasureSettings{}).value().front().value == Approx(1.0).margin(1e-9));
}

TEST_CASE("similarity measures: the symmetric ones are symmetric", "[metrics][measures]") {
    const RowMatrixXf A = fixtureA(), B = fixtureB();
    const std::vector<MeasureResult> ab = all(A, B), ba = all(B, A);
    for (size_t i = 0; i < ab.size(); ++i) {
        INFO(ab[i].name);
        // Linear CKA forms its cross products in float (cka.h), so A·B and B·A agree to float round-off; the
        // others work in double.
        const double tolerance = ab[i].name == "linear_cka" ? 1e-6 : 1e-9;
        if (findMeasure(ab[i].name)->symmetric) REQUIRE(ab[i].value == Approx(ba[i].value).epsilon(tolerance));
    }
}

TEST_CASE("similarity measures: N × N measures use the seeded row subsample, the others every row",
          "[metrics][measures]") {
    const RowMatrixXf A = fixtureA(), B = fixtureB();
    MeasureSettings s;
    s.maxRows = 25;
    s.seed = 7;
    const std::vector<MeasureResult> sub = all(A, B, s);
    const std::vector<Index> rows = sampleRows(A.rows(), 25, 7);
    RowMatrixXf As(25, A.cols()), Bs(25, B.cols());
    for (size_t i = 0; i < rows.size(); ++i) {
        As.row(static_cast<Index>(i)) = A.row(rows[i]);
        Bs.row(static_cast<Index>(i)) = B.row(rows[i]);
    }
    MeasureSettings everyRow = s;
    everyRow.maxRows = 0;
    const std::vector<MeasureResult> onSample = all(As, Bs, everyRow), full = all(A, B, everyRow);
    for (size_t i = 0; i < sub.size(); ++i) {
        INFO(sub[i].name);
        if (findMeasure(sub[i].name)->subsampled) {
            REQUIRE(sub[i].rowsUsed == 25);
            REQUIRE(sub[i].value == Approx(onSample[i].value).epsilon(1e-12));
        } else {
            REQUIRE(sub[i].rowsUsed == 60);
            REQUIRE(sub[i].value == Approx(full[i].value).epsilon(1e-12));
        }
    }
}

TEST_CASE("similarity measures: bad input is an error, not a crash", "[metrics][measures]") {
    const RowMatrixXf A = fixtureA(), B = fixtureB();
    const std::vector<std::string> names{"pwcca"};
    REQUIRE(!computeMeasures(A, B.topRows(59), names, {}).isOk());
    REQUIRE(!computeMeasures(A.topRows(1), B.topRows(1), names, {}).isOk());
    REQUIRE(!computeMeasures(A, B, {"nope"}, {}).isOk());
    MeasureSettings s;
    s.k = 0;
    REQUIRE(!computeMeasures(A, B, names, s).isOk());
    s = {};
    s.gulpLambda = 0;
    REQUIRE(!computeMeasures(A, B, names, s).isOk());
    RowMatrixXf nan = A;
    nan(3, 2) = std::nanf("");
    REQUIRE(computeMeasures(nan, B, names, {}).error().code == ErrorCode::NumericalIssue);
    JobContext cancelled;
    cancelled.cancel();
    REQUIRE(computeMeasures(A, B, names, {}, cancelled).error().code == ErrorCode::Cancelled);
}

TEST_CASE("similarity measures: invariance to invertible linear maps where claimed", "[metrics][measures]") {
    const RowMatrixXf A = fixtureA(), B = fixtureB();
    // A well-conditioned, non-orthogonal map: identity plus a small random perturbation, stretched per column.
    const auto stretch = [](Index d, uint64_t seed) {
        RowMatrixXf M = RowMatrixXf::Identity(d, d) + 0.3f * randomMatrix(d, d, seed);
        for (Index c = 0; c < d; ++c) M.col(c) *= 0.5f + static_cast<float>(c);
        return M;
    };
    const RowMatrixXf mappedA = A * stretch(6, 35), mappedB = B * stretch(5, 36);
    const std::vector<std::string> ofB = {"mean_cca", "pwcca", "eigenspace_overlap"};
    const std::vector<std::string> ofA = {"mean_cca", "linear_regression", "eigenspace_overlap"};
    const auto values = [](const RowMatrixXf& a, const RowMatrixXf& b, const std::vector<std::string>& names) {
        Result<std::vector<MeasureResult>> r = computeMeasures(a, b, names, MeasureSettings{});
        REQUIRE(r.isOk());
        return *r;
    };
    const std::vector<MeasureResult> baseB = values(A, B, ofB), mB = values(A, mappedB, ofB);
    for (size_t i = 0; i < ofB.size(); ++i) {
        INFO(ofB[i] << " under a linear map of B");
        REQUIRE(mB[i].value == Approx(baseB[i].value).epsilon(1e-4).margin(1e-5));
    }
    const std::vector<MeasureResult> baseA = values(A, B, ofA), mA = values(mappedA, B, ofA);
    for (size_t i = 0; i < ofA.size(); ++i) {
        INFO(ofA[i] << " under a linear map of A");
        REQUIRE(mA[i].value == Approx(baseA[i].value).epsilon(1e-4).margin(1e-5));
    }
    // And the ones that only claim rotations do see a non-orthogonal map.
    const std::vector<MeasureResult> p0 = values(A, B, {"procrustes"}), p1 = values(A, mappedB, {"procrustes"});
    REQUIRE(std::abs(p0[0].value - p1[0].value) > 1e-3);
}

TEST_CASE("similarity measures: float rounding of a rank-deficient space is not counted as directions",
          "[metrics][measures]") {
    // 200 × 40 float spaces of rank 8 (like relative representations of 40 anchors in 8 dims), one a rotated,
    // re-lifted copy of the other: the same column space, so every canonical correlation is 1.
    const RowMatrixXf base = randomMatrix(200, 8, 41);
    const RowMatrixXf A = base * randomMatrix(8, 40, 42);
    const RowMatrixXf B = (base * randomRotation(8, 43)) * randomMatrix(8, 40, 44);
    Result<std::vector<MeasureResult>> r =
        computeMeasures(A, B, {"mean_cca", "eigenspace_overlap", "linear_regression"}, MeasureSettings{});
    REQUIRE(r.isOk());
    for (const MeasureResult& v : *r) {
        INFO(v.name);
        CHECK(v.value == Approx(1.0).margin(1e-4));
    }
}
