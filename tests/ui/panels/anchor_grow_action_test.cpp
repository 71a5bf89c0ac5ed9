// "Grow anchors from these": from the session's anchors as a seed, bootstrapped pairs between the reference and
// the other space are added as anchors in one undoable edit, with their precision where keys give the truth.
#include "app/ui/anchor_grow_action.h"

#include "app/ui/panels/anchors_panel.h"
#include "core/metrics/sampling.h"
#include "core/relative/anchor_bootstrap.h"
#include "tests/ui/panels/analysis_fixture.h"

#include <algorithm>
#include <cmath>

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

TEST_CASE("grow anchors: pairs towards a chosen space without shared keys keep their partners", "[ui][panels]") {
    // Space 2: A rotated, its rows shuffled, no keys: rows are matched to the reference by index, which is wrong
    // for every sample. The seed is given as explicit pairs; the discovered pairs must enter the same way.
    test::PanelFixture f;
    Session& s = f.st.session;
    const LatentSpace& a = s.space(0);
    const Index n = a.n();
    const std::vector<Index> shuffle = seededPermutation(n, 11);  // sample (reference row) r -> row shuffle[r]
    RowMatrixXf c(n, a.d());
    const RowMatrixXf rotated = a.embeddings.view() * test::randomRotation(a.d(), 5);
    for (Index r = 0; r < n; ++r) c.row(shuffle[static_cast<size_t>(r)]) = rotated.row(r);
    LatentSpace cs;
    cs.name = "model_c";
    cs.embeddings = Embeddings(std::move(c));
    s.addSpace("c.npz", std::make_shared<const LatentSpace>(std::move(cs)));
    REQUIRE_FALSE(s.entry(2).matchedByKey);
    std::vector<AnchorPartner> seed;
    for (Index r : s.anchors()) seed.push_back({r, 2, shuffle[static_cast<size_t>(r)]});
    REQUIRE(s.setAnchorsWithPartners(s.anchors(), seed, "seed pairs"));
    f.settle();

    AnchorGrowState& g = f.st.anchorsPanel.grow;
    REQUIRE(anchorGrowPartner(f.st) == 1);  // the default: the first space besides the reference
    g.target = 2;
    REQUIRE(anchorGrowPartner(f.st) == 2);
    g.count = 30;
    growAnchors(f.st, g);
    f.settle();
    REQUIRE(g.error.empty());
    REQUIRE(s.anchors().size() == 70);
    CHECK(g.precision == -1.0);  // no keys: the truth is not known
    CHECK(g.lastResult.find("precision unknown") != std::string::npos);
    // Every discovered pair is the true sample (an exact rotation), and the session uses it, not the index match.
    size_t differFromIndex = 0;
    for (size_t k = 40; k < 70; ++k) {
        const Index r = s.anchors()[k];
        CHECK(s.partnerOf(r, 2) == shuffle[static_cast<size_t>(r)]);
        CHECK(s.anchorRowIn(2, r) == shuffle[static_cast<size_t>(r)]);
        if (s.anchorRowIn(2, r) != s.rowInSpace(2, r)) ++differFromIndex;
    }
    CHECK(differFromIndex >= 25);
    // The translated view of space 2 puts each sample where the reference does: the fit used the true pairs.
    const std::vector<float>& ref = f.st.views[0].cell(ViewKind::Translated).points.xy;
    const std::vector<float>& moved = f.st.views[2].cell(ViewKind::Translated).points.xy;
    REQUIRE(ref.size() == static_cast<size_t>(2 * n));
    REQUIRE(moved.size() == static_cast<size_t>(2 * n));
    double worst = 0;
    for (Index r = 0; r < n; ++r)
        for (int c2 = 0; c2 < 2; ++c2)
            worst = std::max(
                worst,
                std::abs(static_cast<double>(ref[static_cast<size_t>(2 * r + c2)] -
                                             moved[static_cast<size_t>(2 * shuffle[static_cast<size_t>(r)] + c2)])));
    CHECK(worst < 1e-3);
    // The panel lists them as discovered.
    CHECK(discoveredAnchors(s).count == 70);
    CHECK(discoveredLabel(s, s.anchors()[45]).find("discovered (partner row") == 0);
    CHECK(discoveredLabel(s, s.anchors()[45]) ==
          "discovered (partner row " + std::to_string(shuffle[static_cast<size_t>(s.anchors()[45])]) + ")");
    REQUIRE(s.undo());
    CHECK(s.anchors().size() == 40);
    CHECK(s.partners().size() == 40);
}

TEST_CASE("grow anchors: discovered pairs are counted against the keys where the target has them", "[ui][panels]") {
    test::PanelFixture f;
    f.settle();
    AnchorGrowState& g = f.st.anchorsPanel.grow;
    g.count = 20;
    growAnchors(f.st, g);
    f.settle();
    const DiscoveredAnchors d = discoveredAnchors(f.st.session);
    CHECK(d.count == 20);
    CHECK(d.known == 20);
    CHECK(d.same == 20);
    std::string detail;
    CHECK_FALSE(discoveredLabel(f.st.session, f.st.session.anchors()[50], &detail).empty());
    CHECK(detail.find("It is the same sample.") != std::string::npos);
    CHECK(discoveredLabel(f.st.session, f.st.session.anchors()[0]).empty());  // a seed anchor
}
