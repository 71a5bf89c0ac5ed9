// PointGridIndex against brute force: nearest within a radius, box and lasso queries, hidden classes.
#include "app/raster/point_grid_index.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using lb::ui::DataRect;
using lb::ui::PointFilter;
using lb::ui::PointGridIndex;

namespace {

std::vector<float> clusteredPoints(size_t n, uint32_t seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> g(0.0f, 1.0f);
    std::uniform_int_distribution<int> cluster(0, 4);
    std::vector<float> xy(2 * n);
    for (size_t i = 0; i < n; ++i) {
        const int c = cluster(rng);
        xy[2 * i] = 10.0f * c + g(rng) * (0.5f + c);
        xy[2 * i + 1] = -3.0f * c + g(rng) * 2.0f;
    }
    return xy;
}

int64_t bruteNearest(const std::vector<float>& xy, float x, float y, float r, const PointFilter& f) {
    int64_t best = -1;
    double bestD = INFINITY;
    for (size_t i = 0; i < xy.size() / 2; ++i) {
        if (!std::isfinite(xy[2 * i]) || !std::isfinite(xy[2 * i + 1]) || !f.accepts(uint32_t(i))) continue;
        const double dx = xy[2 * i] - double(x), dy = xy[2 * i + 1] - double(y), d = dx * dx + dy * dy;
        if (d <= double(r) * r && d < bestD) {
            bestD = d;
            best = int64_t(i);
        }
    }
    return best;
}

}  // namespace

TEST_CASE("nearest point matches brute force", "[raster][picking]") {
    const std::vector<float> xy = clusteredPoints(5000, 7);
    PointGridIndex index;
    index.build(xy.data(), xy.size() / 2);
    REQUIRE(index.size() == 5000);
    std::vector<uint16_t> classes(5000);
    for (size_t i = 0; i < classes.size(); ++i) classes[i] = uint16_t(i % 3);
    const std::vector<bool> hidden{false, true, false};
    std::mt19937 rng(11);
    std::uniform_real_distribution<float> ux(-10.0f, 55.0f), uy(-20.0f, 8.0f), ur(0.0f, 3.0f);
    int found = 0;
    for (int q = 0; q < 2000; ++q) {
        const float x = ux(rng), y = uy(rng), r = q % 10 == 0 ? 100.0f : ur(rng);
        const PointFilter filter = q % 2 ? PointFilter{classes.data(), &hidden} : PointFilter{};
        INFO("query " << q << " at " << x << "," << y << " r=" << r);
        const int64_t got = index.nearest(x, y, r, filter);
        REQUIRE(got == bruteNearest(xy, x, y, r, filter));
        if (got >= 0 && filter.classes) REQUIRE(classes[size_t(got)] != 1);
        found += got >= 0;
    }
    REQUIRE(found > 500);  // the queries really hit points, not only empty space
}

TEST_CASE("box and lasso queries match brute force", "[raster][picking]") {
    const std::vector<float> xy = clusteredPoints(3000, 3);
    PointGridIndex index;
    index.build(xy.data(), xy.size() / 2);
    std::mt19937 rng(5);
    std::uniform_real_distribution<float> ux(-10.0f, 55.0f), uy(-20.0f, 8.0f);
    for (int q = 0; q < 200; ++q) {
        const float x0 = ux(rng), x1 = ux(rng), y0 = uy(rng), y1 = uy(rng);
        const DataRect box{std::min(x0, x1), std::min(y0, y1), std::max(x0, x1), std::max(y0, y1)};
        std::vector<int64_t> expectBox;
        for (size_t i = 0; i < 3000; ++i) {
            const float x = xy[2 * i], y = xy[2 * i + 1];
            if (x >= box.minX && x <= box.maxX && y >= box.minY && y <= box.maxY) expectBox.push_back(int64_t(i));
        }
        REQUIRE(index.inRect(box) == expectBox);
        // The capped count agrees with the box's points up to its cap.
        for (size_t cap : {size_t(1), size_t(2), size_t(50)})
            REQUIRE(index.countInRect(box, cap) == std::min(cap, expectBox.size()));

        // A random star-shaped (generally concave) polygon around a random centre.
        const float cx = ux(rng), cy = uy(rng);
        std::vector<float> poly;
        const int m = 3 + q % 9;
        for (int k = 0; k < m; ++k) {
            const float a = 6.2831853f * k / m, rad = 2.0f + 8.0f * std::uniform_real_distribution<float>()(rng);
            poly.push_back(cx + rad * std::cos(a));
            poly.push_back(cy + rad * std::sin(a));
        }
        std::vector<int64_t> expectLasso;
        for (size_t i = 0; i < 3000; ++i)
            if (lb::ui::pointInPolygon(xy[2 * i], xy[2 * i + 1], poly)) expectLasso.push_back(int64_t(i));
        REQUIRE(index.inPolygon(poly) == expectLasso);
    }
}

TEST_CASE("point in polygon handles concave shapes and degenerate input", "[raster][picking]") {
    // An L shape: the notch (1.5, 1.5) is outside although inside the bounding box.
    const std::vector<float> ell{0, 0, 2, 0, 2, 1, 1, 1, 1, 2, 0, 2};
    CHECK(lb::ui::pointInPolygon(0.5f, 0.5f, ell));
    CHECK(lb::ui::pointInPolygon(1.5f, 0.5f, ell));
    CHECK(lb::ui::pointInPolygon(0.5f, 1.5f, ell));
    CHECK_FALSE(lb::ui::pointInPolygon(1.5f, 1.5f, ell));
    CHECK_FALSE(lb::ui::pointInPolygon(3.0f, 0.5f, ell));
    // A ray through a vertex (y = 1 passes the vertices (2,1) and (1,1)) must still count correctly.
    CHECK(lb::ui::pointInPolygon(0.5f, 1.0f, ell));
    CHECK_FALSE(lb::ui::pointInPolygon(0.5f, 0.5f, {0, 0, 1, 1}));  // two vertices: no area
}

TEST_CASE("index survives degenerate and non-finite points", "[raster][picking]") {
    PointGridIndex index;
    SECTION("empty") {
        index.build(nullptr, 0);
        CHECK_FALSE(index.bounds().valid());
        CHECK(index.nearest(0, 0, 1e30f) == -1);
        CHECK(index.inRect(DataRect{-1, -1, 1, 1}).empty());
    }
    SECTION("all points equal, ties go to the lowest index") {
        const std::vector<float> xy{2, 3, 2, 3, 2, 3};
        index.build(xy.data(), 3);
        CHECK(index.nearest(2.1f, 3.0f, 0.5f) == 0);
        CHECK(index.inRect(DataRect{2, 3, 2, 3}) == std::vector<int64_t>{0, 1, 2});
    }
    SECTION("NaN and Inf rows are never returned") {
        const float nan = std::nanf(""), inf = INFINITY;
        const std::vector<float> xy{nan, 0, 0, 0, inf, 1, 1, nan, 1, 1};
        index.build(xy.data(), 5);
        CHECK(index.bounds().minX == 0.0f);
        CHECK(index.bounds().maxX == 1.0f);
        CHECK(index.nearest(0.0f, 0.0f, 1e30f) == 1);
        CHECK(index.inRect(DataRect{-1e30f, -1e30f, 1e30f, 1e30f}) == std::vector<int64_t>{1, 4});
    }
    SECTION("negative radius finds nothing") {
        const std::vector<float> xy{0, 0};
        index.build(xy.data(), 1);
        CHECK(index.nearest(0, 0, -1.0f) == -1);
        CHECK(index.nearest(0, 0, 0.0f) == 0);
    }
}
