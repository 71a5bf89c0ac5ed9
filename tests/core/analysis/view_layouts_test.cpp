// The anchored views' early hand-overs: relativeReady gives the caller the relative views, with the translated
// views drawn in the same pass over the rows (affine translators) or before them (L2), and they are the same
// numbers the finished result carries; the translated views drawn in that pass are those translateToPlane draws;
// large spaces first show views from sampled moments, then the exact ones. And the reference's kept plane.
#include "core/analysis/view_layouts.h"
#include "core/analysis/view_plane.h"
#include "core/jobs/job_context.h"
#include "core/space/row_matching.h"
#include "tests/core/analysis/analysis_fixture.h"

#include <catch2/catch.hpp>

using namespace lb;

namespace {

struct Layouts {
    std::vector<SpacePtr> spaces;
    std::shared_ptr<const PcaModel> refPca;
    std::vector<std::vector<float>> xy;
};

Layouts absoluteOf(const Session& s) {
    Layouts l;
    for (size_t i = 0; i < s.spaceCount(); ++i) l.spaces.push_back(s.entry(i).space);
    Result<AbsoluteLayouts> abs = computeAbsoluteLayouts(l.spaces, s.reference(), s.settings.view);
    REQUIRE(abs);
    l.refPca = abs->refPca;
    l.xy = abs->xy;
    return l;
}

}  // namespace

TEST_CASE("relativeReady hands over the relative views with the translated ones drawn in the same pass",
          "[analysis][views]") {
    Session s;
    test::fillRotatedSession(s);
    const Layouts abs = absoluteOf(s);
    AnchoredLayoutInput in = anchoredLayoutInput(s, abs.refPca, makeAnchoredLayoutCache());
    int calls = 0, translatedCalls = 0, fittedCalls = 0, fittedBeforeViews = 0;
    AnchoredLayouts early;
    in.fitted = [&] { ++fittedCalls; };
    in.relativeReady = [&](const AnchoredLayouts& partial) {
        ++calls;
        fittedBeforeViews = fittedCalls;
        early = partial;
    };
    in.translatedReady = [&](const AnchoredLayouts&) { ++translatedCalls; };
    Result<AnchoredLayouts> done = computeAnchoredLayouts(in);
    REQUIRE(done);
    CHECK(calls == 1);
    CHECK(fittedCalls == 1);
    CHECK(fittedBeforeViews == 1);  // the fits come first, before the pass that draws the views
    CHECK(translatedCalls == 0);    // nothing to refine at this size, and relativeReady brought every view
    CHECK(early.translatedComplete);
    REQUIRE(early.relativeXY.size() == s.spaceCount());
    for (size_t i = 0; i < s.spaceCount(); ++i) {
        INFO("space " << i);
        REQUIRE_FALSE(early.relativeXY[i].empty());
        CHECK(early.relativeXY[i] == done->relativeXY[i]);  // the same bits, not recomputed
        REQUIRE_FALSE(done->translatedXY[i].empty());
        CHECK(early.translatedXY[i] == done->translatedXY[i]);
    }
    // The translated view drawn beside the relative one is the translation into the reference's plane.
    const size_t other = s.reference() == 0 ? 1 : 0;
    std::vector<Index> rowsX, rowsY;
    for (Index a : s.commonAnchors())
        rowsX.push_back(s.anchorRowMapIn(other)[static_cast<size_t>(a)]), rowsY.push_back(a);
    const ConstRowMatrixMap X = s.entry(other).space->embeddings.view();
    const ConstRowMatrixMap Y = s.entry(s.reference()).space->embeddings.view();
    Result<Translator> t = Translator::fit(gatherRows(X, rowsX), gatherRows(Y, rowsY), s.settings.translation);
    REQUIRE(t);
    const std::vector<float> alone = planeCoordinates(translateToPlane(*t, *abs.refPca, X));
    REQUIRE(alone.size() == done->translatedXY[other].size());
    double worst = 0, scale = 0;
    for (size_t j = 0; j < alone.size(); ++j) {
        worst = std::max(worst, std::abs(double(alone[j]) - double(done->translatedXY[other][j])));
        scale = std::max(scale, std::abs(double(alone[j])));
    }
    CHECK(worst <= 1e-5 * scale);
}

TEST_CASE("with L2-normalized translations the relative views are handed over before the translated ones",
          "[analysis][views]") {
    Session s;
    test::fillRotatedSession(s);
    s.settings.translation.l2 = true;  // no affine map: each row is translated on its own, after the relative pass
    const Layouts abs = absoluteOf(s);
    AnchoredLayoutInput in = anchoredLayoutInput(s, abs.refPca, makeAnchoredLayoutCache());
    AnchoredLayouts early;
    in.relativeReady = [&](const AnchoredLayouts& partial) { early = partial; };
    Result<AnchoredLayouts> done = computeAnchoredLayouts(in);
    REQUIRE(done);
    CHECK_FALSE(early.translatedComplete);
    CHECK(done->translatedComplete);
    for (size_t i = 0; i < s.spaceCount(); ++i) {
        INFO("space " << i);
        CHECK(early.relativeXY[i] == done->relativeXY[i]);
        CHECK_FALSE(done->translatedXY[i].empty());
        if (i != s.reference()) CHECK(early.translatedXY[i].empty());
    }
}

TEST_CASE("a cancelled views job hands over nothing", "[analysis][views]") {
    Session s;
    test::fillRotatedSession(s);
    const Layouts abs = absoluteOf(s);
    AnchoredLayoutInput in = anchoredLayoutInput(s, abs.refPca, makeAnchoredLayoutCache());
    int calls = 0;
    in.relativeReady = [&](const AnchoredLayouts&) { ++calls; };
    in.fitted = [&] { ++calls; };
    JobContext ctx;
    ctx.cancel();
    Result<AnchoredLayouts> r = computeAnchoredLayouts(in, ctx);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::Cancelled);
    CHECK(calls == 0);
}

TEST_CASE("the reference's translated view is its absolute view, edit after edit and plane after plane",
          "[analysis][views]") {
    Session s;
    test::fillRotatedSession(s);
    const size_t ref = s.reference();
    std::shared_ptr<AnchoredLayoutCache> cache = makeAnchoredLayoutCache();
    const Layouts first = absoluteOf(s);
    Result<AnchoredLayouts> before = computeAnchoredLayouts(anchoredLayoutInput(s, first.refPca, cache));
    REQUIRE(before);
    CHECK(before->translatedXY[ref] == first.xy[ref]);
    s.addAnchors({2, 3});  // an edit: the other space's translated view moves, the reference's does not
    Result<AnchoredLayouts> after = computeAnchoredLayouts(anchoredLayoutInput(s, first.refPca, cache));
    REQUIRE(after);
    CHECK(after->translatedXY[ref] == first.xy[ref]);
    CHECK(after->translatedXY[1] != before->translatedXY[1]);
    // Another reference, another plane: the kept projection of the old reference is not handed out for it.
    s.setReference(1);
    const Layouts second = absoluteOf(s);
    Result<AnchoredLayouts> other = computeAnchoredLayouts(anchoredLayoutInput(s, second.refPca, cache));
    REQUIRE(other);
    CHECK(other->translatedXY[1] == second.xy[1]);
    CHECK(other->translatedXY[1] != first.xy[0]);
}

TEST_CASE("large spaces show views from sampled moments first, then the exact ones in the same job",
          "[analysis][views]") {
    Session s;
    test::fillRotatedSession(s);  // 240 rows: a sample of 50 stands in for the 100,000 of a large space
    const Layouts abs = absoluteOf(s);
    AnchoredLayoutInput exactIn = anchoredLayoutInput(s, abs.refPca, makeAnchoredLayoutCache());
    exactIn.momentsSampleRows = 0;
    Result<AnchoredLayouts> exact = computeAnchoredLayouts(exactIn);
    REQUIRE(exact);
    CHECK_FALSE(exact->relativeRefined);

    std::shared_ptr<AnchoredLayoutCache> cache = makeAnchoredLayoutCache();
    AnchoredLayoutInput in = anchoredLayoutInput(s, abs.refPca, cache);
    in.momentsSampleRows = 50;
    AnchoredLayouts early;
    in.relativeReady = [&](const AnchoredLayouts& partial) { early = partial; };
    int translatedCalls = 0;
    in.translatedReady = [&](const AnchoredLayouts&) { ++translatedCalls; };
    Result<AnchoredLayouts> done = computeAnchoredLayouts(in);
    REQUIRE(done);
    CHECK(done->relativeRefined);
    // The translated views were handed over with the first relative views, before the refinement, as the result
    // carries them.
    CHECK(translatedCalls == 0);
    CHECK(early.translatedComplete);
    CHECK(early.translatedXY == done->translatedXY);
    for (size_t i = 0; i < s.spaceCount(); ++i) {
        INFO("space " << i);
        REQUIRE_FALSE(early.relativeXY[i].empty());
        CHECK(early.relativeXY[i] != exact->relativeXY[i]);  // from the sample
        CHECK(done->relativeXY[i] == exact->relativeXY[i]);  // refined: the exact view, bit for bit
    }
    // The next edit finds exact moments kept: nothing to refine, the views exact from the start.
    s.addAnchors({2, 3});
    AnchoredLayoutInput next = anchoredLayoutInput(s, abs.refPca, cache);
    next.momentsSampleRows = 50;
    AnchoredLayouts nextEarly;
    next.relativeReady = [&](const AnchoredLayouts& partial) { nextEarly = partial; };
    Result<AnchoredLayouts> again = computeAnchoredLayouts(next);
    REQUIRE(again);
    CHECK_FALSE(again->relativeRefined);
    CHECK(nextEarly.relativeXY == again->relativeXY);
}
