#include "app/raster/image_diff.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <utility>
#include <vector>

using namespace lb::ui;

TEST_CASE("changedPixels: the bounding box of the changed pixels, empty for equal images", "[raster][diff]") {
    const int w = 37, h = 23;
    std::mt19937 rng(3);
    std::vector<uint32_t> before(static_cast<size_t>(w * h));
    for (uint32_t& p : before) p = rng();
    std::vector<uint32_t> after = before;
    REQUIRE(changedPixels(before.data(), after.data(), w, h).empty());

    // Changes at (5, 9), (20, 3) and (11, 14): the box spans x 5..20 and y 3..14, inclusive.
    for (auto [x, y] : {std::pair{5, 9}, std::pair{20, 3}, std::pair{11, 14}})
        after[static_cast<size_t>(y * w + x)] ^= 1u;
    PixelRect r = changedPixels(before.data(), after.data(), w, h);
    CHECK(r.x0 == 5);
    CHECK(r.x1 == 21);
    CHECK(r.y0 == 3);
    CHECK(r.y1 == 15);

    // Brute force over random sparse changes, corners included.
    for (int trial = 0; trial < 200; ++trial) {
        after = before;
        int bx0 = w, by0 = h, bx1 = 0, by1 = 0;
        const int n = static_cast<int>(rng() % 4);
        for (int k = 0; k < n; ++k) {
            const int x = trial % 7 == 0 ? (k % 2) * (w - 1) : static_cast<int>(rng() % w);
            const int y = trial % 7 == 0 ? (k / 2) * (h - 1) : static_cast<int>(rng() % h);
            after[static_cast<size_t>(y * w + x)] += 1;
            bx0 = std::min(bx0, x), by0 = std::min(by0, y), bx1 = std::max(bx1, x + 1), by1 = std::max(by1, y + 1);
        }
        r = changedPixels(before.data(), after.data(), w, h);
        INFO("trial " << trial);
        if (n == 0) {
            CHECK(r.empty());
            continue;
        }
        CHECK(r.x0 == bx0);
        CHECK(r.x1 == bx1);
        CHECK(r.y0 == by0);
        CHECK(r.y1 == by1);
    }
}
