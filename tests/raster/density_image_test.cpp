// Density binning: counts per pixel against a direct computation, majority class, hidden classes,
// and the multithreaded split giving the same bins as one thread.
#include "app/raster/density_image.h"

#include "app/raster/class_palette.h"

#include <catch2/catch.hpp>

#include <random>

using namespace lb::ui;

namespace {
PlotPoints randomPoints(size_t n, int classes, uint32_t seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> g(0.0f, 1.0f);
    PlotPoints p;
    for (size_t i = 0; i < n; ++i) {
        const int c = int(i % size_t(classes));
        p.xy.push_back(g(rng) + 0.5f * c);
        p.xy.push_back(g(rng));
        p.colorIndex.push_back(uint16_t(c));
    }
    p.version = 1;
    return p;
}
}  // namespace

TEST_CASE("density bins count every visible point in its pixel", "[raster][density]") {
    const PlotPoints p = randomPoints(200000, 5, 3);
    const PlotViewport vp{0.5f, 0.0f, 20.0f};
    const int w = 64, h = 48;
    const std::vector<bool> hidden{false, false, true};
    DensityBins one, many;
    binPoints(p, hidden, vp, w, h, one, 1);
    binPoints(p, hidden, vp, w, h, many, 4);
    std::vector<uint32_t> expect(size_t(w) * h, 0);
    size_t inside = 0;
    for (size_t i = 0; i < p.size(); ++i) {
        if (p.colorIndex[i] == 2) continue;
        const float px = (p.xy[2 * i] - vp.centerX) * vp.scale + w / 2.0f;
        const float py = h / 2.0f - (p.xy[2 * i + 1] - vp.centerY) * vp.scale;
        if (px < 0 || py < 0 || px >= w || py >= h) continue;
        ++expect[size_t(int(py)) * w + size_t(int(px))];
        ++inside;
    }
    REQUIRE(inside > 1000);
    REQUIRE(inside < p.size() * 4 / 5);  // the view really cuts points off
    CHECK(one.count == expect);
    CHECK(many.count == expect);
    CHECK(one.binnedPoints == inside);
    CHECK(many.binnedPoints == inside);
    CHECK(countVisiblePoints(p, hidden, vp, w, h) == inside);
    // Counting up to a bound: the bound when more are visible, all of them otherwise.
    CHECK(countVisiblePoints(p, hidden, vp, w, h, 1000) == 1000);
    CHECK(countVisiblePoints(p, hidden, vp, w, h, inside + 1) == inside);
    for (size_t k = 0; k < expect.size(); ++k)
        if (one.count[k] > 0) REQUIRE(one.dominant[k] != 2);
}

TEST_CASE("the dominant class wins its pixel across threads", "[raster][density]") {
    // Pixel (0, 0) gets 70% class 4 and 30% class 1, interleaved so every thread sees a mixture.
    PlotPoints p;
    for (int i = 0; i < 300000; ++i) {
        p.xy.push_back(0.1f);
        p.xy.push_back(-0.1f);
        p.colorIndex.push_back(i % 10 < 7 ? 4 : 1);
    }
    const PlotViewport vp{1.0f, -1.0f, 1.0f};  // data (0.1, -0.1) -> pixel (1.1 - 1, ...) inside 4 x 4
    DensityBins bins;
    binPoints(p, {}, vp, 4, 4, bins, 4);
    int col = -1, row = -1;
    REQUIRE(pixelOf(vp, 4, 4, 0.1f, -0.1f, col, row));
    const size_t k = size_t(row) * 4 + size_t(col);
    CHECK(bins.count[k] == 300000);
    CHECK(bins.dominant[k] == 4);
    CHECK(bins.maxCount == 300000);

    std::vector<uint32_t> rgba;
    colorDensity(bins, rgba);
    const Rgba8 c4 = classColor(4), bg = plotBackground();
    CHECK((rgba[k] & 0xFF) == c4.r);  // the fullest pixel gets the full class colour
    CHECK((rgba[(k + 1) % 16] & 0xFF) == bg.r);
}

TEST_CASE("points outside or non-finite are not binned", "[raster][density]") {
    PlotPoints p;
    p.xy = {1e30f, 0, std::nanf(""), 0, -5, -5, 0, 0};
    p.colorIndex = {0, 0, 0, kUnlabeled};
    DensityBins bins;
    binPoints(p, {}, PlotViewport{0, 0, 1}, 4, 4, bins);
    CHECK(bins.binnedPoints == 1);
    CHECK(bins.maxCount == 1);
}
