#include "app/raster/class_palette.h"

#include <catch2/catch.hpp>

#include <array>
#include <cmath>

using namespace lb::ui;

namespace {
// sRGB (D65) to CIELAB, written out here from the standard formulas so that the test does not depend on the
// palette code it checks.
std::array<double, 3> toLab(Rgba8 c) {
    auto linear = [](uint8_t v) {
        const double x = v / 255.0;
        return x <= 0.04045 ? x / 12.92 : std::pow((x + 0.055) / 1.055, 2.4);
    };
    const double r = linear(c.r), g = linear(c.g), b = linear(c.b);
    const double X = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    const double Y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    const double Z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116.0; };
    return {116.0 * f(Y) - 16.0, 500.0 * (f(X) - f(Y)), 200.0 * (f(Y) - f(Z))};
}

double deltaE76(Rgba8 a, Rgba8 b) {
    const auto la = toLab(a), lb = toLab(b);
    return std::sqrt((la[0] - lb[0]) * (la[0] - lb[0]) + (la[1] - lb[1]) * (la[1] - lb[1]) +
                     (la[2] - lb[2]) * (la[2] - lb[2]));
}
}  // namespace

TEST_CASE("the selection colour is far from every class colour, so a selected point never reads as a class",
          "[raster][palette]") {
    const Rgba8 sel = selectionColor();
    // Every distinct palette entry: 12 base hues × 3 lightness variants, and the unlabeled grey.
    for (uint16_t c = 0; c < 3 * kBasePaletteSize; ++c) {
        INFO("class " << c);
        CHECK(deltaE76(sel, classColor(c)) > 30.0);
    }
    CHECK(deltaE76(sel, classColor(0xFFFF)) > 30.0);
    CHECK(deltaE76(sel, plotBackground()) > 30.0);
    // The check can fail: the old yellow rim (255, 214, 74) sat about 11 ΔE from the yellow class.
    CHECK(deltaE76(Rgba8{255, 214, 74, 255}, classColor(5)) < 30.0);
}

TEST_CASE("the sequential colour map: viridis' ends, brighter as values grow, and no selection colour",
          "[raster][palette]") {
    const Rgba8 lo = sequentialColor(0.0f), hi = sequentialColor(1.0f);
    CHECK((lo.r == 68 && lo.g == 1 && lo.b == 84));
    CHECK((hi.r == 253 && hi.g == 231 && hi.b == 37));
    double lastL = -1;
    for (int s = 0; s < kSequentialColors; ++s) {
        const Rgba8 c = classColor(static_cast<uint16_t>(kSequentialBase + s));
        const double l = toLab(c)[0];
        CHECK(l > lastL - 0.5);  // perceptual lightness rises (up to rounding to 8 bits)
        lastL = l;
        CHECK(deltaE76(selectionColor(), c) > 30.0);
    }
    CHECK(sequentialIndex(0.0f) == kSequentialBase);
    CHECK(sequentialIndex(1.0f) == kSequentialBase + kSequentialColors - 1);
    CHECK(sequentialIndex(std::nanf("")) == 0xFFFF);
    CHECK(sequentialIndex(2.0f) == sequentialIndex(1.0f));
}
