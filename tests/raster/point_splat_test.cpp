// Points drawn on the CPU: a disc like the point shader's (full colour inside, anti-aliased edge, symmetric),
// later points over earlier ones, hidden classes and non-finite points left out.
#include "app/raster/point_splat.h"

#include "app/raster/class_palette.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace lb::ui;

namespace {

uint32_t packed(Rgba8 c) {
    return uint32_t(c.r) | (uint32_t(c.g) << 8) | (uint32_t(c.b) << 16) | (0xFFu << 24);
}

// One view 20 × 20 pixels wide, 1 data unit per pixel, centred on the origin.
const PlotViewport kView{0.0f, 0.0f, 1.0f};

void splat(const PlotPoints& p, const std::vector<bool>& hidden, int width, int height, float size,
           std::vector<uint32_t>& img) {
    SplatScratch scratch;
    splatPoints(p, hidden, kView, width, height, size, img, scratch);
}

}  // namespace

TEST_CASE("a splatted point is a symmetric anti-aliased disc", "[raster][splat]") {
    PlotPoints p;
    p.xy = {0.0f, 0.0f};  // the centre of pixel corner (10, 10)
    p.colorIndex = {2};
    std::vector<uint32_t> img;
    splat(p, {}, 20, 20, 4.0f, img);
    REQUIRE(img.size() == 400u);
    const uint32_t bg = packed(plotBackground()), fill = packed(classColor(2));
    auto at = [&](int x, int y) { return img[size_t(y) * 20 + size_t(x)]; };
    // Pixels (9..10, 9..10) have centres 0.71 px from the point: inside the 2 px radius, full colour.
    CHECK(at(9, 9) == fill);
    CHECK(at(10, 10) == fill);
    // Far away: background.
    CHECK(at(0, 0) == bg);
    CHECK(at(14, 10) == bg);
    // Symmetric around the point, and the edge pixel (centre 2.12 px away) is a blend.
    CHECK(at(8, 8) == at(11, 11));
    CHECK(at(8, 11) == at(11, 8));
    CHECK(at(8, 8) != fill);
    CHECK(at(8, 8) != bg);
    size_t touched = 0;
    for (uint32_t v : img) touched += v != bg;
    CHECK(touched >= 12u);  // a 4 px disc with its fringe
    CHECK(touched <= 25u);  // within the 5 px sprite
}

TEST_CASE("splatting keeps draw order and leaves out hidden and non-finite points", "[raster][splat]") {
    PlotPoints p;
    const float nan = std::numeric_limits<float>::quiet_NaN();
    p.xy = {0.0f, 0.0f, 0.0f, 0.0f, 5.0f, 5.0f, nan, 1.0f};
    p.colorIndex = {1, 3, 4, 1};
    std::vector<uint32_t> img;
    splat(p, {}, 20, 20, 4.0f, img);
    CHECK(img[10 * 20 + 10] == packed(classColor(3)));  // the later point is on top
    CHECK(img[5 * 20 + 15] == packed(classColor(4)));   // y up: data (5, 5) is above and right of the centre
    std::vector<bool> hidden(5, false);
    hidden[3] = true;
    splat(p, hidden, 20, 20, 4.0f, img);
    CHECK(img[10 * 20 + 10] == packed(classColor(1)));  // class 3 hidden: the earlier point shows
}

TEST_CASE("markers over splatted points: anchor rings with a halo, selection rims, a hollow hover ring",
          "[raster][splat]") {
    // Three points of class 1 on a 60 × 20 view: an anchor at x = -20, a selected point at 0, the hovered at 20.
    PlotPoints p;
    p.xy = {-20.0f, 0.0f, 0.0f, 0.0f, 20.0f, 0.0f};
    p.colorIndex = {1, 1, 1};
    std::vector<uint32_t> base;
    splat(p, {}, 60, 20, 4.0f, base);
    PlotOverlay o;
    o.anchors = {0, 7};  // row 7 does not exist: skipped
    o.selected = {1};
    o.hovered = 2;
    std::vector<uint32_t> img = base;
    splatMarkers(p, o, kView, 60, 20, 4.0f, img);
    auto at = [&](const std::vector<uint32_t>& im, int x, int y) { return im[size_t(y) * 60 + size_t(x)]; };
    auto red = [](uint32_t v) { return int(v & 0xFF); };
    const std::vector<MarkerPass> passes = markerPasses(4.0f, 1);  // one valid anchor: the largest markers
    REQUIRE(passes.size() == 4u);
    const float anchorRadius = 0.5f * passes[2].size;
    // The anchor: class colour at its centre, the white ring near its edge, the dark halo just outside.
    CHECK(at(img, 9, 9) == packed(classColor(1)));
    CHECK(red(at(img, 10 + int(anchorRadius) - 1, 10)) > 230);
    CHECK(red(at(img, 10 + int(anchorRadius) + 1, 10)) < 40);
    // The selected point: class colour inside, its rim magenta (red and blue high, green low).
    CHECK(at(img, 29, 9) == packed(classColor(1)));
    const uint32_t rim = at(img, 30 + 2, 10);
    CHECK(red(rim) > 200);
    CHECK(int((rim >> 8) & 0xFF) < 100);
    CHECK(int((rim >> 16) & 0xFF) > 180);
    // The hovered point: hollow, so its centre is the point as splatted; the ring 8 px out is white.
    CHECK(at(img, 49, 9) == at(base, 49, 9));
    CHECK(red(at(img, 50 + 8, 10)) > 230);
    // A hidden class keeps its anchor marker but loses its selection rim.
    o.hiddenClasses = {false, true};
    std::vector<uint32_t> hidden = base;
    splatMarkers(p, o, kView, 60, 20, 4.0f, hidden);
    CHECK(red(at(hidden, 10 + int(anchorRadius) - 1, 10)) > 230);
    CHECK(at(hidden, 30 + 2, 10) == at(base, 30 + 2, 10));
}

TEST_CASE("the anchors the last edit added are marked around their marker, fading with freshGlow", "[raster][splat]") {
    PlotPoints p;
    p.xy = {0.0f, 0.0f, 20.0f, 0.0f};
    p.colorIndex = {1, 1};
    std::vector<uint32_t> base;
    splat(p, {}, 80, 40, 4.0f, base);
    PlotOverlay o;
    o.anchors = {0, 1};
    o.fresh = {0};
    auto red = [](const std::vector<uint32_t>& im, int x, int y) { return int(im[size_t(y) * 80 + size_t(x)] & 0xFF); };
    auto draw = [&](float glow) {
        o.freshGlow = glow;
        std::vector<uint32_t> img = base;
        splatMarkers(p, o, kView, 80, 40, 4.0f, img);
        return img;
    };
    const std::vector<uint32_t> full = draw(1.0f), half = draw(0.5f), none = draw(0.0f);
    REQUIRE(markerPasses(4.0f, 2, 1.0f).size() == 6u);
    CHECK(markerPasses(4.0f, 2, 1.0f)[1].rows == MarkerPass::Rows::Fresh);
    CHECK(markerPasses(4.0f, 2, 1.0f)[2].rows == MarkerPass::Rows::Fresh);
    CHECK(markerPasses(4.0f, 2, 0.0f).size() == 4u);
    // The white ring 13 px left of the fresh anchor (centre x = 40), past its anchor halo and the hover ring's reach,
    // and the dark disc 10 px left, darker than the background.
    const int bg = red(base, 27, 20);
    CHECK(red(full, 27, 20) > 200);
    CHECK(red(half, 27, 20) > bg + 40);
    CHECK(red(half, 27, 20) < red(full, 27, 20));
    CHECK(red(none, 27, 20) == bg);
    CHECK(red(full, 30, 20) < bg);
    // The other anchor, not fresh, is not marked (13 px right of x = 60 is past the first mark's reach).
    CHECK(red(full, 73, 20) == red(base, 73, 20));
}

TEST_CASE("discovered anchors get an amber, hollow ring around a small dot of their class", "[raster][splat]") {
    PlotPoints p;
    p.xy = {-15.0f, 0.0f, 15.0f, 0.0f};  // pixel centres x = 15 (a picked anchor) and 45 (a discovered one), y = 10
    p.colorIndex = {1, 1};
    std::vector<uint32_t> base;
    splat(p, {}, 60, 20, 4.0f, base);
    PlotOverlay o;
    o.anchors = {0, 1};
    o.discovered = {1};
    std::vector<uint32_t> img = base;
    splatMarkers(p, o, kView, 60, 20, 4.0f, img);
    const std::vector<MarkerPass> passes = markerPasses(4.0f, 2, 0.0f, 1);
    REQUIRE(passes.size() == 7u);
    for (size_t i = 3; i < 6; ++i) CHECK(passes[i].rows == MarkerPass::Rows::Discovered);
    CHECK(markerPasses(4.0f, 2, 0.0f, 0).size() == 4u);
    auto at = [&](int x, int y) { return img[size_t(y) * 60 + size_t(x)]; };
    auto channel = [](uint32_t v, int c) { return int((v >> (8 * c)) & 0xFF); };
    const int ring = int(0.5f * passes[2].size) - 1;  // inside the ring of both markers
    // Both show the class at their centre.
    CHECK(at(14, 9) == packed(classColor(1)));
    CHECK(at(44, 9) == packed(classColor(1)));
    // 2 px from the centre: the picked anchor's class fill, the discovered one's dark interior.
    CHECK(at(17, 10) == packed(classColor(1)));
    CHECK(channel(at(47, 10), 0) < 40);
    CHECK(channel(at(47, 10), 1) < 40);
    // The ring: white for the picked anchor, amber (red high, blue low) for the discovered one.
    CHECK(channel(at(15 + ring, 10), 2) > 230);
    CHECK(channel(at(45 + ring, 10), 0) > 230);
    CHECK(channel(at(45 + ring, 10), 2) < 60);
}

TEST_CASE("points composited front to back equal points painted in order, to 8-bit rounding", "[raster][splat]") {
    // 20,000 points of 4 classes on a 120 × 90 view: each pixel under many discs, most of them partly.
    PlotPoints p;
    uint32_t state = 12345;
    auto next = [&state] { return (state = state * 1664525u + 1013904223u) >> 8; };
    for (int i = 0; i < 20000; ++i) {
        p.xy.push_back(static_cast<float>(next() % 1300) / 10.0f - 65.0f);  // some discs straddle the edges
        p.xy.push_back(static_cast<float>(next() % 1000) / 10.0f - 50.0f);
        p.colorIndex.push_back(static_cast<uint16_t>(next() % 4));
    }
    const int w = 120, h = 90;
    const float size = 5.0f, radius = 2.5f;
    // The reference: every disc blended over the image in draw order (the GL point pass), in double precision.
    const Rgba8 bg = plotBackground();
    std::vector<double> ref(static_cast<size_t>(w) * h * 3);
    for (size_t k = 0; k < ref.size() / 3; ++k) ref[3 * k] = bg.r, ref[3 * k + 1] = bg.g, ref[3 * k + 2] = bg.b;
    for (size_t i = 0; i < p.colorIndex.size(); ++i) {
        const double px = p.xy[2 * i] + w * 0.5, py = h * 0.5 - p.xy[2 * i + 1];
        const Rgba8 c = classColor(p.colorIndex[i]);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                // Pixels whose centres lie in the sprite square of size + 1 px.
                const double dx = x + 0.5 - px, dy = y + 0.5 - py;
                if (std::abs(dx) > 0.5 * (size + 1.0) || std::abs(dy) > 0.5 * (size + 1.0)) continue;
                const double a = std::clamp(radius + 0.5 - std::sqrt(dx * dx + dy * dy), 0.0, 1.0);
                double* o = &ref[3 * (static_cast<size_t>(y) * w + x)];
                o[0] = c.r * a + o[0] * (1 - a), o[1] = c.g * a + o[1] * (1 - a), o[2] = c.b * a + o[2] * (1 - a);
            }
    }
    std::vector<uint32_t> img;
    splat(p, {}, w, h, size, img);
    REQUIRE(img.size() == static_cast<size_t>(w) * h);
    int worst = 0;
    for (size_t k = 0; k < img.size(); ++k)
        for (int c = 0; c < 3; ++c)
            worst = std::max(worst, std::abs(static_cast<int>((img[k] >> (8 * c)) & 0xFF) -
                                             static_cast<int>(std::lround(ref[3 * k + c]))));
    CHECK(worst <= 1);
    // A second view drawn with the same scratch planes starts from a clean slate.
    SplatScratch scratch;
    std::vector<uint32_t> again, empty;
    splatPoints(p, {}, kView, w, h, size, again, scratch);
    splatPoints(PlotPoints{}, {}, kView, w, h, size, empty, scratch);
    CHECK(again == img);
    CHECK(std::all_of(empty.begin(), empty.end(), [&](uint32_t v) { return v == packed(bg); }));
}
