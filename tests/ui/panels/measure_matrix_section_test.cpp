// The Similarity panel's measure matrix: its job's result is computeMeasureMatrix's for the section's space and
// settings, it is drawn as a heatmap, and it is marked stale when the measure or settings change.
#include "app/ui/panels/measure_matrix_section.h"
#include "tests/ui/panels/analysis_fixture.h"

using namespace lb;
using namespace lb::ui;

TEST_CASE("measure matrix section: the job's result is the core function's, stale after a change", "[ui][panels]") {
    test::PanelFixture f;
    MeasureMatrixState mm;
    mm.measure = "procrustes";
    MeasureSettings settings;
    settings.maxRows = 120;
    f.extra = [&] {
        ImGui::Begin("matrix test");
        ImGui::SetNextItemOpen(true);
        drawMeasureMatrix(f.st, mm, SimilarityColumn::Relative, settings, PanelContext{});
        ImGui::End();
    };
    f.settle();
    REQUIRE(measureMatrixReport(f.st, mm, SimilarityColumn::Relative, settings).is_null());  // nothing until asked
    submitMeasureMatrix(f.st, mm, SimilarityColumn::Relative, settings);
    f.settle();
    REQUIRE(mm.error.empty());
    nlohmann::json r = measureMatrixReport(f.st, mm, SimilarityColumn::Relative, settings);
    REQUIRE(r.is_object());
    CHECK_FALSE(r["computing"].get<bool>());
    CHECK_FALSE(r["stale"].get<bool>());
    CHECK(f.st.itemRects.count("similarity.measure_matrix.compute") == 1);  // drawn, with its heatmap
    const MeasureMatrix direct =
        computeMeasureMatrix(measureMatrixInput(f.st.session, "procrustes", SimilarityColumn::Relative, settings))
            .value();
    r.erase("computing");
    r.erase("stale");
    CHECK(r == toJson(direct));
    // B is a rotation of A: their relative representations are the same, so every Procrustes distance is ~0.
    for (const auto& row : r["values"])
        for (const auto& v : row) CHECK(v.get<double>() == Approx(0.0).margin(1e-3));
    mm.measure = "dcor";
    f.frame();
    CHECK(measureMatrixReport(f.st, mm, SimilarityColumn::Relative, settings)["stale"].get<bool>());
}
