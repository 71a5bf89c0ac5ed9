// The anchored views' early hand-overs: relativeReady gives the caller the relative views before the translations
// are fitted, and they are the same numbers the finished result carries; large spaces first show views from
// sampled moments (translatedReady before the refinement), then the exact ones. And the reference's kept plane.
#include "core/analysis/view_layouts.h"
#include "core/jobs/job_context.h"
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

TEST_CASE("relativeReady hands over the relative views, then the result adds the translated ones",
          "[analysis][views]") {
    Session s;
    test::fillRotatedSession(s);
    const Layouts abs = absoluteOf(s);
    AnchoredLayoutInput in = anchoredLayoutInput(s, abs.refPca, makeAnchoredLayoutCache());
    int calls = 0, translatedCalls = 0;
    AnchoredLayouts early;
    in.relativeReady = [&](const AnchoredLayouts& partial) {
        ++calls;
        early = partial;
    };
    in.translatedReady = [&](const AnchoredLayouts&) { ++translatedCalls; };
    Result<AnchoredLayouts> done = computeAnchoredLayouts(in);
    REQUIRE(done);
    CHECK(calls == 1);
    CHECK(translatedCalls == 0);  // nothing to refine at this size: the result itself brings them
    REQUIRE(early.relativeXY.size() == s.spaceCount());
    for (size_t i = 0; i < s.spaceCount(); ++i) {
        INFO("space " << i);
        REQUIRE_FALSE(early.relativeXY[i].empty());
        CHECK(early.relativeXY[i] == done->relativeXY[i]);  // the same bits, not recomputed
        CHECK(early.translatedXY[i].empty());               // not fitted yet when handed over
        CHECK_FALSE(done->translatedXY[i].empty());
    }
}

TEST_CASE("a cancelled views job hands over nothing", "[analysis][views]") {
    Session s;
    test::fillRotatedSession(s);
    const Layouts abs = absoluteOf(s);
    AnchoredLayoutInput in = anchoredLayoutInput(s, abs.refPca, makeAnchoredLayoutCache());
    int calls = 0;
    in.relativeReady = [&](const AnchoredLayouts&) { ++calls; };
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
    AnchoredLayouts beforeRefinement;
    in.translatedReady = [&](const AnchoredLayouts& partial) {
        ++translatedCalls;
        beforeRefinement = partial;
    };
    Result<AnchoredLayouts> done = computeAnchoredLayouts(in);
    REQUIRE(done);
    CHECK(done->relativeRefined);
    // The translated views were handed over before the refinement, as the result carries them.
    CHECK(translatedCalls == 1);
    CHECK(beforeRefinement.translatedXY == done->translatedXY);
    CHECK(beforeRefinement.relativeXY == early.relativeXY);
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
