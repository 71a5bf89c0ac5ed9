#include "app/ui/panels/preview_budget.h"

#include <catch2/catch.hpp>

using lb::ui::PreviewBudget;

TEST_CASE("preview budget: slow previews halve the sizes, fast ones double them, within a dead band", "[ui][preview]") {
    PreviewBudget b(100.0);
    CHECK(b.fraction() == 1.0);
    b.observe(0, 120.0);  // inside the band (40-150 ms): stays
    CHECK(b.halvings() == 0);
    b.observe(0, 600.0);  // 6× over: two halvings at once
    CHECK(b.fraction() == 0.25);
    // The first preview at the new sizes cannot reuse the last one's parts: not taken as evidence.
    b.observe(2, 400.0);
    CHECK(b.halvings() == 2);
    b.observe(2, 170.0);  // just over 1.5×: one step
    CHECK(b.halvings() == 3);
    b.observe(2, 900.0);  // submitted before the step: stale
    CHECK(b.halvings() == 3);
    b.observe(3, 10.0);  // the first at 1/8, ignored
    b.observe(3, 10.0);  // then up one step only
    CHECK(b.fraction() == 0.25);
}

TEST_CASE("preview budget: the ladder stops at full size and at its last halving", "[ui][preview]") {
    PreviewBudget b(100.0);
    for (int i = 0; i < 5; ++i) b.observe(b.halvings(), 1.0);
    CHECK(b.halvings() == 0);  // never above the settings' sizes
    for (int i = 0; i < 40; ++i) b.observe(b.halvings(), 1e6);
    CHECK(b.halvings() == PreviewBudget::kMostHalvings);
    CHECK(b.fraction() == Approx(1.0 / 64));
    b.observe(b.halvings(), -1.0);  // no time measured: no change
    CHECK(b.halvings() == PreviewBudget::kMostHalvings);
}
