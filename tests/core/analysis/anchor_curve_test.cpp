// Accuracy vs anchors for one pair (core/analysis/anchor_curve.h).
#include "core/analysis/anchor_curve.h"

#include "tests/core/analysis/analysis_fixture.h"

#include <catch2/catch.hpp>

using namespace lb;

TEST_CASE("anchor counts are parsed, sorted and deduplicated", "[analysis]") {
    std::vector<Index> ks;
    REQUIRE(parseAnchorCounts("300, 10,30,10", ks));
    REQUIRE(ks == std::vector<Index>{10, 30, 300});
    REQUIRE_FALSE(parseAnchorCounts("10,abc", ks));
    REQUIRE(ks.empty());
    REQUIRE_FALSE(parseAnchorCounts("1", ks));  // K >= 2
    REQUIRE_FALSE(parseAnchorCounts("", ks));
}

TEST_CASE("computeAnchorCurve: nested anchor sets, K beyond the training rows skipped, stitchingCurve's numbers",
          "[analysis]") {
    Session s;
    test::fillRotatedSession(s, 300);
    s.settings.curves.anchorCounts = {10, 30, 100, 300};
    const AnchorCurveInput in = anchorCurveInput(s, 1, 0);
    const AnchorCurve c = computeAnchorCurve(in).value();
    REQUIRE(c.points.size() == 3);
    CHECK(c.skipped == std::vector<Index>{300});  // 240 training rows
    // The same points as the stitching core's curve on the matched rows.
    const StitchingData d = prepareStitchingData(*in.source, *in.target).value();
    const std::vector<StitchingCurvePoint> direct =
        stitchingCurve(d.source, d.target, d.labels, {10, 30, 100}, in.options).value();
    for (size_t i = 0; i < direct.size(); ++i) {
        CHECK(c.points[i].k == direct[i].k);
        CHECK(c.points[i].scores.relative == direct[i].scores.relative);
    }
    CHECK(c.native == direct.front().scores.native);
    const nlohmann::json j = toJson(c);
    CHECK(j["k"] == nlohmann::json::array({10, 30, 100}));
    CHECK(j["settings"]["stitching"]["head"] == "ridge");
    // Every K too large: an error, not an empty curve.
    AnchorCurveInput tooLarge = in;
    tooLarge.curve.anchorCounts = {500};
    CHECK_FALSE(computeAnchorCurve(tooLarge));
}
