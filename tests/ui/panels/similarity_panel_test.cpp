// Similarity panel: the table is computed by core metrics on a worker, follows anchor edits, and says
// which metrics do not apply.
#include "app/ui/panels/analysis_panels.h"
#include "app/ui/panels/similarity_panel.h"
#include "core/metrics/pointwise.h"
#include "core/space/row_matching.h"
#include "core/translate/translator.h"
#include "tests/ui/panels/analysis_fixture.h"

using namespace lb;
using namespace lb::ui;

namespace {

// The worker input the panel builds for the fixture's default pair (A = space 1, B = space 0), with the
// session's translation settings and the given kNN queries and RBF rows.
SimilarityInput defaultPairInput(test::PanelFixture& f, Index maxQueries, Index rbfRows) {
    SimilarityInput in;
    in.a = f.st.session.entry(1).space;
    in.b = f.st.session.entry(0).space;
    in.rows = pairRows(f.st.session, 1, 0);
    in.translation = f.st.session.settings.translation;
    in.knn.maxQueries = maxQueries;
    in.rbf.maxRows = rbfRows;
    return in;
}

}  // namespace

TEST_CASE("similarity panel: rotated copies agree in relative and translated space", "[ui][panels]") {
    test::PanelFixture f;
    registerAnalysisPanels(f.st);
    f.settle();
    const nlohmann::json r = f.report()["similarity"];
    REQUIRE(r.is_object());
    REQUIRE(r["a"] == "model_b");  // default pair: A = first non-reference space, B = the reference
    REQUIRE(r["b"] == "model_a");
    REQUIRE(r["k"] == 40);
    REQUIRE(r["m"] == 240);
    // Cosine relative representations are rotation invariant: identical in both spaces.
    CHECK(r["relative"]["linear_cka"].get<double>() == Approx(1.0).margin(1e-4));
    CHECK(r["relative"]["mean_cosine"].get<double>() == Approx(1.0).margin(1e-4));
    CHECK(r["relative"]["jaccard"].get<double>() == Approx(1.0).margin(1e-6));
    CHECK(r["relative"]["mrr"].get<double>() == Approx(1.0).margin(1e-6));
    // Procrustes with centering recovers the rotation: translated A equals B.
    CHECK(r["translated"]["mean_cosine"].get<double>() == Approx(1.0).margin(1e-3));
    // Raw rotated vectors: same geometry (CKA 1), but unrelated axes (cosine well below 1).
    CHECK(r["absolute"]["linear_cka"].get<double>() == Approx(1.0).margin(1e-4));
    CHECK(r["absolute"]["mean_cosine"].get<double>() < 0.9);
}

TEST_CASE("similarity panel: anchor edits recompute; width mismatch marks absolute kNN as not applicable",
          "[ui][panels]") {
    test::PanelFixture f(200, 8, 6);
    registerAnalysisPanels(f.st);
    f.settle();
    nlohmann::json r = f.report()["similarity"];
    REQUIRE(r["absolute"]["jaccard"].is_null());
    REQUIRE(r["absolute"]["mean_cosine"].is_null());
    REQUIRE(r["absolute"]["linear_cka"].is_number());  // CKA works across widths
    REQUIRE(r["relative"]["jaccard"].is_number());
    const double before = r["translated"]["mean_cosine"].get<double>();
    // Only 2 anchors: the translation gets much worse, and the table follows.
    f.st.session.setAnchors({3, 77}, "two anchors");
    f.settle();
    r = f.report()["similarity"];
    REQUIRE(r["k"] == 2);
    REQUIRE(r["translated"]["mean_cosine"].get<double>() != Approx(before));
    f.st.session.setAnchors({}, "none");
    f.settle();
    r = f.report()["similarity"];
    REQUIRE(r["relative"]["linear_cka"].is_null());
    REQUIRE(r["translated"]["linear_cka"].is_null());
    REQUIRE(r["absolute"]["linear_cka"].is_number());
}

TEST_CASE("computeSimilarity reuses a given absolute column", "[ui][panels]") {
    test::PanelFixture f;
    SimilarityInput in = defaultPairInput(f, 50, 100);
    Result<SimilarityResult> full = computeSimilarity(in, silentJob());
    REQUIRE(full);
    REQUIRE(full->nQueries == 50);
    auto fake = std::make_shared<SimilarityResult>(*full);
    fake->v[kLinearCka][kColAbsolute].value = 0.123;
    in.absoluteFrom = fake;
    Result<SimilarityResult> reused = computeSimilarity(in, silentJob());
    REQUIRE(reused);
    REQUIRE(reused->v[kLinearCka][kColAbsolute].value == 0.123);
    REQUIRE(reused->v[kLinearCka][kColRelative].value == Approx(full->v[kLinearCka][kColRelative].value));
    // B's kNN neighbours and RBF kernel come along and give the translated column the same values.
    REQUIRE(full->bKernel);
    CHECK(reused->bKernel == full->bKernel);
    CHECK(reused->bNeighbours == full->bNeighbours);
    for (int m : {kRbfCka, kJaccard, kMrr})
        CHECK(reused->v[m][kColTranslated].value == full->v[m][kColTranslated].value);
    // So do the pair's linear-CKA moments; the translated column's linear CKA, taken from them, is the one of
    // the translated rows computed directly.
    REQUIRE(full->abLinear);
    CHECK(reused->abLinear == full->abLinear);
    const RowMatrixXf A = gatherRows(in.a->embeddings.view(), in.rows.rowsA);
    const RowMatrixXf B = gatherRows(in.b->embeddings.view(), in.rows.rowsB);
    const Translator t = Translator::fit(gatherRows(ConstRowMatrixMap(A.data(), A.rows(), A.cols()), in.rows.anchors),
                                         gatherRows(ConstRowMatrixMap(B.data(), B.rows(), B.cols()), in.rows.anchors),
                                         in.translation).value();
    const double direct = linearCka(t.apply(A), B).value();
    CHECK(full->v[kLinearCka][kColTranslated].value == Approx(direct).margin(1e-6));
    CHECK(reused->v[kLinearCka][kColTranslated].value == Approx(direct).margin(1e-6));
}

TEST_CASE("computeSimilarity across widths: the translated column's B neighbours are kept; cancellation stops "
          "both columns", "[ui][panels]") {
    test::PanelFixture f(200, 8, 6);  // A: 6 dims, B: 8 dims: the absolute column searches no neighbours
    SimilarityInput in = defaultPairInput(f, 60, 80);
    const SimilarityResult full = computeSimilarity(in, silentJob()).value();
    REQUIRE_FALSE(full.v[kJaccard][kColAbsolute].ok);
    REQUIRE(full.v[kJaccard][kColTranslated].ok);
    REQUIRE(full.v[kJaccard][kColRelative].ok);
    // The translated column (run on a helper thread) found B's neighbours: the result carries them.
    REQUIRE(full.bNeighbours);
    REQUIRE(full.nQueries == 60);
    // Reused by the next call: the same translated values without searching B again.
    in.absoluteFrom = std::make_shared<const SimilarityResult>(full);
    const SimilarityResult reused = computeSimilarity(in, silentJob()).value();
    CHECK(reused.bNeighbours == full.bNeighbours);
    for (int m : {kJaccard, kMrr, kMeanCosine, kLinearCka})
        for (int c : {kColRelative, kColTranslated}) CHECK(reused.v[m][c].value == Approx(full.v[m][c].value).margin(1e-12));
    JobContext cancelled;
    cancelled.cancel();
    in.absoluteFrom = nullptr;
    CHECK(computeSimilarity(in, cancelled).error().code == ErrorCode::Cancelled);
    // A helper context follows its parent's cancellation and keeps its own progress.
    JobContext parent;
    JobContext helper(&parent);
    helper.setStage("helper stage", 4);
    CHECK_FALSE(helper.cancelled());
    parent.cancel();
    CHECK(helper.cancelled());
    CHECK(parent.stage().empty());
}

TEST_CASE("computeSimilarity's relative column equals the metrics of the materialized N x K relative reps",
          "[ui][panels]") {
    test::PanelFixture f(200, 8, 6);  // K = 40 anchors > both widths: the compact form is used
    // Centered and standardized reps; and the default ones, linear in the normalized rows, whose linear CKA
    // comes from the pair's moments of those rows.
    const bool plain = GENERATE(false, true);
    INFO((plain ? "cosine, no transform, no post-normalization" : "center + standardize"));
    SimilarityInput in;
    in.a = f.st.session.entry(1).space;
    in.b = f.st.session.entry(0).space;
    in.rows = pairRows(f.st.session, 1, 0);
    if (!plain) {
        in.relative.transform = AbsoluteTransform::Center;
        in.relative.post = PostNormalization::Standardize;
    }
    in.knn.maxQueries = 60;
    in.rbf.maxRows = 120;
    const SimilarityResult r = computeSimilarity(in, silentJob()).value();
    CHECK(static_cast<bool>(r.abUnitLinear) == plain);
    REQUIRE(r.k == 40);
    const RowMatrixXf A = gatherRows(in.a->embeddings.view(), in.rows.rowsA);
    const RowMatrixXf B = gatherRows(in.b->embeddings.view(), in.rows.rowsB);
    const RowMatrixXf ra = relativeProjection(A, gatherRows(ConstRowMatrixMap(A.data(), A.rows(), A.cols()), in.rows.anchors), in.relative).value();
    const RowMatrixXf rb = relativeProjection(B, gatherRows(ConstRowMatrixMap(B.data(), B.rows(), B.cols()), in.rows.anchors), in.relative).value();
    CHECK(r.v[kLinearCka][kColRelative].value == Approx(linearCka(ra, rb).value()).margin(1e-5));
    CHECK(r.v[kRbfCka][kColRelative].value == Approx(rbfCka(ra, rb, in.rbf).value().value).margin(1e-4));
    const KnnAgreement knn = knnAgreement(ra, rb, in.knn).value();
    CHECK(r.v[kJaccard][kColRelative].value == Approx(knn.jaccard).margin(1e-9));
    CHECK(r.v[kMrr][kColRelative].value == Approx(knn.mrr).margin(1e-9));
    // 60 of 200 rows are queries: the means carry their standard errors.
    CHECK(r.v[kJaccard][kColRelative].stdErr > 0);
    CHECK(r.v[kJaccard][kColRelative].stdErr == Approx(knn.jaccardStdErr).margin(1e-9));
    CHECK(r.v[kMrr][kColRelative].stdErr == Approx(knn.mrrStdErr).margin(1e-9));
    CHECK(r.v[kMeanCosine][kColRelative].value == Approx(meanCosine(ra, rb).value()).margin(1e-5));
}
