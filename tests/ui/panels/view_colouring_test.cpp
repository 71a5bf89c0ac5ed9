// The views coloured by each sample's agreement with the reference, and the glow on the anchors the last edit added
// (app/ui/view_colouring.h), driven through the app as a user would (headless, NullPlotCanvas).
#include "app/ui/view_colouring.h"
#include "app/raster/class_palette.h"
#include "app/ui/panels/view_grid.h"
#include "tests/ui/panels/analysis_fixture.h"

#include <cmath>

using namespace lb;
using namespace lb::ui;

TEST_CASE("views coloured by agreement with the reference: the job's values, recomputed on anchor edits",
          "[ui][agreement]") {
    test::PanelFixture f(240);
    AppState& st = f.st;
    f.settle();
    REQUIRE(st.agreement.empty());  // not computed while colouring by class
    const std::vector<uint16_t> classColours = st.views[1].cell(ViewKind::Relative).points.colorIndex;
    st.colourBy = ColourBy::Agreement;
    f.settle();
    REQUIRE(st.agreement.size() == 2);
    AgreementSettings settings;
    settings.k = st.session.settings.similarity.kJaccard;
    const std::vector<SpaceAgreement> expected = sessionAgreement(agreementInputs(st.session), settings).value();
    for (size_t i = 0; i < 2; ++i)
        for (int kind = 0; kind < kViewKinds; ++kind) {
            const SampleAgreement& a = st.agreement[i][static_cast<size_t>(kind)];
            REQUIRE(a.evaluated == 200);  // 240 rows minus the fixture's 40 anchors
            const std::vector<uint16_t>& colours = st.views[i].cells[kind].points.colorIndex;
            REQUIRE(colours.size() == a.values.size());
            for (size_t r = 0; r < colours.size(); ++r) {
                const float want = expected[i][static_cast<size_t>(kind)].values[r];
                CHECK((std::isnan(want) ? std::isnan(a.values[r]) : a.values[r] == want));
                CHECK(colours[r] == sequentialIndex(a.values[r]));  // NaN (anchors): grey
            }
        }
    // The fixture's B is A rotated: the absolute neighbourhoods agree everywhere.
    CHECK(st.agreement[1][0].min == 1.0f);
    nlohmann::json report;
    report["agreement"] = agreementReport(st);
    CHECK(report["agreement"]["colour_by"] == "agreement");
    CHECK(report["agreement"]["views"].size() == 6u);
    CHECK(report["agreement"]["views"][3]["coloured"] == true);

    // The hover tooltip draws the sample's values (a frame with a hovered sample must not fail).
    setHovered(st, 1, 5);
    f.frame();

    // An anchor edit recomputes: one row fewer is evaluated, and the new anchor turns grey.
    const uint64_t generation = st.agreementGeneration;
    Index fresh = 0;
    while (st.session.isAnchor(fresh)) ++fresh;
    toggleAnchor(st, fresh);
    f.settle();
    CHECK(st.agreementGeneration > generation);
    CHECK(st.agreement[1][1].evaluated == 199);
    const Index row = st.session.rowInSpace(1, fresh);
    CHECK(st.views[1].cell(ViewKind::Relative).points.colorIndex[static_cast<size_t>(row)] == kUnlabeled);

    // A hidden class keeps its class id (the legend still hides it); back to class colours restores them.
    st.hiddenClasses = {false, true, false};
    f.frame();
    const ViewCell& rel = st.views[1].cell(ViewKind::Relative);
    for (size_t r = 0; r < rel.points.colorIndex.size(); ++r)
        if (st.session.space(1).labels[r] == 1) CHECK(rel.points.colorIndex[r] == 1);
    st.hiddenClasses.clear();
    st.colourBy = ColourBy::Class;
    f.frame();
    CHECK(st.views[1].cell(ViewKind::Relative).points.colorIndex == classColours);
}

TEST_CASE("the anchors the last edit added glow in every view, then fade; undoing an addition marks nothing",
          "[ui][agreement]") {
    test::PanelFixture f(240);
    AppState& st = f.st;
    f.settle();
    for (const SpaceViews& v : st.views)
        for (const ViewCell& c : v.cells) CHECK(c.overlay.fresh.empty());  // the opened session's anchors: no glow
    Index a = 0;
    while (st.session.isAnchor(a)) ++a;
    Index b = a + 1;
    while (st.session.isAnchor(b)) ++b;
    REQUIRE(st.session.addAnchors({a, b}, "add 2"));
    f.settle();
    CHECK(st.newAnchorsRef == std::vector<Index>{a, b});
    for (size_t i = 0; i < st.views.size(); ++i)
        for (const ViewCell& c : st.views[i].cells) {
            std::vector<int64_t> expected{st.session.rowInSpace(i, a), st.session.rowInSpace(i, b)};
            std::vector<int64_t> got = c.overlay.fresh;
            std::sort(expected.begin(), expected.end());
            std::sort(got.begin(), got.end());
            CHECK(got == expected);
            CHECK(c.overlay.freshGlow > 0.5f);
            // Only anchors glow: the marked rows are drawn as anchors too.
            for (int64_t r : got)
                CHECK(std::find(c.overlay.anchors.begin(), c.overlay.anchors.end(), r) != c.overlay.anchors.end());
        }
    // The glow fades in steps and is gone after kFreshAnchorSeconds.
    const auto t0 = st.newAnchorsAt;
    CHECK(updateFreshAnchors(st, t0) == 1.0f);
    const float half = updateFreshAnchors(st, t0 + std::chrono::milliseconds(1000));
    CHECK(half > 0.0f);
    CHECK(half < 1.0f);
    CHECK(updateFreshAnchors(st, t0 + std::chrono::milliseconds(2100)) == 0.0f);
    CHECK(freshAnchorsFading(st, t0));
    CHECK(!freshAnchorsFading(st, t0 + std::chrono::milliseconds(2100)));
    // The frame loop is woken for the glow's next step, which is when its strength changes, and not before.
    const auto at = t0 + std::chrono::milliseconds(1100);
    const double wait = secondsToNextGlowStep(st, at);
    CHECK(wait > 0.0);
    CHECK(wait <= kFreshAnchorSeconds / 8 + 1e-9);
    const auto justBefore = at + std::chrono::microseconds(static_cast<int64_t>(wait * 1e6) - 1000);
    const auto justAfter = at + std::chrono::microseconds(static_cast<int64_t>(wait * 1e6) + 1000);
    CHECK(updateFreshAnchors(st, justBefore) == updateFreshAnchors(st, at));
    CHECK(updateFreshAnchors(st, justAfter) < updateFreshAnchors(st, at));
    st.newAnchorsAt = t0 - std::chrono::seconds(3);
    f.frame();
    CHECK(st.views[0].cell(ViewKind::Absolute).overlay.fresh.empty());
    CHECK(st.views[0].cell(ViewKind::Absolute).overlay.freshGlow == 0.0f);
    // Undoing the addition adds nothing; redoing it marks the two again.
    undoAnchors(st);
    f.settle();
    CHECK(st.newAnchorsRef.empty());
    redoAnchors(st);
    f.settle();
    CHECK(st.newAnchorsRef == std::vector<Index>{a, b});
}
