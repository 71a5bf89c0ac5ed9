// Per-sample neighbourhood agreement (core/analysis/sample_agreement.h): its mean against the similarity table's
// Jaccard@k, its invariances, and the NumPy golden values (tests/data/golden/make_golden_agreement.py).
#include "core/analysis/sample_agreement.h"

#include "tests/core/analysis/analysis_fixture.h"
#include "tests/support/golden_text.h"
#include "tests/support/test_paths.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace lb;
using lb::test::randomMatrix;

namespace {

const SimilarityColumn kAll[] = {SimilarityColumn::Absolute, SimilarityColumn::Relative, SimilarityColumn::Translated};

SampleAgreement agreementOf(const Session& s, size_t i, SimilarityColumn rep, Index k = 10) {
    AgreementSettings settings;
    settings.k = k;
    settings.representation = rep;
    return sampleAgreement(agreementInput(s, i), settings).value();
}

// Two spaces of the same 200 samples: A, and B a noisy nonlinear image of A (agreement well below 1), 30 anchors.
void fillNoisySession(Session& s) {
    const RowMatrixXf a = randomMatrix(200, 8, 21);
    const RowMatrixXf b = (a * randomMatrix(8, 6, 22)).array().tanh().matrix() + 0.5f * randomMatrix(200, 6, 23);
    s.addSpace("a.npz", test::rotatedSpace("model_a", a, false));
    s.addSpace("b.npz", test::rotatedSpace("model_b", b, true));
    std::vector<Index> anchors;
    for (Index i = 0; i < 30; ++i) anchors.push_back(i * 6 + 2);
    s.setAnchors(anchors, "test anchors");
}

}  // namespace

TEST_CASE("agreement: the mean of the per-sample Jaccard is the similarity table's Jaccard@k", "[analysis]") {
    Session s;
    fillNoisySession(s);
    SimilarityInput in = similarityInput(s, 1, 0);
    in.settings.maxQueries = 0;  // every evaluated row a query, as the colouring
    const SimilarityTable table = computeSimilarityTable(in).value();
    for (SimilarityColumn c : {SimilarityColumn::Relative, SimilarityColumn::Translated}) {
        const SampleAgreement got = agreementOf(s, 1, c, in.settings.kJaccard);
        REQUIRE(got.why.empty());
        CHECK(got.evaluated == table.evaluated);
        CHECK(got.mean == Approx(table.at(SimilarityMetric::Jaccard, c).value).margin(1e-9));
        CHECK(got.mean < 0.9);  // not trivially 1: the fixture's spaces disagree
        // Anchors (reference rows 2, 8, ...) are not evaluated: NaN in the space's rows.
        const Index anchorRow = s.rowInSpace(1, 2);
        CHECK(std::isnan(got.values[static_cast<size_t>(anchorRow)]));
    }
}

TEST_CASE("agreement: identical spaces agree everywhere; a rotation keeps the absolute neighbourhoods", "[analysis]") {
    Session same;
    const RowMatrixXf a = randomMatrix(150, 6, 31);
    same.addSpace("a.npz", test::rotatedSpace("model_a", a, false));
    same.addSpace("b.npz", test::rotatedSpace("copy", a, true));
    std::vector<Index> anchors;
    for (Index i = 0; i < 20; ++i) anchors.push_back(i * 7);
    same.setAnchors(anchors, "test anchors");
    for (SimilarityColumn c : kAll) {
        const SampleAgreement got = agreementOf(same, 1, c);
        REQUIRE(got.evaluated == 130);
        CHECK(got.min == 1.0f);
        CHECK(got.max == 1.0f);
    }
    // B = A rotated (the shared fixture): the same neighbours in each space's own coordinates.
    Session rotated;
    test::fillRotatedSession(rotated, 240, 8, 8);
    const SampleAgreement abs = agreementOf(rotated, 1, SimilarityColumn::Absolute);
    CHECK(abs.evaluated == 200);
    CHECK(abs.min == 1.0f);
    CHECK(abs.mean == 1.0);
}

TEST_CASE("agreement: the NumPy golden values", "[analysis]") {
    const RowMatrixXf a = test::readTextMatrix(test::dataPath("golden/agreement/a.txt")).cast<float>();
    const RowMatrixXf b = test::readTextMatrix(test::dataPath("golden/agreement/b.txt")).cast<float>();
    const auto golden = test::readGoldenValues(test::dataPath("golden/agreement/expected.txt"));
    REQUIRE(a.rows() == 36);
    Session s;
    s.addSpace("a.npz", test::rotatedSpace("model_a", a, false));
    s.addSpace("b.npz", test::rotatedSpace("model_b", b, false));
    std::vector<Index> anchors;
    for (Index i = 0; i < 36; i += 4) anchors.push_back(i);
    s.setAnchors(anchors, "golden anchors");
    s.setReference(1);  // B is the reference: A's neighbourhoods are compared with B's
    const std::vector<double>& rows = golden.at("evaluated");
    const auto k = static_cast<Index>(golden.at("k")[0]);
    for (SimilarityColumn c : {SimilarityColumn::Absolute, SimilarityColumn::Relative}) {
        const SampleAgreement got = agreementOf(s, 0, c, k);
        const std::vector<double>& expected = golden.at(similarityColumnKey(c));
        REQUIRE(expected.size() == rows.size());
        REQUIRE(got.evaluated == static_cast<Index>(rows.size()));
        for (size_t i = 0; i < rows.size(); ++i) {
            INFO(similarityColumnKey(c) << " row " << rows[i]);
            CHECK(got.values[static_cast<size_t>(rows[i])] == Approx(expected[i]).margin(1e-6));
        }
    }
}

TEST_CASE("agreement: too few anchors and bad k are reported, not thrown", "[analysis]") {
    Session s;
    fillNoisySession(s);
    s.setAnchors({}, "clear");
    const SampleAgreement rel = agreementOf(s, 1, SimilarityColumn::Relative);
    CHECK(rel.evaluated == 0);
    CHECK(rel.why.find("anchors") != std::string::npos);
    CHECK(std::isnan(rel.values[0]));
    CHECK(agreementOf(s, 1, SimilarityColumn::Absolute).evaluated == 200);
    AgreementSettings bad;
    bad.k = 0;
    const Result<SampleAgreement> r = sampleAgreement(agreementInput(s, 1), bad);
    REQUIRE(!r);
    CHECK(r.error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("agreement: a session's spaces at once share the reference's searches and give the same values",
          "[analysis]") {
    Session s;
    fillNoisySession(s);
    const std::vector<SpaceAgreement> all = sessionAgreement(agreementInputs(s), AgreementSettings{}).value();
    REQUIRE(all.size() == 2);
    for (SimilarityColumn c : kAll) {
        const auto ci = static_cast<size_t>(c);
        const SampleAgreement alone = agreementOf(s, 1, c);
        REQUIRE(all[1][ci].evaluated == alone.evaluated);
        for (size_t r = 0; r < alone.values.size(); ++r)
            if (!std::isnan(alone.values[r])) CHECK(all[1][ci].values[r] == alone.values[r]);
        // The reference compared with itself.
        CHECK(all[0][ci].min == 1.0f);
        CHECK(all[0][ci].evaluated == all[1][ci].evaluated);
    }
}
