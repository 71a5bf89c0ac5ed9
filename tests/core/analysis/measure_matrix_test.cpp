// The spaces × spaces matrix of one similarity measure (core/analysis/measure_matrix.h): each entry is the pair's
// measure computed alone, the diagonal is the measure's identity value, symmetric measures give a symmetric
// matrix, and a pair where the measure does not apply says why.
#include "core/analysis/measure_matrix.h"

#include "core/session/session.h"
#include "tests/core/analysis/analysis_fixture.h"

#include <catch2/catch.hpp>

using namespace lb;

namespace {

// Three spaces: A, B = A·R (the fixture's), and C = A·R' plus noise (another width).
void fillThreeSpaces(Session& s) {
    test::fillRotatedSession(s, 240, 8, 8);
    RowMatrixXf c = test::randomMatrix(240, 8, 11) * 0.3f;
    c += RowMatrixXf(s.entry(0).space->embeddings.view()) * test::randomRotation(8, 12);
    s.addSpace("c.npz", test::rotatedSpace("model_c", RowMatrixXf(c.leftCols(6)), false));
}

}  // namespace

TEST_CASE("measure matrix: each entry is the pair's measure alone; the diagonal is the identity value",
          "[analysis][measures]") {
    Session s;
    fillThreeSpaces(s);
    MeasureSettings settings;
    settings.maxRows = 150;
    for (const SimilarityColumn space : {SimilarityColumn::Absolute, SimilarityColumn::Relative})
        for (const char* measure : {"linear_regression", "procrustes", "rsa_pearson", "linear_cka"}) {
            CAPTURE(similarityColumnKey(space), measure);
            const MeasureMatrix m = computeMeasureMatrix(measureMatrixInput(s, measure, space, settings)).value();
            REQUIRE(m.n() == 3);
            const MeasureInfo* info = findMeasure(measure);
            for (size_t i = 0; i < 3; ++i)
                for (size_t j = 0; j < 3; ++j) {
                    CAPTURE(i, j);
                    const Result<PairMeasures> alone =
                        computePairMeasures(similarityInput(s, i, j), space, {measure}, settings);
                    if (!alone) {
                        CHECK_FALSE(m.at(i, j));
                        CHECK(m.why[i * 3 + j] == alone.error().describe());
                        continue;
                    }
                    REQUIRE(m.at(i, j));
                    // A symmetric measure's lower triangle mirrors the upper one: equal to the pair computed the
                    // other way round up to rounding.
                    const double margin = info->symmetric && i > j ? 1e-6 : 1e-12;
                    CHECK(*m.at(i, j) == Approx(alone->results.front().value).margin(margin));
                    if (i == j) CHECK(*m.at(i, j) == Approx(info->higherIsMoreSimilar ? 1.0 : 0.0).margin(1e-5));
                    if (info->symmetric && m.at(j, i)) CHECK(*m.at(i, j) == *m.at(j, i));
                }
        }
}

TEST_CASE("measure matrix: absent entries say why; unknown measures and cancellation are errors",
          "[analysis][measures]") {
    Session s;
    fillThreeSpaces(s);
    // Procrustes needs one width: B (8 dims) against C (6 dims) in absolute space has no value, and says so.
    const MeasureMatrix m =
        computeMeasureMatrix(measureMatrixInput(s, "procrustes", SimilarityColumn::Absolute, MeasureSettings{}))
            .value();
    const Result<PairMeasures> alone =
        computePairMeasures(similarityInput(s, 1, 2), SimilarityColumn::Absolute, {"procrustes"}, MeasureSettings{});
    if (!alone) {
        CHECK_FALSE(m.at(1, 2));
        CHECK_FALSE(m.why[1 * 3 + 2].empty());
    }
    // Without anchors the relative space does not exist: every entry absent, with the reason.
    s.setAnchors({}, "none");
    const MeasureMatrix none =
        computeMeasureMatrix(measureMatrixInput(s, "rsa_pearson", SimilarityColumn::Relative, MeasureSettings{}))
            .value();
    for (size_t at = 0; at < 9; ++at) {
        CHECK_FALSE(none.values[at]);
        CHECK_FALSE(none.why[at].empty());
    }
    CHECK(computeMeasureMatrix(measureMatrixInput(s, "no_such", SimilarityColumn::Absolute, MeasureSettings{}))
              .error()
              .code == ErrorCode::InvalidArgument);
    JobContext cancelled;
    cancelled.cancel();
    CHECK(computeMeasureMatrix(measureMatrixInput(s, "procrustes", SimilarityColumn::Absolute, MeasureSettings{}),
                               cancelled)
              .error()
              .code == ErrorCode::Cancelled);
}
