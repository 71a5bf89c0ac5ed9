// Headless tests of the whole app UI: an ImGui context without a GL backend, a NullPlotCanvas and a small
// synthetic session; frames are run like the real loop and assertions are made on the state.
#include "app/ui/app.h"
#include "app/ui/app_state.h"
#include "app/ui/view_compute.h"
#include "core/session/session_file.h"
#include "tests/core/analysis/analysis_fixture.h"
#include "tests/support/test_helpers.h"
#include "tests/ui/imgui_headless.h"

#include <imgui.h>
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>

using namespace lb;
using namespace lb::ui;
using namespace std::chrono_literals;

namespace {

void frame(AppState& st) {
    beginAppFrame(st);
    ImGui::NewFrame();
    drawApp(st);
    ImGui::Render();
}

// Runs frames until no job runs and nothing waits in the queue (at most ~10 s).
void settle(AppState& st) {
    for (int i = 0; i < 200; ++i) {
        st.jobs.waitIdle(5s);
        frame(st);
        if (!appIsBusy(st)) {
            frame(st);
            if (!appIsBusy(st)) return;
        }
    }
    FAIL("the app did not settle");
}

// Space B = space A rotated (same samples, keys in reverse order): translation must recover A exactly. With
// 4 x 4 thumbnails for the tooltip.
std::shared_ptr<const LatentSpace> makeSpace(const std::string& name, const RowMatrixXf& x, bool reverse) {
    LatentSpace s = *test::rotatedSpace(name, x, reverse);
    s.path.clear();
    s.images.height = s.images.width = 4;
    s.images.pixels.assign(static_cast<size_t>(x.rows()) * 16, 200);
    return std::make_shared<const LatentSpace>(std::move(s));
}

struct Fixture {
    test::ImGuiHeadless imgui;
    MainThreadQueue queue;
    JobRunner jobs{queue, 2};
    NullPlotCanvas canvas;
    AppState st{jobs, canvas};
    RowMatrixXf a = lb::test::randomMatrix(120, 8, 7);
    Fixture() {
        // A few clusters so PCA has a clear top-2 subspace.
        for (Index i = 0; i < a.rows(); ++i) a.row(i).head(2).array() += 4.0f * static_cast<float>(i % 3);
        const RowMatrixXf b = a * lb::test::randomRotation(8, 3);
        st.session.addSpace("a.npy", makeSpace("model_a", a, false));
        st.session.addSpace("b.npy", makeSpace("model_b", b, true));
    }
    ~Fixture() {
        jobs.cancelAll();
        jobs.waitIdle(10s);
    }
};

}  // namespace

TEST_CASE("the app draws a session and computes its absolute views", "[ui]") {
    Fixture f;
    settle(f.st);
    REQUIRE(f.st.views.size() == 2);
    REQUIRE(f.st.views[0].cell(ViewKind::Absolute).ready);
    REQUIRE(f.st.views[1].cell(ViewKind::Absolute).ready);
    REQUIRE(f.st.views[0].cell(ViewKind::Absolute).points.size() == 120);
    REQUIRE_FALSE(
        f.st.views[0].cell(ViewKind::Relative).ready);  // no anchors yet: the relative views show their empty state
    REQUIRE(f.st.errorCount() == 0);
    REQUIRE(f.canvas.renderCalls > 0);
}

TEST_CASE("anchor edits update relative and translated views; undo restores", "[ui]") {
    Fixture f;
    settle(f.st);
    toggleAnchor(f.st, 5);
    REQUIRE(f.st.session.anchors().size() == 1);
    settle(f.st);
    REQUIRE(f.st.views[0].cell(ViewKind::Relative).ready);  // one anchor is enough for a relative view
    REQUIRE(f.st.views[0].cell(ViewKind::Absolute).overlay.anchors.size() == 1);

    std::vector<Index> many;
    for (Index i = 0; i < 40; ++i) many.push_back(i * 3);
    // Centering only: per-dimension standard scaling is not rotation-equivariant, so it would not recover
    // the rotation exactly.
    f.st.session.settings.translation.scaling = Scaling::Center;
    f.st.session.setAnchors(many, "pick 40");
    settle(f.st);
    REQUIRE(f.st.views[1].cell(ViewKind::Translated).ready);
    REQUIRE(f.st.lastRelativeJobMs >= 0.0);

    // B is a rotation of A: translated into A and drawn in A's PCA basis, each sample lands on its A point.
    const ViewCell& refAbs = f.st.views[0].cell(ViewKind::Absolute);
    const ViewCell& bTrans = f.st.views[1].cell(ViewKind::Translated);
    double maxErr = 0;
    for (Index rowB = 0; rowB < 120; ++rowB) {
        const Index rowA = f.st.session.refRowOf(1, rowB);
        REQUIRE(rowA >= 0);
        for (int c = 0; c < 2; ++c)
            maxErr =
                std::max(maxErr, std::abs(static_cast<double>(bTrans.points.xy[static_cast<size_t>(2 * rowB + c)] -
                                                              refAbs.points.xy[static_cast<size_t>(2 * rowA + c)])));
    }
    REQUIRE(maxErr < 1e-3);

    // Incremental edits (one column) agree with the relative view recomputed from scratch. An edit moves every
    // translated view but the reference's own (its rows in its PCA plane): that one keeps its version, so it is
    // neither redrawn nor indexed again.
    REQUIRE(f.st.session.reference() == 0);
    const uint64_t refTranslated = f.st.views[0].cell(ViewKind::Translated).points.version;
    const uint64_t bTranslated = f.st.views[1].cell(ViewKind::Translated).points.version;
    toggleAnchor(f.st, 1);
    settle(f.st);
    CHECK(f.st.views[0].cell(ViewKind::Translated).points.version == refTranslated);
    CHECK(f.st.views[1].cell(ViewKind::Translated).points.version != bTranslated);
    const std::vector<float> incremental = f.st.views[0].cell(ViewKind::Relative).points.xy;
    f.st.anchoredLayoutCache.reset();
    f.st.relativeInputs = UINT64_MAX;
    settle(f.st);
    const std::vector<float>& full = f.st.views[0].cell(ViewKind::Relative).points.xy;
    REQUIRE(full.size() == incremental.size());
    // The incremental path also refines the 2-D PCA by a few warm-started subspace iterations instead of a
    // cold fit: the same picture up to a small fraction of the view's extent.
    float range = 0, worst = 0;
    for (size_t i = 0; i < full.size(); ++i) {
        range = std::max(range, std::abs(full[i]));
        worst = std::max(worst, std::abs(full[i] - incremental[i]));
    }
    INFO("worst difference " << worst << " of extent " << range);
    REQUIRE(worst < 0.01f * range);

    REQUIRE(f.st.session.anchors().size() == 41);
    undoAnchors(f.st);
    REQUIRE(f.st.session.anchors().size() == 40);
    undoAnchors(f.st);
    REQUIRE(f.st.session.anchors().size() == 1);
    redoAnchors(f.st);
    REQUIRE(f.st.session.anchors().size() == 40);
    settle(f.st);
    REQUIRE(f.st.views[0].cell(ViewKind::Absolute).overlay.anchors.size() == 40);
}

TEST_CASE("a new anchor's markers: at once in the absolute views, with their points in the others", "[ui]") {
    Fixture f;
    f.st.session.setAnchors({3, 9, 27}, "three");
    settle(f.st);
    // Hold the interactive worker: the views' job for the next edit stays queued.
    std::atomic<bool> release{false};
    f.jobs.submit(
        "hold",
        [&](JobContext&) {
            while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
            return Status::ok();
        },
        {}, JobPriority::Interactive);
    toggleAnchor(f.st, 5);
    frame(f.st);
    frame(f.st);
    REQUIRE(f.st.relativeJob.running());
    for (size_t i = 0; i < 2; ++i) {
        INFO("space " << i);
        CHECK(f.st.views[i].cell(ViewKind::Absolute).overlay.anchors.size() == 4);  // absolute: the new ring now
        CHECK(f.st.views[i].cell(ViewKind::Relative).overlay.anchors.size() ==
              3);  // relative, translated: with their points
        CHECK(f.st.views[i].cell(ViewKind::Translated).overlay.anchors.size() == 3);
    }
    // Hovering still follows at once everywhere.
    f.st.hoveredRef = 7;
    frame(f.st);
    CHECK(f.st.views[0].cell(ViewKind::Relative).overlay.hovered == f.st.session.rowInSpace(0, 7));
    release = true;
    settle(f.st);
    for (size_t i = 0; i < 2; ++i)
        for (int kind = 0; kind < kViewKinds; ++kind) CHECK(f.st.views[i].cells[kind].overlay.anchors.size() == 4);
}

namespace {

// How much of its canvas a view's points span on screen (the larger of the two axes' fractions).
float screenFill(const ViewCell& c) {
    const std::vector<float>& xy = c.points.xy;
    float lo[2] = {1e30f, 1e30f}, hi[2] = {-1e30f, -1e30f};
    for (size_t i = 0; i + 1 < xy.size(); i += 2)
        for (int a = 0; a < 2; ++a) {
            lo[a] = std::min(lo[a], xy[i + static_cast<size_t>(a)]);
            hi[a] = std::max(hi[a], xy[i + static_cast<size_t>(a)]);
        }
    const ImVec2 size = c.scatter.canvasSize;
    if (size.x <= 0 || size.y <= 0) return 0.0f;
    return std::max((hi[0] - lo[0]) * c.scatter.viewport.scale / size.x,
                    (hi[1] - lo[1]) * c.scatter.viewport.scale / size.y);
}

}  // namespace

TEST_CASE("views follow their data unless the user zoomed; F fits every view again", "[ui]") {
    Fixture f;
    settle(f.st);
    std::vector<Index> many;
    for (Index i = 0; i < 40; ++i) many.push_back(i * 3);
    f.st.session.setAnchors(many, "pick 40");
    settle(f.st);
    // Clear the anchors and pick 5: the relative view's new points are fitted, not left as a dot in the old zoom.
    f.st.session.setAnchors({}, "clear");
    settle(f.st);
    for (Index a : {Index(4), Index(17), Index(33), Index(60), Index(91)}) toggleAnchor(f.st, a);
    settle(f.st);
    ViewCell& rel = f.st.views[0].cell(ViewKind::Relative);
    REQUIRE(rel.ready);
    INFO("fill " << screenFill(rel));
    CHECK(screenFill(rel) > 0.7f);
    CHECK(screenFill(rel) < 1.0f);

    // The user zooms out: the next edit keeps the zoom, and the toolbar offers a re-fit.
    rel.scatter.viewport.scale *= 0.1f;
    rel.scatter.userMoved = true;
    const PlotViewport zoomed = rel.scatter.viewport;
    toggleAnchor(f.st, 100);
    REQUIRE(f.st.session.anchors().size() == 6);
    settle(f.st);
    CHECK(rel.scatter.viewport == zoomed);
    CHECK(screenFill(rel) < 0.2f);
    CHECK(rel.scatter.fittedVersion != rel.points.version);

    // F: every view fits again, gliding there over a few frames rather than jumping.
    f.st.pendingKeys.push_back({'F', false, false});
    frame(f.st);
    frame(f.st);
    CHECK(rel.scatter.fitStartTime >= 0);
    const float midway = screenFill(rel);
    CHECK(midway > 0.0f);
    CHECK(midway < 0.7f);
    for (int i = 0; i < 120 && rel.scatter.fitStartTime >= 0; ++i) frame(f.st);
    CHECK(rel.scatter.fitStartTime < 0);
    CHECK(!rel.scatter.userMoved);
    CHECK(screenFill(rel) > 0.7f);
    CHECK(rel.scatter.fittedVersion == rel.points.version);
}

TEST_CASE("keyboard shortcuts: Ctrl+Z undoes, Ctrl+Shift+Z redoes", "[ui]") {
    Fixture f;
    settle(f.st);
    toggleAnchor(f.st, 2);
    toggleAnchor(f.st, 3);
    f.st.pendingKeys.push_back({'Z', true, false});
    frame(f.st);
    REQUIRE(f.st.session.anchors().size() == 1);
    REQUIRE(f.st.pendingKeys.empty());
    f.st.pendingKeys.push_back({'Z', true, true});
    frame(f.st);
    REQUIRE(f.st.session.anchors().size() == 2);
    f.st.pendingKeys.push_back({'Z', false, false});  // no Ctrl: nothing happens
    frame(f.st);
    REQUIRE(f.st.session.anchors().size() == 2);
}

TEST_CASE("a bad file shows an inline error naming it and keeps what is loaded", "[ui]") {
    Fixture f;
    lb::test::TempDir dir;
    const std::string bad = dir.write("broken.npy", "\x93NUMPY garbage");
    openPaths(f.st, {bad});
    settle(f.st);
    REQUIRE(f.st.errorCount() == 1);
    REQUIRE(f.st.messages.back().text.find("broken.npy") != std::string::npos);
    REQUIRE(f.st.session.spaceCount() == 2);
    REQUIRE(f.st.views[0].cell(ViewKind::Absolute).ready);
    // The report a test script reads says so too.
    const std::string report = dir.file("report.json");
    REQUIRE(writeTestReport(f.st, report));
    const nlohmann::json j = nlohmann::json::parse(lb::test::readFileBytes(report));
    REQUIRE(j["errors"].size() == 1);
    REQUIRE(j["spaces"] == 2);
}

TEST_CASE("saving and reopening a session restores anchors and settings", "[ui]") {
    Fixture f;
    lb::test::TempDir dir;
    settle(f.st);
    f.st.session.setAnchors({4, 8, 15});
    f.st.session.settings.view.sharedBasis = true;
    // Spaces built in memory have no files: save the session text and check it, then reopen a real one.
    const std::string path = dir.file("s.json");
    REQUIRE(saveSession(f.st, path));
    REQUIRE(f.st.sessionPath == path);
    Result<SessionFile> back = readSessionFile(path);
    REQUIRE(back);
    REQUIRE(back->anchors.kind == AnchorSpec::Kind::Keys);
    REQUIRE(back->anchors.keys == std::vector<std::string>{"k4", "k8", "k15"});
    REQUIRE(back->settings.view.sharedBasis);

    // Saving into a folder that does not exist is an inline error, not a crash.
    REQUIRE_FALSE(saveSession(f.st, dir.file("missing/dir/s.json")));
    REQUIRE(f.st.errorCount() == 1);
}

TEST_CASE("the demo is looked up next to the executable and in the source tree", "[ui]") {
    std::vector<std::string> tried;
    findDemoSession("/nonexistent/bin/latentbridge", &tried);
    REQUIRE(tried.front() == "/nonexistent/bin/assets/demo/demo.json");
    REQUIRE(tried.back() == lb::test::sourceDir() + "/assets/demo/demo.json");
    test::ImGuiHeadless imgui;
    MainThreadQueue q;
    JobRunner jobs(q, 1);
    NullPlotCanvas canvas;
    AppState st(jobs, canvas);
    if (findDemoSession("/nonexistent/bin/latentbridge").empty()) {
        openDemo(st, "/nonexistent/bin/latentbridge");
        REQUIRE(st.messages.size() == 1);
        REQUIRE(st.messages[0].text.find("demo data not found at") != std::string::npos);
        frame(st);  // the empty app draws its empty states
    }
}

TEST_CASE("linked hover and selection map samples between spaces by key", "[ui]") {
    Fixture f;
    settle(f.st);
    setHovered(f.st, 1, 0);  // row 0 of B is sample k119
    REQUIRE(f.st.hoveredRef == 119);
    frame(f.st);
    REQUIRE(f.st.views[0].cell(ViewKind::Absolute).overlay.hovered == 119);
    REQUIRE(f.st.views[1].cell(ViewKind::Relative).overlay.hovered == 0);
    setSelection(f.st, {0, 1, 2});
    frame(f.st);
    REQUIRE(f.st.views[1].cell(ViewKind::Absolute).overlay.selected == std::vector<int64_t>{117, 118, 119});
}
