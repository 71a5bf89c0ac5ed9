// "Grow anchors from these": from the session's anchors as a seed, bootstrapped pairs between the reference and
// the other space are added as anchors in one undoable edit, with their precision where keys give the truth.
#include "app/ui/anchor_grow_action.h"

#include "app/ui/panels/anchors_panel.h"
#include "core/relative/anchor_bootstrap.h"
#include "tests/ui/panels/analysis_fixture.h"

#include <algorithm>

using namespace lb;
using namespace lb::ui;

TEST_CASE("grow anchors: a rotated, reordered copy gives right pairs, added in one undoable edit", "[ui][panels]") {
    test::PanelFixture f;  // B = A rotated, rows reversed (matched by key); 40 anchors
    f.settle();
    AnchorGrowState& g = f.st.anchorsPanel.grow;
    const std::vector<Index> before = f.st.session.anchors();
    REQUIRE(before.size() == 40);
    REQUIRE(anchorGrowPartner(f.st) == 1);
    REQUIRE(anchorGrowUnavailableReason(f.st).empty());
    g.count = 30;
    growAnchors(f.st, g);
    f.settle();
    REQUIRE(g.error.empty());
    const std::vector<Index>& after = f.st.session.anchors();
    REQUIRE(after.size() == 70);
    CHECK(std::equal(before.begin(), before.end(), after.begin()));
    // The same rows the core function finds from the same seed, in its order.
    std::vector<std::pair<Index, Index>> seed;
    for (Index a : before) seed.emplace_back(a, f.st.session.rowInSpace(1, a));
    AnchorBootstrapSettings s;
    s.targetCount = 30;
    const AnchorBootstrap direct = bootstrapAnchors(f.st.session.entry(0).space->embeddings.view(),
                                                    f.st.session.entry(1).space->embeddings.view(), seed, s)
                                       .value();
    REQUIRE(direct.pairs.size() == 30);
    for (size_t i = 0; i < 30; ++i) CHECK(after[40 + i] == direct.pairs[i].a);
    // Relative representations coincide exactly under a rotation: every discovered pair is one sample.
    CHECK(g.precision == 1.0);
    CHECK(g.lastResult.find("30 of 30 (100%)") != std::string::npos);
    REQUIRE(f.st.session.undo());
    CHECK(f.st.session.anchors() == before);
}

TEST_CASE("grow anchors: with fewer than 2 anchors it says why and adds nothing", "[ui][panels]") {
    test::PanelFixture f;
    f.st.session.setAnchors({5}, "one");
    AnchorGrowState& g = f.st.anchorsPanel.grow;
    CHECK(anchorGrowUnavailableReason(f.st).find("at least 2 anchors") != std::string::npos);
    growAnchors(f.st, g);
    f.settle();
    CHECK(g.error.find("cannot grow anchors") != std::string::npos);
    CHECK(f.st.session.anchors() == std::vector<Index>{5});
    CHECK(g.precision == -1.0);
}

TEST_CASE("grow anchors: cancelling leaves the anchors as they were", "[ui][panels]") {
    test::PanelFixture f(3000, 16, 16);
    f.settle();
    AnchorGrowState& g = f.st.anchorsPanel.grow;
    const std::vector<Index> before = f.st.session.anchors();
    g.count = 2000;
    growAnchors(f.st, g);
    g.job.invalidate();
    f.settle();
    CHECK(f.st.session.anchors() == before);
    CHECK(g.error.empty());
    CHECK(g.lastResult.empty());
}
