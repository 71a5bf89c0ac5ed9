// Similarity panel: the table of core/analysis/similarity_table.h for the session's pair and settings, a preview
// refined to the exact answer, following anchor edits.
#include "app/ui/panels/similarity_panel.h"
#include "app/ui/panels/analysis_panels.h"
#include "tests/ui/panels/analysis_fixture.h"

using namespace lb;
using namespace lb::ui;

TEST_CASE("similarity panel: the exact table follows its preview and equals the core function's", "[ui][panels]") {
    test::PanelFixture f;
    f.st.session.settings.similarity.maxQueries = 0;  // every row: the preview (250 queries) differs from it
    f.st.session.settings.similarity.preview.queries = 30;
    registerAnalysisPanels(f.st);
    f.settle();
    const nlohmann::json r = f.report()["similarity"];
    REQUIRE(r.is_object());
    REQUIRE(r["a"] == "model_b");  // default pair: A = first non-reference space, B = the reference
    REQUIRE(r["b"] == "model_a");
    REQUIRE(r["anchors"] == 40);
    REQUIRE(r["matched"] == 240);
    REQUIRE_FALSE(r["preview"].get<bool>());
    REQUIRE_FALSE(r["computing"].get<bool>());
    CHECK(r["queries"] == 200);
    CHECK(r["exact_after_edit_ms"].get<double>() >= r["after_edit_ms"].get<double>());
    // The numbers are the core function's on the session's pair and settings, exactly.
    const nlohmann::json direct = toJson(computeSimilarityTable(similarityInput(f.st.session, 1, 0)).value());
    for (const char* column : {"absolute", "relative", "translated"}) CHECK(r[column] == direct[column]);
    CHECK(r["settings"] == direct["settings"]);
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
    REQUIRE(r["anchors"] == 2);
    REQUIRE(r["translated"]["mean_cosine"].get<double>() != Approx(before));
    f.st.session.setAnchors({}, "none");
    f.settle();
    r = f.report()["similarity"];
    REQUIRE(r["relative"]["linear_cka"].is_null());
    REQUIRE(r["translated"]["linear_cka"].is_null());
    REQUIRE(r["absolute"]["linear_cka"].is_number());
}

TEST_CASE("similarity panel: the pair and the settings are the session's", "[ui][panels]") {
    test::PanelFixture f;
    registerAnalysisPanels(f.st);
    f.st.session.layout.similarityA = 0;
    f.st.session.layout.similarityB = 1;
    f.st.session.settings.similarity.protocol = EvaluationProtocol::Paper;
    f.settle();
    const nlohmann::json r = f.report()["similarity"];
    CHECK(r["a"] == "model_a");
    CHECK(r["evaluated"] == 240);  // the paper protocol keeps the anchors
    CHECK(r["k_jaccard"] == 5);
    CHECK(r["settings"]["similarity"]["protocol"] == "paper");
}
