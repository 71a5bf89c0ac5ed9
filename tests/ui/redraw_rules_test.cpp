// The partial-redraw rules as functions: each answers as its comment in redraw_rules.h says.
#include "app/ui/redraw_rules.h"

#include <catch2/catch.hpp>

using namespace lb::ui;

TEST_CASE("what counts as a change of a window", "[ui][redraw]") {
    STATIC_REQUIRE(windowChange(false, false, false) == WindowChange::Layout);  // a new window
    STATIC_REQUIRE(windowChange(true, true, true) == WindowChange::None);
    STATIC_REQUIRE(windowChange(true, false, true) == WindowChange::Contents);  // a digit, a redrawn view
    STATIC_REQUIRE(windowChange(true, false, false) == WindowChange::Layout);
}

TEST_CASE("frames drawn whole and where partial frames are drawn", "[ui][redraw]") {
    WholeFrameCauses causes;
    CHECK_FALSE(causes.any());
    causes.exposed = true;
    CHECK(causes.any());
    STATIC_REQUIRE(drawsPartialFrames(true, false));
    STATIC_REQUIRE_FALSE(drawsPartialFrames(true, true));    // --full-redraw
    STATIC_REQUIRE_FALSE(drawsPartialFrames(false, false));  // a GPU driver may lose the back buffer
}

TEST_CASE("young jobs show no progress; anchored views wait for their points", "[ui][redraw]") {
    STATIC_REQUIRE_FALSE(showsProgressAfter(kProgressAfterMs - 1.0));
    STATIC_REQUIRE(showsProgressAfter(kProgressAfterMs));
    STATIC_REQUIRE_FALSE(showsRunning(false, 10 * kProgressAfterMs));
    STATIC_REQUIRE_FALSE(showsRunning(true, 0.0));
    STATIC_REQUIRE(showsRunning(true, kProgressAfterMs));
    STATIC_REQUIRE(markersShowCurrentAnchors(false, true));  // absolute views: at once
    STATIC_REQUIRE_FALSE(markersShowCurrentAnchors(true, true));
    STATIC_REQUIRE(markersShowCurrentAnchors(true, false));
}
