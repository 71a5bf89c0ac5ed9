// What the last change of the anchor list added (core/session/anchor_history.h): the rows the app marks as new.
#include "core/session/session.h"

#include "tests/core/analysis/analysis_fixture.h"

#include <algorithm>

#include <catch2/catch.hpp>

using namespace lb;

TEST_CASE("anchor history: the rows the last edit, undo or redo added", "[session]") {
    Session s;
    test::fillRotatedSession(s, 60, 4, 4);  // anchors: rows 1, 6, ..., 56 (the fixture's others are out of range)
    const std::vector<Index> start = s.anchors();
    REQUIRE(anchorsAddedByLastChange(s.history(), s.anchors(), false) == start);  // the fixture's setAnchors
    REQUIRE(s.addAnchors({3, 4}, "add 2"));
    CHECK(anchorsAddedByLastChange(s.history(), s.anchors(), false) == std::vector<Index>{3, 4});
    REQUIRE(s.removeAnchors({3, 6}, "remove 2"));
    CHECK(anchorsAddedByLastChange(s.history(), s.anchors(), false).empty());  // a removal adds nothing
    // Undoing the removal brings 3 and 6 back: those are the new ones.
    REQUIRE(s.undo());
    std::vector<Index> back = anchorsAddedByLastChange(s.history(), s.anchors(), true);
    std::sort(back.begin(), back.end());
    CHECK(back == std::vector<Index>{3, 6});
    // Undoing the addition adds nothing; redoing it adds 3 and 4 again.
    REQUIRE(s.undo());
    CHECK(anchorsAddedByLastChange(s.history(), s.anchors(), true).empty());
    REQUIRE(s.redo());
    CHECK(anchorsAddedByLastChange(s.history(), s.anchors(), false) == std::vector<Index>{3, 4});
    // A history that does not end at the list (cleared) marks nothing.
    s.clearHistory();
    CHECK(anchorsAddedByLastChange(s.history(), s.anchors(), false).empty());
    CHECK(anchorsAddedByLastChange(s.history(), s.anchors(), true).empty());
}
