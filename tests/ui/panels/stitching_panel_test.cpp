// Stitching panel: the matrix of core/analysis/stitching_matrix.h on a worker, following anchor edits; the
// session holds its settings and shown method.
#include "app/ui/panels/stitching_panel.h"
#include "app/ui/panels/analysis_panels.h"
#include "app/ui/widgets/job_progress.h"
#include "tests/ui/panels/analysis_fixture.h"

#include <imgui_internal.h>

#include <atomic>
#include <thread>

using namespace lb;
using namespace lb::ui;

TEST_CASE("stitching panel: matrix in the test report, native on the diagonal, live on anchor edits", "[ui][panels]") {
    test::PanelFixture f;
    registerAnalysisPanels(f.st);
    f.settle();
    nlohmann::json r = f.report()["stitching"];
    REQUIRE(r.is_object());
    REQUIRE(r["method"] == "relative");
    REQUIRE(r["head"] == "ridge");
    REQUIRE(r["matrix"].size() == 2);
    const double native0 = r["matrix"][0][0].get<double>();
    REQUIRE(native0 > 0.9);  // separable classes
    REQUIRE(r["native"][0].get<double>() == native0);
    // Rotated copies: relative representations coincide, so stitching is as good as the relative head.
    REQUIRE(r["matrix"][1][0].get<double>() > 0.85);
    REQUIRE(r["chance"].get<double>() < 0.5);
    const double ms = r["ms"].get<double>();
    f.st.session.setAnchors({3, 8}, "two anchors");
    f.settle();
    r = f.report()["stitching"];
    REQUIRE(r["ms"].get<double>() != ms);  // recomputed (a new job ran)
}

TEST_CASE("stitching panel: a live update waiting for a young views' job leaves the panel as it was", "[ui][panels]") {
    test::PanelFixture f;
    registerAnalysisPanels(f.st);
    f.settle();
    // The Stitching window's vertices in the last frame drawn.
    auto panelVertices = [] {
        const ImGuiWindow* w = ImGui::FindWindowByName("Stitching");
        REQUIRE(w != nullptr);
        const ImDrawList& dl = *w->DrawList;
        const auto* bytes = reinterpret_cast<const unsigned char*>(dl.VtxBuffer.Data);
        return std::vector<unsigned char>(bytes, bytes + static_cast<size_t>(dl.VtxBuffer.Size) * sizeof(ImDrawVert));
    };
    f.frame();
    const std::vector<unsigned char> before = panelVertices();
    // Hold the interactive worker so the views' job that the edit starts stays queued (and young).
    std::atomic<bool> release{false};
    f.st.jobs.submit(
        "hold",
        [&](JobContext&) {
            while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
            return Status::ok();
        },
        {}, JobPriority::Interactive);
    f.st.session.toggleAnchor(0);
    f.frame();
    f.frame();
    REQUIRE(f.st.relativeJob.running());
    const bool young = !showsProgress(f.st.relativeJob.handle());
    const std::vector<unsigned char> waiting = panelVertices();
    if (young) CHECK(waiting == before);  // no "inputs changed", no dimming (checked while the machine kept it young)
    release = true;
    f.settle();
    CHECK(f.report()["stitching"]["anchors"].get<size_t>() == f.st.session.anchors().size());
}

TEST_CASE("stitching panel: after an anchor edit the other methods follow the shown one", "[ui][panels]") {
    test::PanelFixture f;
    registerAnalysisPanels(f.st);
    f.settle();
    Index added = 0;
    while (f.st.session.isAnchor(added)) ++added;
    f.st.session.toggleAnchor(added);
    f.settle();
    const nlohmann::json r = f.report()["stitching"];
    REQUIRE_FALSE(r["computing"].get<bool>());
    REQUIRE(r["anchors"].get<size_t>() == f.st.session.anchors().size());
    // Every method of every off-diagonal cell (rotated copies: each one applies), and the same values as
    // the whole matrix computed at once for these anchors.
    const StitchingMatrix all = computeStitchingMatrix(stitchingMatrixInput(f.st.session), silentJob()).value();
    for (int k = 0; k < kStitchMethods; ++k) {
        const StitchMethod method = static_cast<StitchMethod>(k);
        const nlohmann::json& cells = r["all"][stitchMethodName(method)];
        INFO(stitchMethodName(method));
        REQUIRE(cells.size() == 4);
        for (size_t src = 0; src < 2; ++src)
            for (size_t tgt = 0; tgt < 2; ++tgt) {
                REQUIRE_FALSE(cells[src * 2 + tgt].is_null());
                CHECK(cells[src * 2 + tgt].get<double>() == all.value(src, tgt, method).value());
            }
    }
    CHECK(r["complete_after_edit_ms"].get<double>() >= r["after_edit_ms"].get<double>());
}

TEST_CASE("stitching panel: a preview on a row subsample first, then every row, as the core function computes them",
          "[ui][panels]") {
    test::PanelFixture f;  // 240 rows, 40 anchors
    f.st.session.settings.stitching.previewRows = 50;
    registerAnalysisPanels(f.st);
    nlohmann::json r;
    for (int i = 0; i < 400 && !r.is_object(); ++i) {  // frames until the first answer
        f.st.jobs.waitIdle(std::chrono::seconds(5));
        f.frame();
        r = f.report()["stitching"];
    }
    REQUIRE(r.is_object());
    CHECK(r["preview"] == true);
    CHECK(r["computing"] == true);
    CHECK(r["settings"]["stitching"]["rows"] == 50);
    f.settle();
    r = f.report()["stitching"];
    CHECK(r["preview"] == false);
    CHECK(r["settings"]["stitching"]["rows"] == 0);
    CHECK(r["exact_after_edit_ms"].get<double>() >= r["after_edit_ms"].get<double>());
    const nlohmann::json direct = toJson(computeStitchingMatrix(stitchingMatrixInput(f.st.session)).value());
    CHECK(r["methods"] == direct["methods"]);
    // Without a preview (spaces no larger than it), the first answer is on every row.
    f.st.session.settings.stitching.previewRows = 1000;
    f.settle();
    CHECK(f.report()["stitching"]["preview"] == false);
}
