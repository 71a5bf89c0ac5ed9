// Similarity panel's measures section: a job computes the chosen measures with the same core function as
// `latentbridge-cli compare --measures`, and the result is marked stale when the choice changes.
#include "app/ui/panels/similarity_measures_section.h"
#include "tests/ui/panels/analysis_fixture.h"

using namespace lb;
using namespace lb::ui;

TEST_CASE("similarity measures section: the job's result is the core function's, stale after a change",
          "[ui][panels]") {
    test::PanelFixture f;
    SimilarityMeasuresState m;
    m.chosen = {"mean_cca", "procrustes", "rsa_spearman"};
    m.space = SimilarityColumn::Relative;
    f.extra = [&] {
        ImGui::SetNextItemOpen(true);
        ImGui::Begin("measures test");
        drawSimilarityMeasures(f.st, m, 1, 0, PanelContext{});
        ImGui::End();
    };
    f.settle();
    REQUIRE(similarityMeasuresReport(f.st, m, 1, 0).is_null());  // nothing until asked
    submitSimilarityMeasures(f.st, m, 1, 0);
    f.settle();
    REQUIRE(m.error.empty());
    nlohmann::json r = similarityMeasuresReport(f.st, m, 1, 0);
    REQUIRE(r.is_object());
    CHECK_FALSE(r["computing"].get<bool>());
    CHECK_FALSE(r["stale"].get<bool>());
    const PairMeasures direct =
        computePairMeasures(similarityInput(f.st.session, 1, 0), SimilarityColumn::Relative, m.chosen, m.settings)
            .value();
    r.erase("computing");
    r.erase("stale");
    CHECK(r == toJson(direct));
    // B is a rotation of A: relative representations agree, so CCA is 1 and the Procrustes distance 0.
    CHECK(r["values"]["mean_cca"]["value"].get<double>() == Approx(1.0).margin(1e-5));
    CHECK(r["values"]["procrustes"]["value"].get<double>() == Approx(0.0).margin(1e-3));
    m.settings.k = 3;
    f.frame();
    CHECK(similarityMeasuresReport(f.st, m, 1, 0)["stale"].get<bool>());
}
