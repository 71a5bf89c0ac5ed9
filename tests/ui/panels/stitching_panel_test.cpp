// Stitching panel: every ordered pair evaluated by core/stitch on a worker; the matrix follows anchor edits.
#include "app/ui/panels/analysis_panels.h"
#include "app/ui/panels/stitching_panel.h"
#include "app/ui/widgets/job_progress.h"
#include "core/metrics/retrieval.h"
#include "core/stitch/ridge_head.h"
#include "tests/ui/panels/analysis_fixture.h"

#include <imgui_internal.h>

#include <atomic>
#include <thread>

using namespace lb;
using namespace lb::ui;

namespace {

// The matrix input the panel builds for the fixture's two spaces and the session's anchors (ridge head).
StitchingMatrixInput matrixInput(test::PanelFixture& f) {
    StitchingMatrixInput in;
    for (size_t i = 0; i < 2; ++i) {
        in.spaces.push_back(f.st.session.entry(i).space);
        in.anchorRows.push_back(f.st.session.anchorRowsIn(i));
        in.headFiles.emplace_back();
    }
    in.options = stitchingOptions(StitchingSetup{}, f.st.session.settings.translation);
    return in;
}

}  // namespace

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
    f.st.jobs.submit("hold", [&](JobContext&) {
        while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return Status::ok();
    }, {}, JobPriority::Interactive);
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

TEST_CASE("computeStitchingMatrix: procrustes recovers a rotation; head files are found beside the space",
          "[ui][panels]") {
    test::PanelFixture f;
    StitchingMatrixInput in = matrixInput(f);
    std::atomic<int> done{0};
    Result<StitchingMatrix> m = computeStitchingMatrix(in, silentJob(), &done);
    REQUIRE(m);
    REQUIRE(done.load() == 2);
    REQUIRE(m->value(1, 0, StitchMethod::Procrustes).value() == Approx(m->value(0, 0, StitchMethod::Relative).value()).margin(0.01));
    REQUIRE(m->value(0, 0, StitchMethod::Absolute) == m->value(0, 0, StitchMethod::Linear));  // diagonal = native

    // Head files: every cell of a target without one says so.
    in.options.head = HeadKind::Fixed;
    std::atomic<int> doneFixed{0};
    Result<StitchingMatrix> fixed = computeStitchingMatrix(in, silentJob(), &doneFixed);
    REQUIRE(fixed);
    REQUIRE(doneFixed.load() == 2);  // the progress count covers the cells that had nothing to compute
    REQUIRE_FALSE(fixed->value(1, 0, StitchMethod::Procrustes));
    REQUIRE(fixed->whyAbsent(1, 0, StitchMethod::Procrustes).find("head file") != std::string::npos);

    test::TempDir dir;
    { std::ofstream(dir.file("space.npz")) << "x"; std::ofstream(dir.file("space_head.npz")) << "x"; }
    REQUIRE(headFileFor(dir.file("space.npz")) == dir.file("space_head.npz"));
    REQUIRE(headFileFor(dir.file("other.npz")).empty());
}

TEST_CASE("computeStitchingMatrix: before 2 anchors the diagonal shows each target's native accuracy",
          "[ui][panels]") {
    // A session just opened has no anchors: the pairs cannot be stitched, but each target's own head can be
    // trained and tested. Checked against the head fitted here on the split that holds no anchor back.
    RowMatrixXf x = test::randomMatrix(300, 8, 5);
    for (Index i = 0; i < x.rows(); ++i) x(i, i % 3) += 2.0f;  // labels are row % 3 (rotatedSpace)
    StitchingMatrixInput in;
    in.spaces = {test::rotatedSpace("a", x, false), test::rotatedSpace("b", x * test::randomRotation(8, 4), true)};
    in.headFiles.resize(2);
    in.options = stitchingOptions(StitchingSetup{}, TranslationOptions{});
    for (const std::vector<Index>& anchors : {std::vector<Index>{}, std::vector<Index>{7}}) {
        INFO(anchors.size() << " anchors");
        in.anchorRows = {anchors, anchors};
        const StitchingMatrix m = computeStitchingMatrix(in, silentJob()).value();
        for (size_t t = 0; t < 2; ++t) {
            const StitchingData d = prepareStitchingData(*in.spaces[1 - t], *in.spaces[t]).value();
            const TrainTestSplit split = makeStitchingSplit(d.target.rows(), {}, in.options.testFraction, in.options.seed).value();
            std::vector<int32_t> yTrain, yTest;
            for (Index r : split.train) yTrain.push_back(d.labels[static_cast<size_t>(r)]);
            for (Index r : split.test) yTest.push_back(d.labels[static_cast<size_t>(r)]);
            RidgeOptions ro = in.options.ridge;
            ro.numClasses = 3;
            const LinearClassifier head = fitRidgeHead(gatherRows(ConstRowMatrixMap(d.target.data(), d.target.rows(), d.target.cols()), split.train), yTrain, ro).value().head;
            const double native = classificationAccuracy(head.predict(gatherRows(ConstRowMatrixMap(d.target.data(), d.target.rows(), d.target.cols()), split.test)), yTest);
            REQUIRE(m.value(t, t, StitchMethod::Relative).has_value());
            CHECK(*m.value(t, t, StitchMethod::Relative) == Approx(native).margin(1e-12));
            CHECK(native > 0.5);  // the classes are separable: a real head, not chance
            CHECK_FALSE(m.value(1 - t, t, StitchMethod::Relative).has_value());
            CHECK(m.whyAbsent(1 - t, t, StitchMethod::Relative).find("2 anchors") != std::string::npos);
        }
    }
}

TEST_CASE("computeStitchingMatrix: reusing the previous run's target sides and row matches gives the same matrix",
          "[ui][panels]") {
    test::PanelFixture f;
    auto input = [&] { return matrixInput(f); };
    const StitchingMatrix first = computeStitchingMatrix(input(), silentJob()).value();
    REQUIRE(first.prepared.size() == 2);  // one side per target
    // One more anchor, then the matrix with and without the first run's target sides.
    Index added = 0;
    while (f.st.session.isAnchor(added)) ++added;
    f.st.session.toggleAnchor(added);
    StitchingMatrixInput withPrevious = input();
    withPrevious.previous = first.prepared;
    REQUIRE(first.matches.size() == 2);  // one per ordered pair
    withPrevious.previousMatches = first.matches;
    const StitchingMatrix reused = computeStitchingMatrix(withPrevious, silentJob()).value();
    REQUIRE(reused.matches.size() == 2);
    for (size_t i = 0; i < 2; ++i) CHECK(reused.matches[i].data == first.matches[i].data);  // not matched again
    const StitchingMatrix fresh = computeStitchingMatrix(input(), silentJob()).value();
    for (size_t src = 0; src < 2; ++src)
        for (size_t tgt = 0; tgt < 2; ++tgt)
            for (int m = 0; m < kStitchMethods; ++m) {
                INFO(src << " -> " << tgt << " " << stitchMethodName(static_cast<StitchMethod>(m)));
                CHECK(reused.value(src, tgt, static_cast<StitchMethod>(m)) ==
                      fresh.value(src, tgt, static_cast<StitchMethod>(m)));
            }
    // Where the split did not change, the native accuracy is the first run's.
    for (const PreparedTarget& p : reused.prepared) {
        const auto match = std::find_if(first.prepared.begin(), first.prepared.end(),
                                        [&](const PreparedTarget& q) { return q.tgt == p.tgt; });
        REQUIRE(match != first.prepared.end());
        if (match->target->split.test == p.target->split.test) CHECK(p.target->native == match->target->native);
    }
    // A match is reused only for the same two space objects: a reloaded space is matched again.
    StitchingMatrixInput replaced = input();
    replaced.previousMatches = first.matches;
    replaced.spaces[1] = std::make_shared<const LatentSpace>(*replaced.spaces[1]);
    const StitchingMatrix rematched = computeStitchingMatrix(replaced, silentJob()).value();
    REQUIRE(rematched.matches.size() == 2);
    for (const MatchedPair& m : rematched.matches)
        for (const MatchedPair& old : first.matches) CHECK(m.data != old.data);
    // A result does not keep the spaces it matched alive: once the input lets go, the space is freed.
    const std::weak_ptr<const LatentSpace> watched = replaced.spaces[1];
    replaced = StitchingMatrixInput{};
    CHECK(watched.expired());
    StitchingMatrixInput again = input();
    again.previousMatches = rematched.matches;  // its pairs with the freed space match nothing
    const StitchingMatrix fresh2 = computeStitchingMatrix(again, silentJob()).value();
    for (const MatchedPair& m : fresh2.matches)
        for (const MatchedPair& old : rematched.matches) CHECK(m.data != old.data);
}

TEST_CASE("computeStitchingMatrix: every cell equals evaluateStitching of its pair", "[ui][panels]") {
    // The matrix shares work between pairs (one target side per target; a source's relative reps taken from
    // its own target side when rows, anchors and split agree: spaces a and b share one row order, c is
    // reversed); evaluateStitching computes each pair alone.
    RowMatrixXf x = test::randomMatrix(200, 8, 7);
    for (Index i = 0; i < x.rows(); ++i) x(i, i % 3) += 6.0f;
    const RowMatrixXf y = (x * test::randomRotation(8, 3)).leftCols(6);
    StitchingMatrixInput in;
    in.spaces = {test::rotatedSpace("a", x, false), test::rotatedSpace("b", y, false), test::rotatedSpace("c", x, true)};
    std::vector<Index> anchors;  // rows of a and b; c holds them at n - 1 - row
    for (Index i = 0; i < 30; ++i) anchors.push_back(i * 6 + 2);
    std::vector<Index> reversed;
    for (Index r : anchors) reversed.push_back(x.rows() - 1 - r);
    in.anchorRows = {anchors, anchors, reversed};
    in.headFiles.resize(3);
    in.options = stitchingOptions(StitchingSetup{}, TranslationOptions{});
    const StitchingMatrix m = computeStitchingMatrix(in, silentJob()).value();
    for (size_t src = 0; src < 3; ++src)
        for (size_t tgt = 0; tgt < 3; ++tgt) {
            if (src == tgt) continue;
            const StitchingData d = prepareStitchingData(*in.spaces[src], *in.spaces[tgt]).value();
            // The anchors' positions among the matched rows, which follow the source's row order: its rows.
            const std::vector<Index>& positions = in.anchorRows[src];
            const StitchingResult alone = evaluateStitching(d.source, d.target, d.labels, positions, in.options).value();
            INFO(src << " -> " << tgt);
            REQUIRE(alone.scores.relative);
            CHECK(m.value(src, tgt, StitchMethod::Relative).value() == Approx(*alone.scores.relative).margin(1e-12));
            CHECK(m.value(tgt, tgt, StitchMethod::Relative).value() == Approx(alone.scores.native).margin(1e-12));
            for (const auto& [method, value] : alone.scores.translated) {
                const StitchMethod shown = method == TranslationMethod::Procrustes ? StitchMethod::Procrustes
                                           : method == TranslationMethod::Linear   ? StitchMethod::Linear
                                                                                   : StitchMethod::Affine;
                CHECK(m.value(src, tgt, shown) == value);
            }
        }
}

TEST_CASE("computeStitchingMatrix: the shown method first, then the others added, equals every method at once",
          "[ui][panels]") {
    test::PanelFixture f;
    const StitchingMatrixInput full = matrixInput(f);
    const StitchingMatrix all = computeStitchingMatrix(full, silentJob()).value();
    REQUIRE(all.complete());
    for (int shown = 0; shown < kStitchMethods; ++shown) {
        const StitchMethod method = static_cast<StitchMethod>(shown);
        INFO("shown first: " << stitchMethodName(method));
        StitchingMatrixInput first = full;
        first.options = onlyMethod(full.options, method);
        StitchingMatrix m = computeStitchingMatrix(first, silentJob()).value();
        REQUIRE_FALSE(m.complete());
        for (int k = 0; k < kStitchMethods; ++k) {
            const StitchMethod other = static_cast<StitchMethod>(k);
            // The shown method (and absolute, one head application) are there; the others say they will come.
            CHECK(m.computed[static_cast<size_t>(k)] == (k == shown || other == StitchMethod::Absolute));
            if (!m.computed[static_cast<size_t>(k)]) {
                CHECK_FALSE(m.value(1, 0, other).has_value());
                CHECK(m.whyAbsent(1, 0, other).rfind("Not computed yet", 0) == 0);
            }
            CHECK(m.value(0, 0, other) == all.value(0, 0, other));  // native on the diagonal, always
        }
        CHECK(m.value(1, 0, method) == all.value(1, 0, method));
        // The rest, reusing the first run's target sides as the panel does.
        StitchingMatrixInput rest = full;
        rest.options = missingMethods(full.options, m);
        rest.previous = m.prepared;
        rest.previousMatches = m.matches;
        const StitchingMatrix more = computeStitchingMatrix(rest, silentJob()).value();
        for (int k = 0; k < kStitchMethods; ++k)
            CHECK(more.computed[static_cast<size_t>(k)] == (k != shown || k == static_cast<int>(StitchMethod::Absolute)));
        addMethods(m, more);
        REQUIRE(m.complete());
        for (size_t src = 0; src < 2; ++src)
            for (size_t tgt = 0; tgt < 2; ++tgt)
                for (int k = 0; k < kStitchMethods; ++k) {
                    INFO(src << " -> " << tgt << " " << stitchMethodName(static_cast<StitchMethod>(k)));
                    CHECK(m.value(src, tgt, static_cast<StitchMethod>(k)) == all.value(src, tgt, static_cast<StitchMethod>(k)));
                }
        CHECK(m.warnings == all.warnings);
        CHECK(m.prepared.size() == all.prepared.size());
    }
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
    const StitchingMatrix all = computeStitchingMatrix(matrixInput(f), silentJob()).value();
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
